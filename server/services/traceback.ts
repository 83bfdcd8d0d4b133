import { reportDelayHours } from '../domain/accountability'
import { type CategoryId, type LeadUnitId, isConfidential, leadUnitIds, leadUnits } from '../domain/categories'
import { type CheckRecord, type DueCheck, dueChecks, fulfils, planWith } from '../domain/check-plans'
import type { PostView } from '../domain/contract/posts'
import type { Traceback, TracebackCheck, TracebackHazard, TracebackPost, TracebackQuery } from '../domain/contract/traceback'
import { toDay } from '../domain/days'
import type { PostKind } from '../domain/posts'
import { type ActingUser, type Actor, actorCategory, seesInspectionText } from '../domain/roles'
import type { Hazard, Site } from '../domain/schemas'
import { type FlaggedHazard, SITE_NEAR_METRES, boxAround, flagsOf, metresBetween, parseLonLat, windowOf } from '../domain/traceback'
import { accountabilityLimits } from '../env'
import type { PostRecord, StoredInspection } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { forbidden, invalid, notFound } from './errors'
import { hazardViewer, viewEvents } from './hazard-view'
import { viewInspection } from './inspections'
import { photosOf } from './photos'

export type { Traceback, TracebackQuery }

/**
 * Responsibility trace-back (责任倒查): for a place and a day, who held its posts, which checks were
 * due in the months before and what they recorded, every hazard near it with its whole chain, and
 * the flags those records raise (server/domain/traceback.ts). Read by the leadership, the
 * governance office's analyst and a lead unit (its own category only); every run is audited.
 */

/** Who may run one: the leadership, the analyst (综治办) and the lead units. */
export function mayTraceBack(actor: Actor): boolean {
  return actor.role === 'leader' || actor.role === 'analyst' || actor.role === 'lead_unit'
}

/** The records shown for one due check, the place's own first: enough to say who did it, when and with what. */
const RECORDS_SHOWN = 5
/** The focused rounds read for one lead unit's monthly check (its latest in the period). */
const FOCUSED_SCAN = 50

/** Where a trace-back looks: the point, its cell, village, district and key site, and the hazard asked about. */
interface Place {
  location: [number, number]
  gridId: string | null
  villageId: string | null
  districtId: string | null
  site: Site | null
  hazard: Hazard | null
}

/** The audit row's target: what was asked about, and the date. */
export const tracebackTarget = (q: TracebackQuery, date: string) =>
  `${q.at !== undefined ? `at:${q.at}` : q.site !== undefined ? `site:${q.site}` : `hazard:${q.hazard}`}@${date}`

/** Exactly one of at/site/hazard; the date not after today. */
function checkQuery(s: Services, q: TracebackQuery): string {
  const given = (['at', 'site', 'hazard'] as const).filter((k) => q[k] !== undefined)
  if (given.length === 0) throw invalid([{ field: 'at', message: 'give one of at (lon,lat), site or hazard' }])
  if (given.length > 1) throw invalid(given.slice(1).map((f) => ({ field: f, message: `give only one of at, site or hazard (${given[0]} is given)` })))
  if (q.at !== undefined && !parseLonLat(q.at)) throw invalid([{ field: 'at', message: 'lon,lat in degrees, e.g. 117.02,36.65' }])
  const date = q.date ?? s.today()
  if (date > s.today()) throw invalid([{ field: 'date', message: `after today (${s.today()})` }])
  return date
}

/** The cell, village and district above a grid cell's id. */
function areasAbove(s: Services, gridId: string): Pick<Place, 'gridId' | 'villageId' | 'districtId'> {
  const areas = s.ledger.areas
  return { gridId, villageId: areas.ancestorAt(gridId, 'village')?.id ?? null, districtId: areas.ancestorAt(gridId, 'district')?.id ?? null }
}

/** The nearest key site within SITE_NEAR_METRES of a point, if any. */
function siteAt(s: Services, villageId: string | null, point: [number, number]): Site | null {
  if (!villageId) return null
  let best: Site | null = null
  let bestMetres = SITE_NEAR_METRES
  for (const site of s.store.sites.list({ villageIds: [villageId] })) {
    const m = metresBetween(point, site.location)
    if (m <= bestMetres) [best, bestMetres] = [site, m]
  }
  return best
}

