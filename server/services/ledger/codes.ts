import { itemIds, itemById } from '../../domain/categories'
import { categoryIds, type CategoryId } from '../../domain/categories'
import { riskLevelIds, type RiskLevel } from '../../domain/levels'
import { sourceIds, type SourceId } from '../../domain/sources'
import { statusIds, type Status } from '../../domain/statuses'

/**
 * Small integer codes for the enumerations held in typed columns. Level 0 means "not yet
 * assessed"; every other code is the id's position + 1 so that 0 can mean "none".
 */
export const itemCode = new Map(itemIds.map((id, i) => [id, i] as const))
export const categoryCode = new Map(categoryIds.map((id, i) => [id, i] as const))
export const statusCode = new Map(statusIds.map((id, i) => [id, i] as const))
export const sourceCode = new Map(sourceIds.map((id, i) => [id, i] as const))
export const levelCode = new Map(riskLevelIds.map((id, i) => [id, i + 1] as const))

/** itemCategory[itemCode] = categoryCode */
export const itemCategory = Uint8Array.from(itemIds, (id) => categoryCode.get(itemById.get(id)!.category)!)
export const itemConfidential = Uint8Array.from(itemIds, (id) => (itemById.get(id)!.confidential ? 1 : 0))

export const CLOSED = statusCode.get('closed')!
export const OVERDUE_STATUS = Uint8Array.from(statusIds, (s) => (s === 'assigned' || s === 'rectifying' ? 1 : 0))

export function maskOf<T>(all: readonly T[], code: Map<T, number>, chosen: readonly T[] | undefined, size = all.length): Uint8Array | null {
  if (!chosen || chosen.length === 0) return null
  const mask = new Uint8Array(size)
  for (const c of chosen) {
    const i = code.get(c)
    if (i !== undefined) mask[i] = 1
  }
  return mask
}

export type { CategoryId, RiskLevel, SourceId, Status }
