import type { InspectionSource } from '../domain/sources'
import { type Actor, mayReport } from '../domain/roles'
import type { Inspection } from '../domain/schemas'
import type { Services } from './context'
import { ApiError, forbidden } from './errors'
import { reachOf } from './reach'

export interface NewInspectionInput {
  source: InspectionSource
  areaId: string
  date: string
  inspectors: string
  checked?: string
  findings?: string
  hazardsFound?: number
}

/** Village ids inside a set of areas (or everywhere when undefined). */
function villagesIn(s: Services, areaIds: readonly string[] | undefined): string[] | undefined {
  if (!areaIds) return undefined
  const areas = s.ledger.areas
  return [...new Set(areaIds.flatMap((id) => [...areas.gridsInside(id)].map((g) => areas.grids[g]!.parentId!)))]
}

export function listInspections(s: Services, actor: Actor, q: { area?: string[]; from?: string; to?: string; source?: string[]; limit: number }): Inspection[] {
  const unknown = (q.area ?? []).filter((id) => !s.ledger.areas.byId.has(id))
  if (unknown.length) throw new ApiError(400, 'invalid_input', `Unknown area: ${unknown.join(', ')}.`, unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
  const reach = villagesIn(s, reachOf(actor).areaIds)
  const asked = villagesIn(s, q.area)
  const villageIds = reach && asked ? asked.filter((v) => reach.includes(v)) : (asked ?? reach)
  return s.store.inspections.list({ villageIds, from: q.from, to: q.to, source: q.source, limit: q.limit })
}

/**
 * Records an inspection, possibly one that found nothing. A village records its own self-checks;
 * districts and lead units their rounds, in their own area.
 */
export function recordInspection(s: Services, actor: Actor & { username: string }, input: NewInspectionInput): Inspection {
  if (!mayReport(actor)) throw forbidden('This role may not record inspections.')
  const area = s.ledger.areas.byId.get(input.areaId)
  if (!area || area.level === 'county') throw new ApiError(400, 'invalid_input', 'Unknown area.', [{ field: 'areaId', message: 'unknown area id' }])
  const reach = reachOf(actor).areaIds
  if (reach) {
    const allowed = new Set(reach.flatMap((id) => [...s.ledger.areas.gridsInside(id)]))
    const inside = s.ledger.areas.gridsInside(area.id)
    if (inside.length === 0 || ![...inside].every((g) => allowed.has(g)))
      throw new ApiError(400, 'invalid_input', 'The area lies outside your own.', [{ field: 'areaId', message: 'outside your area' }])
  }
  if (input.date > s.today()) throw new ApiError(400, 'invalid_input', 'The date is in the future.', [{ field: 'date', message: 'in the future' }])
  const inspection = s.store.transaction(() =>
    s.store.inspections.insert({
      source: input.source, areaId: area.id, date: input.date, inspectors: input.inspectors,
      checked: input.checked ?? '', findings: input.findings ?? null, hazardsFound: input.hazardsFound ?? 0, createdBy: actor.username,
    }),
  )
  s.live.publish({ type: 'stats' })
  return inspection
}
