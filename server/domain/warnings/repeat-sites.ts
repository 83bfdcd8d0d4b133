import { REOPEN_DAYS, REOPEN_METRES, metresBetween, reopensAfter } from '../accountability'
import { fromDay, toDay } from '../days'
import { BIN_DAYS, type DetectorOptions, MAX_BINS, type Signal, type WarningGeography, type WarningLedger } from './model'
import { categoryOfCode, cellsArea, itemIdOf, leadUnitOfCode, signalKey } from './signals'

/**
 * Detector 3, repeat sites (同一地点反复出现): the same item found again at the same place (within
 * REOPEN_METRES, or at the same key site) within REOPEN_DAYS after a close-out, as accountability's
 * `reopensAfter` judges it: a suspected false close-out (虚假销号) or a fix that failed. Reopenings
 * of one place and item chain together; the chain warns on its second reopening (R9, yellow), or on
 * its first when the closed or the returning hazard is major or significant (R8, orange). A
 * reopening is a close-out that did not hold, counted once with the first find that came back.
 */

/** Chains are built from the finds of the last year (the detectors' look-back). */
const LOOK_BACK_DAYS = MAX_BINS * BIN_DAYS
/** A chain fires while its latest reopening was reported within this many days: after that the place has held. */
const FRESH_DAYS = REOPEN_DAYS
const EVIDENCE_MAX = 10
/** Level codes 1 major, 2 significant. */
const isSerious = (level: number) => level === 1 || level === 2

/**
 * The step of the hash grid, in degrees: at least REOPEN_METRES both ways below 60° latitude, so
 * every find within REOPEN_METRES of a close-out lies in the 3×3 block of cells around it.
 */
const CELL_DEG = REOPEN_METRES / (111_320 * Math.cos(Math.PI / 3))
/** Cells 4096 steps apart (≈ 250 km) share a key: harmless, as every pair is judged on its distance. */
const cellKey = (item: number, x: number, y: number) => (item * 4096 + (x & 4095)) * 4096 + (y & 4095)
const siteKey = (item: number, ord: number) => item * 1_048_576 + ord

export function detectRepeatSites(l: WarningLedger, geo: WarningGeography, options: DetectorOptions): Signal[] {
  const asOf = toDay(options.asOf)
  const links = reopenings(l, asOf)
  return chains(l, links, asOf).flatMap((chain) => {
    const s = chainSignal(l, geo, chain, asOf)
    return s ? [s] : []
  })
}

/** Reopenings: the closed hazards' rows and the rows of the first finds that came back after their close-outs. */
interface Links {
  n: number
  closed: Int32Array
  later: Int32Array
}

/**
 * Rows bucketed by a key, each bucket's rows in the order given: the buckets in order of their key,
 * their rows end to end, and where each starts. Typed arrays and one numeric sort, so a city's half
 * a million finds cost neither a hash map nor garbage.
 */
class Buckets {
  /** each bucket's key, ascending */
  keys: Float64Array
  /** where each bucket's rows start in `rows`; one more than the buckets */
  start: Int32Array
  rows: Int32Array

  constructor(rows: Int32Array, keyOf: (i: number) => number) {
    // key and position packed in one double: one native sort orders the rows by key, and by their
    // given order within a key
    if (rows.length > POSITIONS) throw new Error(`repeat sites: ${rows.length} finds exceed ${POSITIONS} in a year`)
    const packed = new Float64Array(rows.length)
    for (let k = 0; k < rows.length; k++) packed[k] = keyOf(rows[k]!) * POSITIONS + k
    packed.sort()
    this.rows = new Int32Array(rows.length)
    const keys: number[] = []
    const start: number[] = []
    for (let k = 0; k < packed.length; k++) {
      const key = Math.floor(packed[k]! / POSITIONS)
      this.rows[k] = rows[packed[k]! - key * POSITIONS]!
      if (keys.length === 0 || keys[keys.length - 1] !== key) {
        keys.push(key)
        start.push(k)
      }
    }
    start.push(rows.length)
    this.keys = Float64Array.from(keys)
    this.start = Int32Array.from(start)
  }

