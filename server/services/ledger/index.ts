import type { AreaLevel } from '../../domain/areas'
import { AreaIndex, type AreaNode } from './area-index'
import { HazardColumns, type IndexedHazard } from './columns'
import type { Bucket } from '../../domain/days'
import { type CompiledFilter, compileFilter, keeps, keepsAll, select } from './filter'
import { Lru } from '../lru'
import { NewestOrder } from './newest-order'
import type { HazardFilter, Reach } from './query'
import { type AreaRow, type Summary, type TrendPoint, Tally, byArea, keyOf, newest, summarize, trend } from './stats'

export type { AreaNode, AreaRow, Bucket, CompiledFilter, HazardFilter, IndexedHazard, Reach, Summary, TrendPoint }
export { AreaIndex, HazardColumns }

/** Writes remembered for the caches; past this many the journal starts afresh. */
const JOURNAL_MAX = 20_000

/** One write: the row in the columns, and its copies in the journal before (-1: it was new) and after. */
export interface Change {
  row: number
  before: number
  after: number
}

/**
 * The query engine of the ledger: the area tree and the hazards' typed columns. The store
 * stays the source of truth; the index is rebuilt from it at start and kept current by the
 * services that write, in the same call that commits the write.
 */
export class LedgerIndex {
  readonly areas: AreaIndex
  readonly columns: HazardColumns
  /** rises with every change, so caches built from a selection know when they are stale */
  version = 0

  /**
   * What each write changed, oldest first: the row, and copies of it before (-1 if new) and
   * after, held in `journal`. Caches built at an earlier version replay these instead of
   * recounting the ledger; once the journal is full it starts afresh and older caches rebuild.
   */
  journal: HazardColumns
  private changes: Change[] = []
  private journalFrom = 0
  private readonly order: NewestOrder
  private readonly summaries = new Lru<string, { version: number; tally: Tally; filter: CompiledFilter }>(64)

  constructor(areas: readonly AreaNode[], hazards: Iterable<IndexedHazard>) {
    this.areas = new AreaIndex(areas)
    this.columns = new HazardColumns((id) => this.areas.gridOrd.get(id) ?? -1)
    for (const h of hazards) this.columns.upsert(h)
    this.journal = new HazardColumns(() => -1)
    this.order = new NewestOrder(this.columns)
  }

  get size(): number {
    return this.columns.n
  }

  upsert(h: IndexedHazard): void {
    if (this.changes.length >= JOURNAL_MAX) {
      this.journal = new HazardColumns(() => -1)
      this.changes = []
      this.journalFrom = this.version
    }
    const c = this.columns
    const slot = c.slotOf(h.id)
    const before = slot === undefined ? -1 : this.journal.copyRow(c, slot)
    c.upsert(h)
    const row = c.slotOf(h.id)!
    this.version++
    this.changes.push({ row, before, after: this.journal.copyRow(c, row) })
    this.order.touched(row, slot === undefined ? undefined : keyOf(this.journal.discovered[before]!, h.id))
  }

  /** The changes after a version, oldest first; null when the journal no longer reaches back to it. */
  changesSince(version: number): readonly Change[] | null {
    if (version < this.journalFrom || version > this.version) return null
    return this.changes.slice(version - this.journalFrom)
  }

  /** A filter and reach as masks and bounds, for `keeps` on single rows (a cache kept current). */
  compile(filter: HazardFilter, reach: Reach, today: string, text: Set<number> | null = null): CompiledFilter {
    return compileFilter(filter, reach, this.areas, today, text)
  }

  select(filter: HazardFilter, reach: Reach, today: string, text: Set<number> | null = null): Int32Array {
    const compiled = compileFilter(filter, reach, this.areas, today, text)
    // The unfiltered ledger (the leader's first view, the wall) is the commonest question: no pass needed.
    return keepsAll(compiled) ? this.everything() : select(this.columns, compiled)
  }

  private all = new Int32Array(0)
  private everything(): Int32Array {
    const n = this.columns.n
    // Grown ahead of the ledger, so a write does not cost a fresh list of every row.
    if (this.all.length < n) {
      this.all = new Int32Array(Math.ceil(n * 1.25))
      for (let i = 0; i < this.all.length; i++) this.all[i] = i
    }
    return this.all.subarray(0, n)
  }

  summary(sel: Int32Array, today: string): Summary {
    return summarize(this.columns, sel, today)
  }

  /**
   * The summary of what a filter keeps, kept per (filter, reach, today) and brought up to date by
   * the rows written since: each changed row counted out as it was and in as it is, by the same
   * predicate as a full pass. A text search is counted afresh (its matches move with the text).
   */
  summaryOf(filter: HazardFilter, reach: Reach, today: string, text: Set<number> | null = null): Summary {
    if (text) return this.summary(this.select(filter, reach, today, text), today)
    const key = JSON.stringify([filter, reach, today])
    let hit = this.summaries.get(key)
    const changes = hit ? this.changesSince(hit.version) : null
    if (!hit || !changes) {
      const compiled = compileFilter(filter, reach, this.areas, today, null)
      const tally = new Tally(today)
      const sel = keepsAll(compiled) ? this.everything() : select(this.columns, compiled)
      for (let k = 0; k < sel.length; k++) tally.add(this.columns, sel[k]!, 1)
      hit = { version: this.version, tally, filter: compiled }
      this.summaries.set(key, hit)
    } else {
      const j = this.journal
      for (const ch of changes) {
        if (ch.before >= 0 && keeps(j, ch.before, hit.filter)) hit.tally.add(j, ch.before, -1)
        if (keeps(j, ch.after, hit.filter)) hit.tally.add(j, ch.after, 1)
      }
      hit.version = this.version
    }
    return hit.tally.summary()
  }

  /** Ids of the newest `limit` hazards a filter keeps, before a cursor, by discovery day then id: a walk down the kept order. */
  newestOf(filter: HazardFilter, reach: Reach, today: string, text: Set<number> | null, limit: number, before?: { day: number; id: number }): number[] {
    return this.order.newest(compileFilter(filter, reach, this.areas, today, text), limit, before)
  }

  trend(sel: Int32Array, bucket: Bucket, from: string, to: string): TrendPoint[] {
    return trend(this.columns, sel, bucket, from, to)
  }

  byArea(sel: Int32Array, level: AreaLevel, today: string): AreaRow[] {
    return byArea(this.columns, sel, this.areas, level, today)
  }

  newest(sel: Int32Array, limit: number, before?: { day: number; id: number }): number[] {
    return newest(this.columns, sel, limit, before)
  }
}
