import { type CategoryId, categoryById, isConfidential, itemById, itemIds, leadUnits } from '../../domain/categories'
import type {
  BulletinWarning, WarningActionView, WarningDetail, WarningList, WarningQuery, WarningSummary, WarningView,
} from '../../domain/contract/warnings'
import { toDay } from '../../domain/days'
import { type ActingUser, type Actor, actorCategory, isCleared, seesDetails } from '../../domain/roles'
import { type ReplayedState, allowedActions, replay, speaksFor } from '../../domain/warnings/lifecycle'
import {
  type Signal, type SignalArea, type WarningLevel, internalNoticeCategories, ruleById, warningLevelIds,
} from '../../domain/warnings/model'
import type { WarningActionRecord, WarningRecord } from '../../store/types'
import type { Services } from '../context'
import { ApiError, forbidden, notFound } from '../errors'
import { audit } from '../audit'
import { reachOf } from '../reach'
import { engineState } from './engine-state'
import { reasonOf } from './reason'

/**
 * Warnings as a reader may see them (issue 14): in scope as hazards are, a confidential item
 * generalised to its category for the uncleared (item withheld, evidence only of hazards they read
 * in full, cells widened to the village), `observed` recounted from the ledger index when shown.
 */

type WarningArea = WarningView['area']

/** Whether this role reads warnings at all: everyone signed in but the wall (which gets /summary). */
export function mayReadWarnings(actor: Actor): boolean {
  return actor.role !== 'wall'
}

/** Roles that read every warning of the town. */
const readsAll = (actor: Actor) => actor.role === 'leader' || actor.role === 'analyst' || actor.role === 'admin' || actor.role === 'wall'

/** The village and district a warning's area lies in, where it has them. */
function placeOf(area: SignalArea): { villageId: string | null; districtId: string | null } {
  if (area.kind === 'cells' || area.kind === 'site') return { villageId: area.villageId, districtId: area.districtId }
  if (area.kind === 'village') return { villageId: area.id, districtId: area.districtId }
  if (area.kind === 'district') return { villageId: null, districtId: area.id }
  return { villageId: null, districtId: null }
}

/**
 * Whether a warning lies within the actor's reach: a district's accounts its district, a village's
 * its village, a lead unit its category and its own unit's, the leadership and the analyst all.
 */
export function warningInReach(actor: Actor, w: Pick<WarningRecord, 'area' | 'category' | 'responsible'>): boolean {
  if (readsAll(actor)) return true
  const place = placeOf(w.area)
  if (actor.role === 'district') return place.districtId === actor.areaId || (w.responsible.kind === 'district' && w.responsible.id === actor.areaId)
  if (actor.role === 'grid') return place.villageId !== null && place.villageId === actor.areaId
  if (actor.role === 'lead_unit') {
    const own = actorCategory(actor)
    return (own !== undefined && w.category === own) || (w.responsible.kind === 'lead_unit' && w.responsible.id === actor.leadUnit)
  }
  return false
}

/**
 * Whether the reader gets the warning generalised: its item is confidential, or it names a category
 * every item of which is (暴恐, 个人极端), and the reader is not cleared for that category.
 */
export function isGeneralised(actor: Actor, w: Pick<WarningRecord, 'category' | 'item'>): boolean {
  if (!w.category) return false
  const secret = w.item ? isConfidential(w.item) : categoryById[w.category].items.every((i) => i.confidential)
  return secret && (actor.role === 'wall' || !isCleared(actor, w.category))
}

/** The area widened to its village (a generalised warning is placed as a generalised hazard is). */
function generalisedArea(area: SignalArea): SignalArea {
  if (area.kind === 'cells' || area.kind === 'site') return { kind: 'village', id: area.villageId, districtId: area.districtId }
  return area
}

const nameOf = (s: Services, id: string) => s.ledger.areas.byId.get(id)?.name ?? id