function placeOf(s: Services, actor: Actor, q: TracebackQuery): Place {
  if (q.at !== undefined) {
    const location = parseLonLat(q.at)!
    const grid = s.locator.locate(location)
    if (!grid) throw invalid([{ field: 'at', message: 'the point lies outside the town’s grid cells' }])
    const above = areasAbove(s, grid.id)
    return { location, ...above, site: siteAt(s, above.villageId, location), hazard: null }
  }
  if (q.site !== undefined) {
    const site = s.store.sites.get(q.site)
    if (!site) throw notFound('site')
    return { location: site.location, ...areasAbove(s, site.areaId), site, hazard: null }
  }
  const hazard = s.store.hazards.get(q.hazard!)
  if (!hazard) throw notFound('hazard')
  const own = actorCategory(actor)
  if (actor.role === 'lead_unit' && hazard.category !== own) throw forbidden('That hazard is of another lead unit’s category.')
  const view = hazardViewer(s, actor)(hazard)
  // Withheld from this reader: the trace-back stands at the hazard's village, as its view does.
  if (view.generalised)
    return { location: view.location, gridId: null, villageId: hazard.villageId, districtId: hazard.districtId, site: null, hazard }
  const site = hazard.siteId ? (s.store.sites.get(hazard.siteId) ?? null) : null
  return { location: hazard.location, ...areasAbove(s, hazard.areaId), site, hazard }
}

/** The lead units answering for the place: the reader's own; else the hazard's or the site kind's; else all four. */
function unitsOf(s: Services, actor: Actor, place: Place): LeadUnitId[] {
  if (actor.role === 'lead_unit') return actor.leadUnit ? [actor.leadUnit] : []
  if (place.hazard) return [place.hazard.leadUnit]
  return [...leadUnitIds]
}

/** Who held each post of the place on the date; phones only for the leadership, who call people out. */
function postsOf(s: Services, actor: Actor, place: Place, units: readonly LeadUnitId[], date: string): TracebackPost[] {
  const areaName = (id: string) => s.ledger.areas.byId.get(id)?.name ?? id
  const wanted: Array<{ kind: PostKind; place: string; placeName: string }> = [
    ...(place.gridId ? [{ kind: 'grid_worker' as const, place: place.gridId, placeName: areaName(place.gridId) }] : []),
    ...(place.districtId ? [{ kind: 'district_head' as const, place: place.districtId, placeName: areaName(place.districtId) }] : []),
    ...(place.site ? [{ kind: 'site_head' as const, place: place.site.id, placeName: place.site.name }] : []),
    ...units.map((u) => ({ kind: 'lead_unit_head' as const, place: u, placeName: leadUnits[u].zh })),
  ]
  const phones = actor.role === 'leader'
  return wanted.map((w) => {
    const r = s.store.posts.holdersOn(date, { kind: w.kind, placeIds: [w.place] })[0]
    return { ...w, holder: r ? postView(r, w.placeName, phones) : null }
  })
}

const postView = (r: PostRecord, placeName: string, phones: boolean): PostView => ({
  id: r.id, kind: r.kind, place: r.placeId, placeName, holder: { name: r.name, phone: phones ? r.phone : null, username: r.username }, from: r.validFrom, to: r.validTo,
})

/** The categories a reader's trace-back holds: a lead unit its own, the others every one. */
const categoryFilter = (actor: Actor): CategoryId | null => (actor.role === 'lead_unit' ? (actorCategory(actor) ?? null) : null)

/**
 * The checks due for the place in the window: its village's self-checks and rounds, its site's
 * checks and the lead units' focused checks, each with the inspections that fulfilled it. A lead
 * unit sees its own category's and the rounds of none.
 */
