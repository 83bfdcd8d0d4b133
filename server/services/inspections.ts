import type { InspectionQuery, InspectionView, NewInspection } from '../domain/contract/inspections'
import { type ActingUser, type Actor, actorCategory, mayReport, seesInspectionText } from '../domain/roles'
import type { Inspection } from '../domain/schemas'
import { audit } from './audit'
import type { Services } from './context'
import { ApiError, forbidden } from './errors'
import { reachOf } from './reach'

/**
 * Generalised as a hazard is (services/hazard-view.ts): no people, nothing checked or found; the
 * date, area, source, category and count stay, so coverage and the records' counts still add up.
 */
export function viewInspection(i: Inspection, actor: Actor): InspectionView {
  const category = i.category ?? null
  if (seesInspectionText(actor, category)) return { ...i, category, generalised: false }
  return { ...i, category, inspectors: '', checked: '', findings: null, generalised: true }
}

/** Whether the inspection's text is confidential (read in full only by those cleared): such reads are audited. */
const confidential = (i: Inspection) => !seesInspectionText({ role: 'analyst' }, i.category)

/** Village ids inside a set of areas (or everywhere when undefined). */
function villagesIn(s: Services, areaIds: readonly string[] | undefined): string[] | undefined {
  if (!areaIds) return undefined
  const areas = s.ledger.areas
  return [...new Set(areaIds.flatMap((id) => [...areas.gridsInside(id)].map((g) => areas.grids[g]!.parentId!)))]
}

/**
 * Inspections in reach, as hazards are: a village's and a district's own area (the store adds the
 * district rounds that covered a village), a lead unit's own category and the rounds of none.
 */
export function listInspections(s: Services, actor: ActingUser, q: InspectionQuery): InspectionView[] {
  const unknown = (q.area ?? []).filter((id) => !s.ledger.areas.byId.has(id))
  if (unknown.length) throw new ApiError(400, 'invalid_input', `Unknown area: ${unknown.join(', ')}.`, unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
  const reach = villagesIn(s, reachOf(actor).areaIds)
  const asked = villagesIn(s, q.area)
  const villageIds = reach && asked ? asked.filter((v) => reach.includes(v)) : (asked ?? reach)
  const rows = s.store.inspections.list({ villageIds, categories: reachOf(actor).categories, from: q.from, to: q.to, source: q.source, limit: q.limit })
  const views = rows.map((i) => viewInspection(i, actor))
  // Every read of confidential text is audited, lists included (as for hazards).
  const secret = views.filter((v) => !v.generalised && confidential(v))
  if (secret.length) audit(s, actor, 'list_inspections', secret.map((v) => v.id).join(','))
  return views
}

/**
 * Records an inspection, possibly one that found nothing. A village records its own self-checks;
 * districts and lead units their rounds, in their own area.
 */
export function recordInspection(s: Services, actor: ActingUser, input: NewInspection): InspectionView {
  if (!mayReport(actor)) throw forbidden('This role may not record inspections.')
  const lead = actorCategory(actor)
  if (lead && input.category && input.category !== lead) throw forbidden('A lead unit records inspections of its own category.')
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
      category: input.category ?? null,
    }),
  )
  s.live.publish({ type: 'stats' })
  // As a report does, the answer shows the recorder what their clearance lets them read.
  return viewInspection(inspection, actor)
}