/** Grid cell ids an area covers (none for a lead unit's area). */
function cellsOf(s: Services, area: SignalArea): string[] {
  if (area.kind === 'cells' || area.kind === 'site') return area.cells
  if (area.kind === 'unit') return []
  const grids = s.ledger.areas.grids
  return Array.from(s.ledger.areas.gridsInside(area.id), (g) => grids[g]!.id)
}

const areaViews = new WeakMap<object, Map<string, WarningArea>>()

/** An area as the API names it, in Chinese and English; kept per area tree, as lists name the same few areas again and again. */
export function areaView(s: Services, area: SignalArea): WarningArea {
  let cache = areaViews.get(s.ledger.areas)
  if (!cache) areaViews.set(s.ledger.areas, (cache = new Map()))
  const key = JSON.stringify(area)
  let hit = cache.get(key)
  if (!hit) {
    if (cache.size > 10_000) cache.clear()
    cache.set(key, (hit = nameArea(s, area)))
  }
  return hit
}

function nameArea(s: Services, area: SignalArea): WarningArea {
  const place = placeOf(area)
  const [name, nameEn] = ((): [string, string] => {
    switch (area.kind) {
      case 'cells': {
        const village = nameOf(s, area.villageId)
        return area.cells.length > 1 ? [`${village}等${area.cells.length}个网格`, `${area.cells.length} grid cells in ${village}`] : [`${village}网格`, `a grid cell in ${village}`]
      }
      case 'site': {
        const site = s.store.sites.get(area.id)
        return site ? [site.name, site.name] : [nameOf(s, area.villageId), nameOf(s, area.villageId)]
      }
      case 'unit':
        return [leadUnits[area.id].zh, leadUnits[area.id].en]
      default:
        return [nameOf(s, area.id), nameOf(s, area.id)]
    }
  })()
  return { kind: area.kind, id: area.id, name, nameEn, cells: cellsOf(s, area), villageId: place.villageId, districtId: place.districtId }
}

const responsibleName = (s: Services, r: WarningRecord['responsible']) => (r.kind === 'lead_unit' ? leadUnits[r.id].zh : nameOf(s, r.id))

// ---------------------------------------------------------------------------------------------
// observed, recounted from the ledger index

/** Detectors whose `observed` is a count of hazards in the window (the others count reopenings, overdue hazards, …). */
const recounted: ReadonlySet<Signal['detector']> = new Set(['hot_spot', 'rising_trend'])

const recounts = new WeakMap<object, { version: number; today: string; counts: Map<number, number> }>()

/**
 * The hazards each warning's window holds now: discovered within it, known (reported) by today,
 * in its area and of its category and item. One pass over the columns for all warnings not yet
 * counted at this ledger version, each hazard tried only against the warnings of its grid cell.
 */
function observedNow(s: Services, warnings: readonly WarningRecord[]): Map<number, number> {
  const today = s.today()
  let cache = recounts.get(s.ledger)
  if (!cache || cache.version !== s.ledger.version || cache.today !== today) recounts.set(s.ledger, (cache = { version: s.ledger.version, today, counts: new Map() }))
  const todo = warnings.filter((w) => recounted.has(w.detector) && !cache.counts.has(w.id))
  if (!todo.length) return cache.counts
  const areas = s.ledger.areas
  const byGrid: Array<Array<{ w: WarningRecord; from: number; to: number; item: number; category: CategoryId | null }>> = areas.grids.map(() => [])
  let minFrom = Infinity
  let maxTo = -Infinity
  for (const w of todo) {
    cache.counts.set(w.id, 0)
    const from = toDay(w.signal.window.from)
    const to = toDay(w.signal.window.to)
    minFrom = Math.min(minFrom, from)
    maxTo = Math.max(maxTo, to)
    const entry = { w, from, to, item: w.item ? itemIds.indexOf(w.item) : -1, category: w.category }
    const grids = w.area.kind === 'cells' || w.area.kind === 'site'
      ? w.area.cells.map((id) => areas.gridOrd.get(id) ?? -1)
      : w.area.kind === 'unit' ? areas.grids.map((_, g) => g) : Array.from(areas.gridsInside(w.area.id))
    for (const g of grids) if (g >= 0) byGrid[g]!.push(entry)
  }
  const c = s.ledger.columns
  const day = toDay(today)
  for (let i = 0; i < c.n; i++) {
    const found = c.discovered[i]!
    if (found < minFrom || found > maxTo || c.reported[i]! > day) continue
    const list = byGrid[c.grid[i]!]!
    if (!list.length) continue
    const item = c.item[i]!
    for (const e of list) {
      if (found < e.from || found > e.to) continue
      if (e.item >= 0 ? item !== e.item : e.category !== null && itemById.get(itemIds[item]!)!.category !== e.category) continue
      cache.counts.set(e.w.id, cache.counts.get(e.w.id)! + 1)
    }
  }
  return cache.counts
}