function checksOf(s: Services, actor: ActingUser, place: Place, units: readonly LeadUnitId[], from: string, to: string) {
  const village = place.villageId ? s.ledger.areas.byId.get(place.villageId) : undefined
  const own = categoryFilter(actor)
  const due = dueChecks(planWith(s.env.CHECK_CADENCES), from, to, village ? [village] : [], place.site ? [place.site] : []).filter(
    (d) => (d.kind !== 'focused' || (d.unit !== null && units.includes(d.unit))) && (own === null || d.category === null || d.category === own),
  )
  const earliest = due.reduce((min, d) => (d.start < min ? d.start : min), from)
  // Only the inspections that may fulfil these checks: the village's own with its district's rounds
  // (the store's village filter), and for each lead unit's focused check the latest FOCUSED_SCAN focused
  // rounds of its category (or of none) in its period: a city's lead units record thousands a month,
  // and one is enough to say the check was done.
  const stored = new Map<number, StoredInspection>()
  const take = (rows: StoredInspection[]) => rows.forEach((i) => stored.set(i.id, i))
  if (village) take(s.store.inspections.list({ villageIds: [village.id], from: earliest, to, limit: 1_000_000 }))
  for (const d of due)
    if (d.kind === 'focused' && d.category)
      take(s.store.inspections.list({ source: ['focused'], categories: [d.category], from: d.start, to: d.end, limit: FOCUSED_SCAN }))
  const unitOf = new Map(s.store.users.list().map((u) => [u.username, u.leadUnit]))
  const records: CheckRecord[] = [...stored.values()]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id))
    .map((i) => ({ id: i.id, source: i.source, date: i.date, category: i.category ?? null, villageId: i.villageId, districtId: i.districtId, siteId: i.siteId, unit: unitOf.get(i.createdBy) ?? null }))
  // Records at the place itself first (a lead unit's focused round may have been anywhere in town), then by date.
  const here = (r: CheckRecord) => (r.siteId !== null && r.siteId === place.site?.id) || (r.villageId !== null && r.villageId === place.villageId)
  const fulfilling = due.map((d) => records.filter((r) => fulfils(r, d)))
  const shown = fulfilling.map((rs) => [...rs.filter(here), ...rs.filter((r) => !here(r))].slice(0, RECORDS_SHOWN))
  // The village's own self-checks in the window, for 漏查: each that recorded nothing is judged against later finds.
  const selfIds = records.filter((r) => r.source === 'routine' && r.villageId !== null && r.villageId === place.villageId && r.date >= from).map((r) => r.id)
  const ids = [...new Set([...shown.flat().map((r) => r.id), ...selfIds])]
  const photos = s.store.inspections.photosOf(ids)
  const areaName = (id: string) => s.ledger.areas.byId.get(id)?.name ?? id
  const siteName = (id: string | null) => (id === null ? null : id === place.site?.id ? place.site.name : (s.store.sites.get(id)?.name ?? null))
  // Views of the records shown only (the focused rounds of a whole town are many).
  const views = new Map(ids.map((id) => stored.get(id)!).map((i) => [i.id, { ...viewInspection(i, actor, { siteName: siteName(i.siteId), photos: photos.get(i.id) ?? [] }), areaName: areaName(i.areaId) }]))
  const checks: TracebackCheck[] = due.map((d, k) => ({
    kind: d.kind, subjectId: d.subjectId, subjectName: subjectName(s, d, place.site), unit: d.unit, category: d.category, start: d.start, end: d.end,
    done: fulfilling[k]!.length > 0,
    recordCount: fulfilling[k]!.length,
    records: shown[k]!.flatMap((r) => views.get(r.id) ?? []),
  }))
  const selfChecks = selfIds.flatMap((id) => {
    const i = stored.get(id)
    return i ? [{ id, villageId: i.villageId, date: i.date, hazardsFound: i.hazardsFound }] : []
  })
  // Confidential text read in full is audited, as the inspections' list audits it.
  const secretInspections = [...views.values()].filter((v) => !v.generalised && !seesInspectionText({ role: 'analyst' }, v.category)).map((v) => v.id)
  return { checks, selfChecks, secretInspections }
}

function subjectName(s: Services, d: DueCheck, site: Site | null): string {
  if (d.kind === 'focused') return leadUnits[d.unit!].zh
  if (d.kind === 'site') return site?.name ?? d.subjectId
  return s.ledger.areas.byId.get(d.subjectId)?.name ?? d.subjectId
}

/**
 * Rows of the ledger index near the place found or closed in the window: a box first, then the
 * exact distance (one pass over the typed columns; 500,000 rows in a few milliseconds).
 */
