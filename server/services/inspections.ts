import type { CategoryId } from '../domain/categories'
import type { InspectionPhoto, InspectionQuery, InspectionView, NewInspection } from '../domain/contract/inspections'
import { type ActingUser, type Actor, actorCategory, mayReport, seesInspectionText } from '../domain/roles'
import type { InspectionPhotoRecord, StoredInspection } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { ApiError, forbidden, notFound } from './errors'
import { reachOf } from './reach'

const photoView = (p: InspectionPhotoRecord): InspectionPhoto => ({ id: p.id, url: `/api/inspection-photos/${p.id}` })

/** What a view shows beside the record: the named site's name and the photos. */
interface Extras {
  siteName: string | null
  photos: readonly InspectionPhotoRecord[]
}

/**
 * Generalised as a hazard is (services/hazard-view.ts): no people, nothing checked or found, and
 * neither the site, the place nor the photos (they would say where a confidential check went);
 * the date, area, source, category and count stay, so coverage and the records' counts still add up.
 */
export function viewInspection(i: StoredInspection, actor: Actor, extras: Extras): InspectionView {
  const { createdBy: _by, villageId: _v, districtId: _d, ...record } = i
  const category = i.category ?? null
  if (seesInspectionText(actor, category))
    return { ...record, category, siteName: extras.siteName, photos: extras.photos.map(photoView), generalised: false }
  return { ...record, category, inspectors: '', checked: '', findings: null, siteId: null, siteName: null, location: null, photos: [], generalised: true }
}

/** Views of stored inspections, with their sites' names and photos fetched once for all. */
function viewAll(s: Services, actor: Actor, rows: readonly StoredInspection[]): InspectionView[] {
  const photos = s.store.inspections.photosOf(rows.map((r) => r.id))
  const names = new Map<string, string | null>()
  const siteName = (id: string | null) => {
    if (id === null) return null
    if (!names.has(id)) names.set(id, s.store.sites.get(id)?.name ?? null)
    return names.get(id)!
  }
  return rows.map((r) => viewInspection(r, actor, { siteName: siteName(r.siteId), photos: photos.get(r.id) ?? [] }))
}

/** Whether the inspection's text is confidential (read in full only by those cleared): such reads are audited. */
const confidential = (i: { category: CategoryId | null }) => !seesInspectionText({ role: 'analyst' }, i.category)

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
  const views = viewAll(s, actor, rows)
  // Every read of confidential text is audited, lists included (as for hazards).
  const secret = views.filter((v) => !v.generalised && confidential(v))
  if (secret.length) audit(s, actor, 'list_inspections', secret.map((v) => v.id).join(','))
  return views
}

/**
 * One inspection the actor reaches, as the list would show it to them (the same bounds: a
 * village's own checks and its district's rounds, a lead unit's category and the rounds of none);
 * 404 otherwise, so its existence is not told.
 */
export function inspectionFor(s: Services, actor: Actor, id: number): StoredInspection {
  const i = s.store.inspections.get(id)
  if (!i) throw notFound('inspection')
  const reach = reachOf(actor)
  if (reach.categories && i.category && !reach.categories.includes(i.category)) throw notFound('inspection')
  const villages = villagesIn(s, reach.areaIds)
  if (villages) {
    const districts = new Set(villages.map((v) => s.ledger.areas.byId.get(v)?.parentId))
    const inside = i.villageId ? villages.includes(i.villageId) : i.districtId !== null && districts.has(i.districtId)
    if (!inside) throw notFound('inspection')
  }
  return i
}

/** The key site an inspection names: it must lie inside the area inspected. */
function siteIn(s: Services, siteId: string, areaId: string): string {
  const site = s.store.sites.get(siteId)
  if (!site) throw new ApiError(400, 'invalid_input', 'No such site.', [{ field: 'siteId', message: 'unknown site' }])
  const areas = s.ledger.areas
  if (![...areas.gridsInside(areaId)].some((g) => areas.grids[g]!.id === site.areaId))
    throw new ApiError(400, 'invalid_input', 'The site lies outside the area inspected.', [{ field: 'siteId', message: 'outside the area' }])
  return site.id
}

/**
 * Records an inspection, possibly one that found nothing (hazardsFound 0, 未发现隐患). A village
 * records its own self-checks; districts and lead units their rounds, in their own area. It may
 * name the key site checked (inside its area) and where the inspector stood (inside the town).
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
  const siteId = input.siteId === undefined ? null : siteIn(s, input.siteId, area.id)
  if (input.location && !s.locator.locate(input.location))
    throw new ApiError(400, 'invalid_input', 'The location lies outside the town.', [{ field: 'location', message: 'outside the town' }])
  const inspection = s.store.transaction(() =>
    s.store.inspections.insert({
      source: input.source, areaId: area.id, date: input.date, inspectors: input.inspectors,
      checked: input.checked ?? '', findings: input.findings ?? null, hazardsFound: input.hazardsFound ?? 0, createdBy: actor.username,
      category: input.category ?? null, siteId, location: input.location ?? null, createdAt: new Date().toISOString(),
    }),
  )
  s.live.publish({ type: 'stats' })
  // As a report does, the answer shows the recorder what their clearance lets them read.
  return viewAll(s, actor, [inspection])[0]!
}