// ---------------------------------------------------------------------------------------------
// one warning as a reader sees it

/** Whether the reader may open a hazard in full: in reach and not generalised for it. */
function hazardReader(s: Services, actor: Actor): (id: number) => boolean {
  const c = s.ledger.columns
  // As inReach (services/hazards.ts) decides, with the actor's reach worked out once for the list.
  const reach = reachOf(actor)
  const cells = s.ledger.areas.gridMask(reach.areaIds)
  return (id) => {
    const slot = c.slotOf(id)
    if (slot === undefined) return false
    const item = itemIds[c.item[slot]!]!
    const category = itemById.get(item)!.category
    if (reach.categories && !reach.categories.includes(category)) return false
    if (cells && !cells[c.grid[slot]!]) return false
    return seesDetails(actor, category, item)
  }
}

interface ViewContext {
  s: Services
  actor: Actor
  reads: (id: number) => boolean
  observed: Map<number, number>
  /** as of a past day: no actions offered */
  past: boolean
}

function context(s: Services, actor: Actor, warnings: readonly WarningRecord[], past = false): ViewContext {
  return { s, actor, reads: hazardReader(s, actor), observed: observedNow(s, warnings), past }
}

/** The state now, from the row itself. */
const stateOf = (w: WarningRecord): ReplayedState => ({
  status: w.status, level: w.level, detectedLevel: w.detectedLevel, liftProposed: w.liftProposed, liftedOn: w.liftedAt, liftReason: w.liftReason,
})

function view(ctx: ViewContext, w: WarningRecord, st: ReplayedState = stateOf(w)): WarningView {
  const { s, actor } = ctx
  const generalised = isGeneralised(actor, w)
  const area = generalised ? generalisedArea(w.area) : w.area
  const evidence = w.signal.evidence.filter(ctx.reads)
  // An overdue hazard the reason names: its number shown only to those who read it in full.
  const named = typeof w.signal.parameters.hazard === 'number' ? [w.signal.parameters.hazard] : []
  const withheld = [...w.signal.evidence, ...named].filter((id) => !ctx.reads(id))
  const parameters = withheld.length ? Object.fromEntries(Object.entries(w.signal.parameters).filter(([k]) => k !== 'hazard')) : w.signal.parameters
  const shown: Signal = { ...w.signal, item: generalised ? null : w.signal.item, area, evidence }
  const areaNamed = areaView(s, area)
  const rule = ruleById.get(w.ruleId)
  return {
    id: w.id, code: w.code, detector: w.detector, level: st.level, detectedLevel: st.detectedLevel, status: st.status,
    category: w.category, item: generalised ? null : (w.item as WarningView['item']), area: areaNamed, pattern: w.signal.pattern ?? null,
    reason: reasonOf(shown, areaNamed, !generalised && (!w.category || !w.item || seesDetails(actor, w.category, w.item)), withheld), internalNotice: w.category !== null && internalNoticeCategories.includes(w.category),
    window: w.signal.window, observed: ctx.observed.get(w.id) ?? w.signal.observed, observedAtIssue: w.signal.observed,
    expected: w.signal.expected, ratio: w.signal.ratio, stats: w.signal.stats, streak: w.signal.streak, slope: w.signal.slope, evidence,
    upcoming: (w.signal.upcoming ?? []).filter((u) => ctx.reads(u.id)), parameters,
    ruleId: w.ruleId, ruleVersion: w.ruleVersion, rule: rule ? { zh: rule.zh, en: rule.en } : { zh: w.ruleId, en: w.ruleId },
    responsible: { kind: w.responsible.kind, id: w.responsible.id, name: responsibleName(s, w.responsible) },
    issuedAt: w.issuedAt, issuedOn: w.issuedOn, responseDeadline: w.responseDeadline, lastFiredOn: w.lastFiredOn,
    liftProposed: st.liftProposed, liftedAt: st.status === 'lifted' ? (ctx.past ? st.liftedOn : w.liftedAt) : null,
    liftReason: st.status === 'lifted' ? st.liftReason : null,
    may: ctx.past ? [] : allowedActions(actor, w.responsible, st),
  }
}

