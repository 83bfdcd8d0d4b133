import type { AreaLevel } from '../../domain/areas'
import { AreaIndex, type AreaNode } from './area-index'
import { HazardColumns, type IndexedHazard } from './columns'
import type { Bucket } from './days'
import { compileFilter, keepsAll, select } from './filter'
import type { HazardFilter, Reach } from './query'
import { type AreaRow, type Summary, type TrendPoint, byArea, newest, summarize, trend } from './stats'

export type { AreaNode, AreaRow, Bucket, HazardFilter, IndexedHazard, Reach, Summary, TrendPoint }
export { AreaIndex, HazardColumns }

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

  constructor(areas: readonly AreaNode[], hazards: Iterable<IndexedHazard>) {
    this.areas = new AreaIndex(areas)
    this.columns = new HazardColumns((id) => this.areas.gridOrd.get(id) ?? -1)
    for (const h of hazards) this.columns.upsert(h)
  }

  get size(): number {
    return this.columns.n
  }

  upsert(h: IndexedHazard): void {
    this.columns.upsert(h)
    this.version++
  }

  select(filter: HazardFilter, reach: Reach, today: string, text: Set<number> | null = null): Int32Array {
    const compiled = compileFilter(filter, reach, this.areas, today, text)
    // The unfiltered ledger (the leader's first view, the wall) is the commonest question: no pass needed.
    return keepsAll(compiled) ? this.everything() : select(this.columns, compiled)
  }

  private all = new Int32Array(0)
  private everything(): Int32Array {
    if (this.all.length !== this.columns.n) this.all = Int32Array.from({ length: this.columns.n }, (_, i) => i)
    return this.all
  }

  summary(sel: Int32Array, today: string): Summary {
    return summarize(this.columns, sel, today)
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
