import type { HazardColumns } from './columns'
import { type CompiledFilter, keepRows, keeps } from './filter'
import { ID_SPAN, keyOf } from './stats'

/** Rows moved or added since the order was sorted; beyond this many they are merged into it. */
const PENDING_MAX = 1024
/** Rows of the order tested at a time, growing from the first to the last. */
const CHUNK_MIN = 256
const CHUNK_MAX = 65_536

/**
 * The ledger's rows newest first (discovery day, then id), so a list page walks from its cursor
 * and stops at its limit instead of selecting and ranking the whole ledger. Rows a write adds
 * (or whose discovery day it changes) wait in a small pending list merged in as the walk goes,
 * and are folded into the order by a linear merge now and then; the order is sorted once.
 */
export class NewestOrder {
  /** row indices, newest first, and the key each was placed by */
  private rows = new Int32Array(0)
  private keys = new Float64Array(0)
  private readonly pending = new Set<number>()
  private sorted = false
  private readonly buf = new Int32Array(CHUNK_MAX)

  constructor(private readonly c: HazardColumns) {}

  private keyAt(i: number): number {
    return keyOf(this.c.discovered[i]!, this.c.id[i]!)
  }

  /** A row was added or changed; `before` is its key before the change (undefined if new). */
  touched(i: number, before: number | undefined): void {
    if (!this.sorted) return
    if (before === undefined || before !== this.keyAt(i)) this.pending.add(i)
  }

  private sort(): void {
    const c = this.c
    const keys = new Float64Array(c.n)
    for (let i = 0; i < c.n; i++) keys[i] = this.keyAt(i)
    keys.sort().reverse()
    const rows = new Int32Array(c.n)
    for (let k = 0; k < keys.length; k++) rows[k] = c.slotOf(keys[k]! % ID_SPAN)!
    this.rows = rows
    this.keys = keys
    this.pending.clear()
    this.sorted = true
  }

  /** The pending rows, newest first, with their keys. */
  private pendingSorted(): { rows: number[]; keys: number[] } {
    const rows = [...this.pending].sort((a, b) => this.keyAt(b) - this.keyAt(a))
    return { rows, keys: rows.map((i) => this.keyAt(i)) }
  }

  private merge(): void {
    const p = this.pendingSorted()
    // Moved rows leave their old place; the merged order is at most this long.
    const rows = new Int32Array(this.rows.length + p.rows.length)
    const keys = new Float64Array(rows.length)
    let a = 0
    let b = 0
    let k = 0
    for (;;) {
      while (a < this.rows.length && this.pending.has(this.rows[a]!)) a++
      if (b < p.rows.length && (a >= this.rows.length || p.keys[b]! > this.keys[a]!)) {
        rows[k] = p.rows[b]!
        keys[k++] = p.keys[b++]!
      } else if (a < this.rows.length) {
        rows[k] = this.rows[a]!
        keys[k++] = this.keys[a++]!
      } else break
    }
    this.rows = rows.slice(0, k)
    this.keys = keys.slice(0, k)
    this.pending.clear()
  }

  /** Ids of the newest `limit` rows the filter keeps, strictly older than the cursor, newest first. */
  newest(f: CompiledFilter, limit: number, before?: { day: number; id: number }): number[] {
    if (!this.sorted) this.sort()
    else if (this.pending.size > PENDING_MAX) this.merge()
    const bound = before ? keyOf(before.day, before.id) : Infinity
    const p = this.pendingSorted()
    // The first sorted position older than the cursor (keys descend).
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.keys[mid]! >= bound) lo = mid + 1
      else hi = mid
    }
    // Pending rows the filter keeps, merged in by key as the sorted order is walked in chunks.
    const pend = p.rows.map((i, k) => [i, p.keys[k]!] as const).filter(([i, key]) => key < bound && keeps(this.c, i, f))
    let b = 0
    const out: number[] = []
    const c = this.c
    const buf = this.buf
    // Chunks grow: a page of the whole ledger stops early, a narrow filter walks on in long strides.
    for (let a = lo, chunk = CHUNK_MIN; a < this.rows.length && out.length < limit; a += chunk, chunk = Math.min(chunk * 2, CHUNK_MAX)) {
      const n = keepRows(c, f, this.rows, a, Math.min(a + chunk, this.rows.length), buf)
      for (let q = 0; q < n && out.length < limit; q++) {
        const i = buf[q]!
        if (this.pending.has(i)) continue
        const key = this.keyAt(i)
        while (b < pend.length && pend[b]![1] > key && out.length < limit) out.push(c.id[pend[b++]![0]]!)
        if (out.length < limit) out.push(c.id[i]!)
      }
    }
    while (b < pend.length && out.length < limit) out.push(c.id[pend[b++]![0]]!)
    return out
  }
}