/** The warning if the actor may read it; out of reach answers exactly like a missing one. */
export function warningFor(s: Services, actor: Actor, id: number): WarningRecord {
  if (!mayReadWarnings(actor)) throw forbidden('The wall display shows the warnings’ summary only.')
  return readable(actor, s.store.warnings.get(id))
}

/** A warning already read, if the actor may read it (as warningFor decides); 404 otherwise. */
export function readable(actor: Actor, w: WarningRecord | undefined): WarningRecord {
  if (!w || !mayReadWarnings(actor) || !warningInReach(actor, w)) throw notFound('warning')
  return w
}

/** A confidential item read in full is audited, as a hazard's is: what reading a warning's detail writes. */
export function auditDetailRead(s: Services, actor: ActingUser, w: WarningRecord): void {
  if (!isGeneralised(actor, w) && w.item && isConfidential(w.item)) audit(s, actor, 'read_warning', w.code)
}

/** One warning as the actor sees it now. */
export function viewWarning(s: Services, actor: Actor, w: WarningRecord): WarningView {
  return view(context(s, actor, [w]), w)
}

function actionView(a: WarningActionRecord, reads: (id: number) => boolean, generalised: boolean): WarningActionView {
  return {
    id: a.id, at: a.at, actor: generalised && a.actor !== 'system' ? '' : a.actor, action: a.action, fromLevel: a.fromLevel, toLevel: a.toLevel,
    note: generalised ? (a.note === null ? null : '') : a.note, hazardIds: a.hazardIds.filter(reads), inspectionIds: generalised ? [] : a.inspectionIds,
  }
}

/** `GET /api/warnings/{id}`: the warning and its history. */
export function warningDetail(s: Services, actor: ActingUser, id: number): WarningDetail {
  const w = warningFor(s, actor, id)
  const ctx = context(s, actor, [w])
  const generalised = isGeneralised(actor, w)
  auditDetailRead(s, actor, w)
  return { ...view(ctx, w), actions: s.store.warnings.actions(w.id).map((a) => actionView(a, ctx.reads, generalised)) }
}

// ---------------------------------------------------------------------------------------------
// lists

/** Whether a warning's area touches an area (a district, village or cell): they share a grid cell. */
function touches(s: Services, w: WarningRecord, areaId: string): boolean {
  if (w.area.id === areaId) return true
  const inside = s.ledger.areas.gridsInside(areaId)
  if (!inside.length) return false
  const mine = new Set(w.area.kind === 'unit' ? [] : w.area.kind === 'cells' || w.area.kind === 'site' ? w.area.cells.map((c) => s.ledger.areas.gridOrd.get(c)) : Array.from(s.ledger.areas.gridsInside(w.area.id)))
  return inside.some((g) => mine.has(g))
}

const zeroCounts = (): Record<WarningLevel, number> => Object.fromEntries(warningLevelIds.map((l) => [l, 0])) as Record<WarningLevel, number>
const levelRank = new Map(warningLevelIds.map((l, i) => [l, i]))

/**
 * The rows most urgent first: open before lifted, then by level, then the newest issue day, then the
 * highest id. Sorted by a number per row (urgency and day) and the id, not by comparing records and
 * dates (localeCompare) in every comparison: a city's list sorts ten thousand warnings on every
 * request, and that sort was the largest part of GET /api/warnings' time.
 */
