import { categoryIds } from '../../domain/categories'
import { riskLevelIds } from '../../domain/levels'
import { sourceIds } from '../../domain/sources'
import { statusIds } from '../../domain/statuses'
import type { AreaLevel } from '../../domain/areas'
import type { AreaRow, Summary, TrendPoint } from '../../domain/stats'

export type { AreaRow, Summary, TrendPoint }
import { CLOSED, OVERDUE_STATUS, itemCategory } from './codes'
import type { AreaIndex } from './area-index'
import type { HazardColumns } from './columns'
import { type Bucket, bucketsBetween, fromDay, toDay } from '../../domain/days'

const rate = (closed: number, total: number) => (total === 0 ? 0 : Math.round((closed / total) * 1000) / 1000)

function record(ids: readonly string[], counts: ArrayLike<number>, offset = 0): Record<string, number> {
  return Object.fromEntries(ids.map((id, i) => [id, counts[i + offset]!]))
}

/**
 * The summary's counts, added to (or taken from) one hazard at a time: a full pass over a
 * selection, or a cached summary kept current by the rows a write changed.
 */
export class Tally {
  readonly byCategory = new Int32Array(categoryIds.length)
  readonly byLevel = new Int32Array(riskLevelIds.length + 1)
  readonly byStatus = new Int32Array(statusIds.length)
  readonly bySource = new Int32Array(sourceIds.length)
  total = 0
  overdue = 0
  escalated = 0
  escalatedOpen = 0
  private readonly t: number

  constructor(today: string) {
    this.t = toDay(today)
  }

  /** Counts row i in (sign 1) or out (sign -1). */
  add(c: HazardColumns, i: number, sign: 1 | -1): void {
    const s = c.status[i]!
    this.total += sign
    this.byCategory[itemCategory[c.item[i]!]!]! += sign
    this.byLevel[c.level[i]!]! += sign
    this.byStatus[s]! += sign
    this.bySource[c.source[i]!]! += sign
    if (OVERDUE_STATUS[s] && c.deadline[i]! > 0 && c.deadline[i]! < this.t) this.overdue += sign
    if (c.escalated[i]) {
      this.escalated += sign
      if (s !== CLOSED) this.escalatedOpen += sign
    }
  }

  summary(): Summary {
    const closed = this.byStatus[CLOSED]!
    const levels = record(riskLevelIds, this.byLevel, 1)
    return {
      total: this.total,
      open: this.total - closed,
      overdue: this.overdue,
      escalated: this.escalated,
      escalatedOpen: this.escalatedOpen,
      closed,
      closeRate: rate(closed, this.total),
      byCategory: record(categoryIds, this.byCategory) as Summary['byCategory'],
      byLevel: { ...levels, unassessed: this.byLevel[0]! } as Summary['byLevel'],
      byStatus: record(statusIds, this.byStatus) as Summary['byStatus'],
      bySource: record(sourceIds, this.bySource) as Summary['bySource'],
    }
  }
}

export function summarize(c: HazardColumns, sel: Int32Array, today: string): Summary {
  const tally = new Tally(today)
  for (let k = 0; k < sel.length; k++) tally.add(c, sel[k]!, 1)
  return tally.summary()
}

/** Reported and closed per bucket, and the open backlog at each bucket's end. */
export function trend(c: HazardColumns, sel: Int32Array, bucket: Bucket, fromDate: string, toDate: string): TrendPoint[] {
  const from = toDay(fromDate)
  const to = toDay(toDate)
  if (to < from) return []
  const span = to - from + 1
  // Per-day histograms, then prefix sums: one pass over the selection whatever the bucket.
  const reportedOn = new Int32Array(span + 1)
  const closedOn = new Int32Array(span + 1)
  let openBefore = 0
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!
    const d = c.discovered[i]!
    const x = c.closed[i]!
    if (d < from) {
      if (x === 0 || x >= from) openBefore++
    } else if (d <= to) reportedOn[d - from]!++
    if (x >= from && x <= to) closedOn[x - from]!++
  }
  const out: TrendPoint[] = []
  let open = openBefore
  for (const [s, e] of bucketsBetween(from, to, bucket)) {
    let reported = 0
    let closed = 0
    for (let d = Math.max(s, from); d <= Math.min(e, to); d++) {
      reported += reportedOn[d - from]!
      closed += closedOn[d - from]!
    }
    open += reported - closed
    // The first and last buckets are cut to the period asked for, and say so in their dates.
    out.push({ start: fromDay(Math.max(s, from)), end: fromDay(Math.min(e, to)), reported, closed, openAtEnd: open })
  }
  return out
}

export function byArea(c: HazardColumns, sel: Int32Array, areas: AreaIndex, level: AreaLevel, today: string): AreaRow[] {
  const list = areas.byLevel.get(level) ?? []
  const up = areas.gridAncestor.get(level)
  const total = new Int32Array(list.length)
  const closed = new Int32Array(list.length)
  const overdue = new Int32Array(list.length)
  const escalated = new Int32Array(list.length)
  const t = toDay(today)
  if (up) {
    for (let k = 0; k < sel.length; k++) {
      const i = sel[k]!
      const a = up[c.grid[i]!]!
      if (a < 0) continue
      const s = c.status[i]!
      total[a]!++
      if (s === CLOSED) closed[a]!++
      if (c.escalated[i]) escalated[a]!++
      if (OVERDUE_STATUS[s] && c.deadline[i]! > 0 && c.deadline[i]! < t) overdue[a]!++
    }
  }
  return list.map((a, i) => {
    const open = total[i]! - closed[i]!
    return {
      areaId: a.id,
      name: a.name,
      total: total[i]!,
      open,
      overdue: overdue[i]!,
      escalated: escalated[i]!,
      closed: closed[i]!,
      closeRate: rate(closed[i]!, total[i]!),
      density: a.population ? Math.round((open / a.population) * 1000 * 100) / 100 : null,
    }
  })
}

/** Orders hazards by discovery day, then id: one number, so the heap compares numbers only. */
export const ID_SPAN = 1e8
export const keyOf = (day: number, id: number) => day * ID_SPAN + id

/** The newest `limit` ids of a selection before a cursor, by discovery day then id, newest first. */
export function newest(c: HazardColumns, sel: Int32Array, limit: number, before?: { day: number; id: number }): number[] {
  const bound = before ? keyOf(before.day, before.id) : Infinity
  // A min-heap of the best `limit` keys seen: its root is the oldest that still qualifies.
  const heap = new Float64Array(limit)
  let size = 0
  for (let k = 0; k < sel.length; k++) {
    const i = sel[k]!
    const key = keyOf(c.discovered[i]!, c.id[i]!)
    if (key >= bound) continue
    if (size < limit) {
      let j = size++
      while (j > 0) {
        const p = (j - 1) >> 1
        if (heap[p]! <= key) break
        heap[j] = heap[p]!
        j = p
      }
      heap[j] = key
    } else if (key > heap[0]!) {
      let j = 0
      for (;;) {
        const l = 2 * j + 1
        if (l >= size) break
        const r = l + 1
        const m = r < size && heap[r]! < heap[l]! ? r : l
        if (heap[m]! >= key) break
        heap[j] = heap[m]!
        j = m
      }
      heap[j] = key
    }
  }
  return Array.from(heap.subarray(0, size))
    .sort((a, b) => b - a)
    .map((key) => key % ID_SPAN)
}