  /** The bucket of a key, or -1. */
  find(key: number): number {
    let lo = 0
    let hi = this.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.keys[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo < this.keys.length && this.keys[lo] === key ? lo : -1
  }
}
/** Positions packed beside a key (keys < 2^29 leave 2^53 / 2^29 = 2^24 positions; 2^22 is plenty). */
const POSITIONS = 2 ** 22

/**
 * Every close-out reopened as of the day, with its first return: the later find reported by then,
 * the earlier closed by then. Each close-out counts once, as the scorecards count 疑似虚假销号: a
 * busy key site where the same item is found every few days is one failed fix per close-out, not
 * one per find.
 */
function reopenings(l: WarningLedger, asOf: number): Links {
  const from = asOf - LOOK_BACK_DAYS
  // The finds that may come back, in order of the day found...
  const found = countingSort(l, (i) => l.reported[i]! <= asOf && l.discovered[i]! >= from && l.discovered[i]! <= asOf, (i) => l.discovered[i]!, from, asOf)
  // ... bucketed by item and hash cell, and by item and key site
  const byCell = new Buckets(found, (i) => cellKey(l.item[i]!, Math.floor(l.lon[i]! / CELL_DEG), Math.floor(l.lat[i]! / CELL_DEG)))
  const atSites = found.filter((i) => l.site[i]! > 0)
  const bySite = new Buckets(atSites, (i) => siteKey(l.item[i]!, l.site[i]!))

  // The close-outs, in order of the day closed, bucketed by the same cells: each bucket looks up its
  // 3×3 block once and walks each neighbouring bucket forward with its close-outs.
  const closedDay = (i: number) => l.closed[i]!
  const closedRows = countingSort(l, (i) => {
    const c = l.closed[i]!
    return c > 0 && c <= asOf && c >= from - REOPEN_DAYS && l.reported[i]! <= asOf
  }, closedDay, from - REOPEN_DAYS, asOf)
  const closedByCell = new Buckets(closedRows, (i) => cellKey(l.item[i]!, Math.floor(l.lon[i]! / CELL_DEG), Math.floor(l.lat[i]! / CELL_DEG)))

  const links: Links = { n: 0, closed: new Int32Array(1024), later: new Int32Array(1024) }
  const here: [number, number] = [0, 0]
  const there: [number, number] = [0, 0]
  const metres = () => metresBetween(here, there)
  /** The first find of rows[from, end), from the close-out on, that reopens i; `best` when none comes before it. */
  const firstIn = (rows: Int32Array, from: number, end: number, i: number, closed: number, best: number): number => {
    for (let k = from; k < end; k++) {
      const j = rows[k]!
      const d = l.discovered[j]!
      // rows are in order found (ties in row order): none after `best` can come first
      if (d > closed + REOPEN_DAYS || (best >= 0 && (d > l.discovered[best]! || (d === l.discovered[best]! && j > best)))) return best
      if (j === i) continue
      there[0] = l.lon[j]!
      there[1] = l.lat[j]!
      if (reopensAfter(d - closed, l.site[i]! > 0 && l.site[i] === l.site[j], metres)) return j
    }
    return best
  }
  /** The first row of a bucket found on or after a day. */
  const firstFound = (b: Buckets, ord: number, day: number): number => {
    let lo = b.start[ord]!
    let hi = b.start[ord + 1]!
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (l.discovered[b.rows[mid]!]! < day) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const near = new Int32Array(9)
  const cursor = new Int32Array(9)
  for (let ord = 0; ord < closedByCell.keys.length; ord++) {
    const key = closedByCell.keys[ord]!
    const item = Math.floor(key / 16_777_216)
    const x = Math.floor(key / 4096) % 4096
    const y = key % 4096
    for (let dx = -1, k = 0; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++, k++) {
        near[k] = byCell.find(cellKey(item, x + dx, y + dy))
        cursor[k] = near[k]! >= 0 ? byCell.start[near[k]!]! : 0
      }
    }
    for (let c = closedByCell.start[ord]!; c < closedByCell.start[ord + 1]!; c++) {
      const i = closedByCell.rows[c]!
      const closed = l.closed[i]!
      here[0] = l.lon[i]!
      here[1] = l.lat[i]!
      let first = -1
      // the key site and the cell itself first: the commonest return, after which the others stop early
      const site = l.site[i]!
      if (site) {
        const b = bySite.find(siteKey(l.item[i]!, site))
        if (b >= 0) first = firstIn(bySite.rows, firstFound(bySite, b, closed), bySite.start[b + 1]!, i, closed, first)
      }
      for (let n = 0; n < 9; n++) {
        const k = (n + 4) % 9 // 4 is the cell itself (dx = dy = 0)
        const b = near[k]!
        if (b < 0) continue
        const end = byCell.start[b + 1]!
        // close-outs come in order of their day, so each bucket's cursor only moves forward
        while (cursor[k]! < end && l.discovered[byCell.rows[cursor[k]!]!]! < closed) cursor[k]!++
        first = firstIn(byCell.rows, cursor[k]!, end, i, closed, first)
      }
      if (first < 0) continue
      if (links.n === links.closed.length) {
        links.closed = grow(links.closed)
        links.later = grow(links.later)
      }
      links.closed[links.n] = i
      links.later[links.n++] = first
    }
  }
  return links
}

/** The rows kept, in order of a day each (a counting sort over [first, last]: stable, so ties stay in row order). */
function countingSort(l: WarningLedger, keep: (i: number) => boolean, dayOf: (i: number) => number, first: number, last: number): Int32Array {
  const perDay = new Int32Array(last - first + 2)
  const kept = new Uint8Array(l.n)
  for (let i = 0; i < l.n; i++) {
    if (!keep(i)) continue
    kept[i] = 1
    perDay[dayOf(i) - first + 1]!++
  }
  for (let d = 1; d < perDay.length; d++) perDay[d]! += perDay[d - 1]!
  const out = new Int32Array(perDay[perDay.length - 1]!)
  for (let i = 0; i < l.n; i++) if (kept[i]) out[perDay[dayOf(i) - first]!++] = i
  return out
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

/** One place and item's reopenings: its hazards' rows in order found, and the close-outs that did not hold. */
interface Chain {
  rows: number[]
  reopened: number[]
  /** the day the latest return was reported */
  lastReturn: number
  serious: boolean
}

/** Reopenings joined into chains: a find that came back and was closed again, and came back again, is one place. */
function chains(l: WarningLedger, links: Links, asOf: number): Chain[] {
  const parent = new Int32Array(l.n).fill(-1)
  const find = (i: number): number => {
    let r = i
    while (parent[r]! !== r) r = parent[r]!
    // path compression keeps long chains at a key site cheap
    for (let k = i; k !== r; ) { const next = parent[k]!; parent[k] = r; k = next }
    return r
  }
  for (let k = 0; k < links.n; k++) {
    const closed = links.closed[k]!
    const later = links.later[k]!
    if (parent[closed]! < 0) parent[closed] = closed
    if (parent[later]! < 0) parent[later] = later
    const a = find(closed)
    const b = find(later)
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
  }
  const byRoot = new Map<number, Chain>()
  for (let k = 0; k < links.n; k++) {
    const closed = links.closed[k]!
    const later = links.later[k]!
    const root = find(closed)
    let chain = byRoot.get(root)
    if (!chain) byRoot.set(root, (chain = { rows: [], reopened: [], lastReturn: 0, serious: false }))
    chain.reopened.push(closed)
    chain.lastReturn = Math.max(chain.lastReturn, l.reported[later]!)
    if (isSerious(l.level[closed]!) || isSerious(l.level[later]!)) chain.serious = true
  }
  for (let i = 0; i < l.n; i++) if (parent[i]! >= 0) byRoot.get(find(i))!.rows.push(i)
  const byFound = (a: number, b: number) => l.discovered[a]! - l.discovered[b]! || l.id[a]! - l.id[b]!
  // fresh chains only: the latest return reported within FRESH_DAYS
  const out = [...byRoot.values()].filter((c) => c.lastReturn > asOf - FRESH_DAYS)
  for (const c of out) c.rows.sort(byFound)
  return out
}

function chainSignal(l: WarningLedger, geo: WarningGeography, chain: Chain, asOf: number): Signal | null {
  const reopened = chain.reopened.length
  if (reopened < 2 && !chain.serious) return null
  const first = chain.rows[0]!
  const code = l.item[first]!
  const category = categoryOfCode[code]!
  const item = itemIdOf[code]!
  const siteOrd = chain.rows.map((i) => l.site[i]!).find((s) => s > 0) ?? 0
  const siteId = siteOrd > 0 ? (l.siteIds?.[siteOrd] || `s${siteOrd}`) : `p:${l.id[first]}`
  const serious = chain.serious
  return {
    key: signalKey('repeat_site', `site:${siteId}`, category, item),
    detector: 'repeat_site',
    level: serious ? 'orange' : 'yellow',
    ruleId: serious ? 'R8' : 'R9',
    area: cellsArea('site', siteId, chain.rows.map((i) => l.grid[i]!), geo),
    category,
    item,
    window: { from: fromDay(l.discovered[first]!), to: fromDay(asOf) },
    observed: reopened,
    expected: null,
    ratio: null,
    stats: {},
    streak: reopened,
    slope: null,
    // the latest finds of the chain, in the order found
    evidence: chain.rows.slice(-EVIDENCE_MAX).map((i) => l.id[i]!),
    parameters: { metres: REOPEN_METRES, days: REOPEN_DAYS, hazards: chain.rows.length, serious: serious ? 1 : 0, site: siteOrd > 0 ? siteId : '' },
    responsible: { kind: 'lead_unit', id: leadUnitOfCode[code]! },
  }
}
