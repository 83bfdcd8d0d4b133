import { categoryIds } from '../../domain/categories'
import { riskLevelIds } from '../../domain/levels'
import { sourceIds } from '../../domain/sources'
import { statusIds } from '../../domain/statuses'
import { itemIds } from '../../domain/categories'
import { OVERDUE_STATUS, categoryCode, itemCategory, itemCode, levelCode, maskOf, sourceCode, statusCode } from './codes'
import type { AreaIndex } from './area-index'
import type { HazardColumns } from './columns'
import { toDay } from '../../domain/days'
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
 * Of the rows rows[start..end), those
 * the filter keeps, written in order to out; how many. The one predicate every list, statistic
 * and tile counts from: over the whole ledger, down the newest-first order, or for one changed
 * row when a cache is kept current.
 */
export function keepRows(c: HazardColumns, f: CompiledFilter, rows: Int32Array, start: number, end: number, out: Int32Array): number {
  let k = 0
  // The filter's fields as locals: a pass over 500,000 rows stays a tight loop.
  const { item, status, level, source, grid, from, to, overdueBefore, escalated, openOn, campaign, bbox, text, generalised, gridCoarse, villageLon, villageLat } = f
  for (let p = start; p < end; p++) {
    const i = rows[p]!
    if (item && !item[c.item[i]!]) continue
    const vague = generalised !== null && generalised[c.item[i]!] === 1
    if (status && !status[c.status[i]!]) continue
    if (level && !level[c.level[i]!]) continue
    if (source && !source[c.source[i]!]) continue
    if (grid && !(vague ? gridCoarse! : grid)[c.grid[i]!]) continue
    const d = c.discovered[i]!
    if (d < from || d > to) continue
    if (overdueBefore && !(OVERDUE_STATUS[c.status[i]!] && c.deadline[i]! > 0 && c.deadline[i]! < overdueBefore)) continue
    if (escalated && !c.escalated[i]) continue
    if (openOn && (d > openOn || (c.closed[i]! > 0 && c.closed[i]! <= openOn))) continue
    if (campaign && c.campaign[i] !== campaign) continue
    if (bbox) {
      const x = vague ? villageLon[c.grid[i]!]! : c.lon[i]!
      const y = vague ? villageLat[c.grid[i]!]! : c.lat[i]!
      if (x < bbox[0] || x > bbox[2] || y < bbox[1] || y > bbox[3]) continue
    }
    if (text && !text.has(c.id[i]!)) continue
    out[k++] = i
  }
  return k
}

/** 0, 1, 2, …: every row in column order, grown ahead of the ledger. */
let identity = new Int32Array(0)

/** Indices (into the columns) of every hazard the filter keeps, in column order. */
export function select(c: HazardColumns, f: CompiledFilter): Int32Array {
  if (identity.length < c.n) {
    identity = new Int32Array(Math.ceil(c.n * 1.25))
    for (let i = 0; i < identity.length; i++) identity[i] = i
  }
  const out = new Int32Array(c.n)
  return out.subarray(0, keepRows(c, f, identity, 0, c.n, out))
}

const one = new Int32Array(1)
const kept = new Int32Array(1)

/** Whether the filter keeps row i. */
export function keeps(c: HazardColumns, i: number, f: CompiledFilter): boolean {
  one[0] = i
  return keepRows(c, f, one, 0, 1, kept) === 1
}
