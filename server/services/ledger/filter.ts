import { categoryIds } from '../../domain/categories'
import { riskLevelIds } from '../../domain/levels'
import { sourceIds } from '../../domain/sources'
import { statusIds } from '../../domain/statuses'
import { itemIds } from '../../domain/categories'
import { OVERDUE_STATUS, categoryCode, itemCategory, itemCode, levelCode, maskOf, sourceCode, statusCode } from './codes'
import type { AreaIndex } from './area-index'
import type { HazardColumns } from './columns'
import { toDay } from './days'
import type { HazardFilter, Reach } from './query'

/** A filter and a reach reduced to masks and bounds over the typed columns. */
export interface CompiledFilter {
  item: Uint8Array | null
  status: Uint8Array | null
  level: Uint8Array | null
  source: Uint8Array | null
  grid: Uint8Array | null
  from: number
  to: number
  overdueBefore: number
  escalated: boolean
  openOn: number
  campaign: number
  bbox: [number, number, number, number] | null
  /** ids that matched the text search, when there was one */
  text: Set<number> | null
  /** items placed at their village for this caller, and the grid mask as whole villages */
  generalised: Uint8Array | null
  gridCoarse: Uint8Array | null
  villageLon: Float32Array
  villageLat: Float32Array
}

function and(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (!a) return b
  if (!b) return a
  return a.map((v, i) => v & b[i]!)
}

export function compileFilter(f: HazardFilter, reach: Reach, areas: AreaIndex, today: string, text: Set<number> | null): CompiledFilter {
  const categories = and(maskOf(categoryIds, categoryCode, f.category), maskOf(categoryIds, categoryCode, reach.categories))
  const itemFromCategory = categories ? Uint8Array.from(itemIds, (_, i) => categories[itemCategory[i]!]!) : null
  const requested = areas.gridMask(f.area)
  const areaMask = and(requested, areas.gridMask(reach.areaIds))
  const generalised = maskOf(itemIds, itemCode, reach.generalisedItems)
  return {
    generalised,
    gridCoarse: generalised && areaMask ? and(requested ? areas.villageCovered(requested) : null, areas.gridMask(reach.areaIds)) : null,
    villageLon: areas.villageLon,
    villageLat: areas.villageLat,
    item: and(maskOf(itemIds, itemCode, f.item), itemFromCategory),
    status: maskOf(statusIds, statusCode, f.status),
    level: maskOf(riskLevelIds, levelCode, f.level, riskLevelIds.length + 1),
    source: maskOf(sourceIds, sourceCode, f.source),
    grid: areaMask,
    from: f.from ? toDay(f.from) : -Infinity,
    to: f.to ? toDay(f.to) : Infinity,
    overdueBefore: f.overdue ? toDay(today) : 0,
    escalated: !!f.escalated,
    openOn: f.openOn ? toDay(f.openOn) : 0,
    campaign: f.campaign ?? 0,
    bbox: f.bbox ?? null,
    text,
  }
}

/** Whether the filter keeps everything, so a selection pass can be skipped. */
export function keepsAll(f: CompiledFilter): boolean {
  return !f.item && !f.status && !f.level && !f.source && !f.grid && f.from === -Infinity && f.to === Infinity &&
    !f.overdueBefore && !f.escalated && !f.openOn && !f.campaign && !f.bbox && !f.text
}

/**
 * Whether row i of the columns passes the filter: the one predicate every list, statistic and
 * tile counts from, whether over the whole ledger or over one changed row (caches kept current).
 */
export function keeps(c: HazardColumns, i: number, f: CompiledFilter): boolean {
  const item = c.item[i]!
  if (f.item && !f.item[item]) return false
  const vague = f.generalised !== null && f.generalised[item] === 1
  if (f.status && !f.status[c.status[i]!]) return false
  if (f.level && !f.level[c.level[i]!]) return false
  if (f.source && !f.source[c.source[i]!]) return false
  if (f.grid && !(vague ? f.gridCoarse! : f.grid)[c.grid[i]!]) return false
  const d = c.discovered[i]!
  if (d < f.from || d > f.to) return false
  if (f.overdueBefore && !(OVERDUE_STATUS[c.status[i]!] && c.deadline[i]! > 0 && c.deadline[i]! < f.overdueBefore)) return false
  if (f.escalated && !c.escalated[i]) return false
  if (f.openOn && (d > f.openOn || (c.closed[i]! > 0 && c.closed[i]! <= f.openOn))) return false
  if (f.campaign && c.campaign[i] !== f.campaign) return false
  if (f.bbox) {
    const x = vague ? f.villageLon[c.grid[i]!]! : c.lon[i]!
    const y = vague ? f.villageLat[c.grid[i]!]! : c.lat[i]!
    if (x < f.bbox[0] || x > f.bbox[2] || y < f.bbox[1] || y > f.bbox[3]) return false
  }
  if (f.text && !f.text.has(c.id[i]!)) return false
  return true
}

/** Indices (into the columns) of every hazard the filter keeps, in column order. */
export function select(c: HazardColumns, f: CompiledFilter): Int32Array {
  const out = new Int32Array(c.n)
  let k = 0
  for (let i = 0; i < c.n; i++) if (keeps(c, i, f)) out[k++] = i
  return out.subarray(0, k)
}
