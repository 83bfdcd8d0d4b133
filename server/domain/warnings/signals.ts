import { type CategoryId, type LeadUnitId, categoryById, itemById, itemIds } from '../categories'
import type { SignalArea, WarningGeography } from './model'

/**
 * Small pieces the detectors share when they write a Signal: what an item code stands for, a cell
 * as an area, and a key. Pure, like the detectors.
 */

/** The plan item id of each item code (WarningLedger.item). */
export const itemIdOf: readonly string[] = itemIds
/** The category of each item code. */
export const categoryOfCode: readonly CategoryId[] = itemIds.map((id) => itemById.get(id)!.category)
/** The lead unit (牵头单位) answering for each item code: its category's. */
export const leadUnitOfCode: readonly LeadUnitId[] = categoryOfCode.map((c) => categoryById[c].leadUnit)

/** A signal's key: detector, area, category and item, empty for none (as detectors 1–2 write theirs). The same finding on the next run has the same key. */
export function signalKey(detector: string, area: string, category: string | null, item: string | null): string {
  return `${detector}|${area}|${category ?? ''}|${item ?? ''}`
}

/** Cells as a signal's area, placed in the village and district of the first. */
export function cellsArea(kind: 'cells' | 'site', id: string, cellOrds: readonly number[], geo: WarningGeography): SignalArea {
  const first = geo.cells[cellOrds[0]!]
  const cells = [...new Set(cellOrds)].sort((a, b) => a - b).map((g) => geo.cells[g]!.id)
  return { kind, id, cells, villageId: first?.villageId ?? '', districtId: first?.districtId ?? '' }
}

/** The p-th percentile (0–100) of values, interpolated between ranks (type 7, as R and numpy do). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const h = ((sorted.length - 1) * p) / 100
  const lo = Math.floor(h)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

/** A number rounded to a few decimals, for a signal's payload. */
export function round(x: number, decimals = 2): number {
  const f = 10 ** decimals
  return Math.round(x * f) / f
}