function byUrgency<T extends { w: WarningRecord; st: ReplayedState }>(rows: readonly T[]): T[] {
  const key = new Float64Array(rows.length)
  const days = new Map<string, number>()
  rows.forEach(({ w, st }, i) => {
    let day = days.get(w.issuedOn)
    // an ISO day as the number YYYYMMDD orders as the day does
    if (day === undefined) days.set(w.issuedOn, (day = Number(w.issuedOn.replaceAll('-', ''))))
    key[i] = ((st.status === 'lifted' ? warningLevelIds.length : 0) + levelRank.get(st.level)!) * 1e8 - day
  })
  const order = Array.from(rows.keys()).sort((a, b) => key[a]! - key[b]! || rows[b]!.w.id - rows[a]!.w.id)
  return order.map((i) => rows[i]!)
}

const presentCache = new WeakMap<readonly WarningRecord[], ReadonlyArray<{ w: WarningRecord; st: ReplayedState }>>()

/**
 * The warnings as they stand now, each with its state, most urgent first: made once for each list the
 * store hands out (it keeps one until a warning is written), where every request used to build and
 * sort a city's ten thousand rows again. Filtering keeps the order.
 */
function presentRows(s: Services): ReadonlyArray<{ w: WarningRecord; st: ReplayedState }> {
  const list = s.store.warnings.list()
  let rows = presentCache.get(list)
  if (!rows) presentCache.set(list, (rows = byUrgency(list.map((w) => ({ w, st: stateOf(w) })))))
  return rows
}

/** Each warning issued by a day, with its state then (replayed from its actions up to that day) and those actions. */
function statesAsOf(s: Services, day: string): Map<number, { w: WarningRecord; st: ReplayedState; actions: WarningActionRecord[] }> {
  const actions = new Map<number, WarningActionRecord[]>()
  for (const a of s.store.warnings.actionsUntil(day)) {
    const list = actions.get(a.warningId)
    if (list) list.push(a)
    else actions.set(a.warningId, [a])
  }
  const out = new Map<number, { w: WarningRecord; st: ReplayedState; actions: WarningActionRecord[] }>()
  for (const w of s.store.warnings.list()) {
    if (w.issuedOn > day) continue
    const own = actions.get(w.id) ?? []
    const issued = own.find((a) => a.action === 'issue')?.toLevel ?? w.detectedLevel
    out.set(w.id, { w, st: replay(issued, own), actions: own })
  }
  return out
}

/** `GET /api/warnings`: the warnings the reader may see, as they stand now or stood on `asOf`, most severe and newest first. */
export function listWarnings(s: Services, actor: ActingUser, q: WarningQuery): WarningList {
  if (!mayReadWarnings(actor)) throw forbidden('The wall display shows the warnings’ summary only.')
  const today = s.today()
  if (q.asOf && q.asOf > today) throw new ApiError(400, 'invalid_input', 'That day has not come.', [{ field: 'asOf', message: `after today ${today}` }])
  const past = q.asOf !== undefined && q.asOf < today
  const rows = past ? byUrgency([...statesAsOf(s, q.asOf!).values()]) : presentRows(s)
  const visible = rows.filter(({ w }) => warningInReach(actor, w))
  const open = zeroCounts()
  for (const { st } of visible) if (st.status !== 'lifted') open[st.level]++
  const mineOnly = q.mine === 'true'
  const statuses = q.status && new Set(q.status)
  const kept = visible.filter(({ w, st }) => {
    if (q.level && !q.level.includes(st.level)) return false
    if (q.category && (w.category === null || !q.category.includes(w.category))) return false
    if (q.detector && !q.detector.includes(w.detector)) return false
    if (statuses && !statuses.has(st.status) && !(statuses.has('open') && st.status !== 'lifted')) return false
    if (mineOnly && !speaksFor(actor, w.responsible)) return false
    if (q.area && !touches(s, w, q.area)) return false
    return true
  })
  const state = engineState(s)
  // Most urgent first (rows are sorted), and only the first `limit` made into views: a city holds thousands of warnings.
  const page = kept.slice(0, q.limit)
  const secret = page.filter(({ w }) => w.item && isConfidential(w.item) && !isGeneralised(actor, w))
  if (secret.length) audit(s, actor, 'list_warnings', secret.map(({ w }) => w.code).join(','))
  const ctx = context(s, actor, page.map((r) => r.w), past)
  return {
    asOf: q.asOf ?? today,
    computedAt: state.computedAt,
    total: kept.length,
    warnings: page.map(({ w, st }) => view(ctx, w, st)),
    persistent: past ? [] : persistentFor(s, actor, state.persistent),
    open,
  }
}