function hazardIdsNear(s: Services, point: [number, number], radius: number, from: string, to: string): number[] {
  const c = s.ledger.columns
  const [w, south, e, north] = boxAround(point, radius)
  const [lo, hi] = [toDay(from), toDay(to)]
  const out: number[] = []
  for (let i = 0; i < c.n; i++) {
    const lon = c.lon[i]!
    const lat = c.lat[i]!
    if (lon < w || lon > e || lat < south || lat > north) continue
    const found = c.discovered[i]!
    const closed = c.closed[i]!
    if (!((found >= lo && found <= hi) || (closed >= lo && closed <= hi))) continue
    if (metresBetween(point, [lon, lat]) <= radius) out.push(c.id[i]!)
  }
  return out
}

function hazardsOf(s: Services, actor: Actor, place: Place, radius: number, from: string, to: string) {
  const own = categoryFilter(actor)
  const ids = hazardIdsNear(s, place.location, radius, from, to)
  // The hazard asked about is always in it, even when found before the window.
  if (place.hazard && !ids.includes(place.hazard.id)) ids.push(place.hazard.id)
  const rows = s.store.hazards
    .getMany(ids)
    .filter((h) => own === null || h.category === own)
    .sort((a, b) => (a.discoveredAt < b.discoveredAt ? -1 : a.discoveredAt > b.discoveredAt ? 1 : a.id - b.id))
  const view = hazardViewer(s, actor)
  const names = new Map(s.store.users.list().map((u) => [u.username, u.name]))
  const flagged: FlaggedHazard[] = []
  const shown: TracebackHazard[] = rows.map((h) => {
    const v = view(h)
    const events = s.store.hazards.events(h.id)
    flagged.push(h)
    return {
      hazard: v,
      metres: v.generalised ? null : Math.round(metresBetween(place.location, h.location)),
      reportDelayHours: Math.round(reportDelayHours(h.foundAt, h.reportedAt) * 10) / 10,
      events: viewEvents(events, v.generalised).map((e) => ({ ...e, actorName: e.actor ? (names.get(e.actor) ?? '') : '' })),
      photos: photosOf(s, h.id, v.generalised),
    }
  })
  return { shown, flagged }
}

/** The place as the answer names it. */
function placeView(s: Services, place: Place): Traceback['place'] {
  const named = (id: string | null) => {
    const a = id ? s.ledger.areas.byId.get(id) : undefined
    return a ? { id: a.id, name: a.name } : null
  }
  return {
    location: place.location, grid: named(place.gridId), village: named(place.villageId), district: named(place.districtId),
    site: place.site ? { id: place.site.id, name: place.site.name, kind: place.site.kind } : null, hazardId: place.hazard?.id ?? null,
  }
}

/** The trace-back itself, unaudited (the run and the export each write their own row). */
export function traceBack(s: Services, actor: ActingUser, q: TracebackQuery): Traceback {
  if (!mayTraceBack(actor)) throw forbidden('Only the leadership, the governance office and the lead units run a trace-back.')
  const date = checkQuery(s, q)
  const place = placeOf(s, actor, q)
  const { from, to } = windowOf(date, q.months)
  const units = unitsOf(s, actor, place)
  const { checks, selfChecks, secretInspections } = checksOf(s, actor, place, units, from, to)
  const { shown, flagged } = hazardsOf(s, actor, place, q.radius, from, to)
  const flags = flagsOf({ checks, selfChecks, hazards: flagged, limits: accountabilityLimits(s.env), today: s.today() })
  const user = s.store.users.byUsername(actor.username)
  // Confidential text read in full is audited as any list of it is.
  const secret = shown.filter((h) => !h.hazard.generalised && isConfidential(h.hazard.item)).map((h) => h.hazard.id)
  if (secret.length) audit(s, actor, 'list_hazards', secret.join(','))
  if (secretInspections.length) audit(s, actor, 'list_inspections', secretInspections.join(','))
  return {
    date, from, to, radius: q.radius, months: q.months, category: categoryFilter(actor),
    place: placeView(s, place), posts: postsOf(s, actor, place, units, date), checks, hazards: shown, flags,
    ranBy: { name: user?.name ?? actor.username, username: actor.username }, ranAt: new Date().toISOString(),
  }
}

/** `GET /api/traceback`: the trace-back, audited as `traceback.run` with the place and the date. */
export function runTraceback(s: Services, actor: ActingUser, q: TracebackQuery): Traceback {
  const answer = traceBack(s, actor, q)
  audit(s, actor, 'traceback.run', tracebackTarget(q, answer.date))
  return answer
}