/** The standing (persistent) hot spots of the last run the reader may see: in reach, and not of a category or item withheld from it. */
function persistentFor(s: Services, actor: Actor, signals: readonly Signal[]): WarningList['persistent'] {
  return signals
    .filter((p) => warningInReach(actor, p) && !isGeneralised(actor, p))
    .map((p) => ({ category: p.category, cells: cellsOf(s, p.area), z: p.stats.z ?? 0, areaName: areaView(s, p.area).name }))
}

/** Where to pulse an area on the wall: its village's label point, or its own. */
function labelOf(s: Services, area: SignalArea): [number, number] {
  const labels = s.geography.labels()
  const place = placeOf(area)
  const id = place.villageId ?? place.districtId ?? (area.kind === 'town' ? area.id : (s.ledger.areas.byLevel.get('town') ?? [])[0]?.id)
  return (id && labels.get(id)) || [0, 0]
}

/**
 * `GET /api/warnings/summary`: open warnings by level and the red and orange ones as area +
 * category + level, nothing more (no hazard, no item, no reason): the one warnings route of the
 * wall. Others get it over what they may see.
 */
export function warningSummary(s: Services, actor: Actor): WarningSummary {
  const open = zeroCounts()
  const urgent: WarningSummary['urgent'] = []
  for (const w of s.store.warnings.list()) {
    if (w.status === 'lifted' || !warningInReach(actor, w)) continue
    open[w.level]++
    if (w.level !== 'red' && w.level !== 'orange') continue
    const area = isGeneralised(actor, w) ? generalisedArea(w.area) : w.area
    const named = areaView(s, area)
    urgent.push({ level: w.level, category: w.category, areaName: named.name, areaNameEn: named.nameEn, at: labelOf(s, area), cells: named.cells })
  }
  urgent.sort((a, b) => warningLevelIds.indexOf(a.level) - warningLevelIds.indexOf(b.level) || a.areaName.localeCompare(b.areaName))
  return { asOf: s.today(), open, urgent }
}

/**
 * The monthly bulletin's warnings (services/bulletins/warnings.ts): issued between two days, or
 * responded to or lifted between them, each as it stood on the last. The bulletin goes to every
 * unit, so it is written for a reader cleared for no confidential item.
 */
export function bulletinWarnings(s: Services, from: string, to: string): BulletinWarning[] {
  const reader: Actor = { role: 'analyst' }
  const rows = [...statesAsOf(s, to).values()].filter(
    ({ w, actions }) => w.issuedOn >= from || actions.some((a) => a.on >= from && (a.action === 'respond' || a.action === 'lift')),
  )
  const ctx = context(s, reader, rows.map((r) => r.w), true)
  return rows
    .map(({ w, st, actions }) => {
      const v = view(ctx, w, st)
      return {
        code: w.code, level: st.level, detector: w.detector, category: w.category, areaName: v.area.name, reason: v.reason.zh, issuedOn: w.issuedOn,
        status: st.status, responses: actions.filter((a) => a.action === 'respond').length, liftedOn: st.liftedOn,
        liftReason: isGeneralised(reader, w) ? null : st.liftReason, responsibleName: v.responsible.name,
      }
    })
    .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.code.localeCompare(b.code))
}
