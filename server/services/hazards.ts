import { distance } from '@turf/turf'
import { categoryById, isItemOf } from '../domain/categories'
import { GPS_MAX_ACCURACY_M, type HazardAction, type HazardAnswer, type HazardReport } from '../domain/contract/hazards'
import { type DeadlinePeriods, closeOutRefusal, deadlineRefusal, defaultDeadline, flagRefusal, nextStatus, stepOf } from '../domain/lifecycle'
import { type Actor, actorCategory } from '../domain/roles'
import type { Hazard, HazardEvent } from '../domain/schemas'
import type { Env } from '../env'
import { ApiError, forbidden, notFound } from './errors'
import type { HazardPatch } from '../store/types'
import type { Services } from './context'
import { closeOutFor } from './close-out'
import { viewHazard } from './hazard-view'
import { recordEscalation } from './notifications'
import { reachOf } from './reach'
import { reportTimes } from './hazard-times'
import { type Once, keyedRequest, once } from './idempotency'

/** Whether a hazard lies within what the actor's role reaches (its village, district or category). */
export function inReach(s: Services, actor: Actor, h: Pick<Hazard, 'areaId' | 'category'>): boolean {
  const reach = reachOf(actor)
  if (reach.categories && !reach.categories.includes(h.category)) return false
  if (reach.areaIds) {
    const grid = s.ledger.areas.gridOrd.get(h.areaId)
    if (grid === undefined) return false
    return reach.areaIds.some((id) => s.ledger.areas.gridsInside(id).includes(grid))
  }
  return true
}

/** The hazard if the actor may see it; out-of-reach answers exactly like a missing one. */
export function hazardFor(s: Services, actor: Actor, id: number): Hazard {
  const h = s.store.hazards.get(id)
  if (!h || !inReach(s, actor, h)) throw notFound('hazard')
  return h
}

const SITE_RADIUS_KM = 1

const nowIso = () => new Date().toISOString().replace('Z', '+00:00')

export function announce(s: Services, h: Hazard, kind: 'created' | 'changed', action?: string): void {
  s.ledger.upsert(h)
  s.live.publish({
    type: 'hazard', id: h.id, status: h.status, version: h.version, level: h.level, escalated: h.escalated, areaId: h.areaId,
    villageId: h.villageId, districtId: h.districtId, category: h.category, item: h.item, kind, action,
  })
  s.live.publish({ type: 'stats' })
}

/**
 * Registers a hazard through the table's `report` step (from nothing to reported), and, when it was
 * fixed on the spot (当场整改), takes the reporter's rectify step in the same commit: either the hazard
 * exists in its final status with all its events, or nothing was written.
 */
export function reportHazard(s: Services, actor: Actor & { username: string }, input: HazardReport): Hazard {
  const hazard = writeReport(s, actor, input)
  announce(s, hazard, 'created')
  return hazard
}

/** reportHazard's checks and commit, not yet announced (an idempotent report announces once its key is committed too). */
function writeReport(s: Services, actor: Actor & { username: string }, input: HazardReport): Hazard {
  const reporting = nextStatus(null, 'report', actor.role)
  if (!reporting.ok) throw forbidden('This role may not report hazards.')
  if (!isItemOf(input.category, input.item))
    throw new ApiError(400, 'invalid_input', 'The item does not belong to the category.', [{ field: 'item', message: `not an item of ${input.category}` }])
  const grid = s.locator.locate(input.location)
  if (!grid) throw new ApiError(400, 'invalid_input', 'The location lies outside the town.', [{ field: 'location', message: 'outside the town' }])
  const village = s.ledger.areas.ancestorAt(grid.id, 'village')!
  const district = s.ledger.areas.ancestorAt(grid.id, 'district')!
  const town = s.ledger.areas.ancestorAt(grid.id, 'town')!
  const lead = actorCategory(actor)
  if (lead && lead !== input.category) throw forbidden('A lead unit reports hazards of its own category.')
  if (!inReach(s, actor, { areaId: grid.id, category: input.category }))
    throw new ApiError(400, 'invalid_input', 'The location lies outside your area.', [{ field: 'location', message: 'outside your area' }])
  const today = s.today()
  if (input.discoveredAt && input.discoveredAt > today) throw new ApiError(400, 'invalid_input', 'The discovery date is in the future.', [{ field: 'discoveredAt', message: 'in the future' }])
  // Found, reported, received (422 naming the field when they cannot be): checked before anything is written.
  const times = reportTimes(s, input)
  const place = placeOf(input)
  if (input.siteId) {
    const site = s.store.sites.get(input.siteId)
    if (!site) throw new ApiError(400, 'invalid_input', 'No such site.', [{ field: 'siteId', message: 'unknown site' }])
    // A hazard "at" a site lies at it: within a kilometre, as the form's nearest-site list offers.
    if (distance(site.location, input.location, { units: 'kilometers' }) > SITE_RADIUS_KM)
      throw new ApiError(400, 'invalid_input', 'The site is far from the location.', [{ field: 'siteId', message: `more than ${SITE_RADIUS_KM} km from the location` }])
  }
  const spot = input.onTheSpot && ({ action: 'rectify', version: 1, ...input.onTheSpot } as const)
  // Judged by the table before anything is written: may this role fix what it just reported?
  if (spot) refuseMove(nextStatus(reporting.to, 'rectify', actor.role), actor, reporting.to, 'rectify')
  const at = nowIso()
  return s.store.transaction(() => {
    const reported = s.store.hazards.insert(
      {
        title: input.title, description: input.description ?? '', category: input.category, item: input.item,
        status: reporting.to, level: null, source: input.source, location: input.location, areaId: grid.id,
        villageId: village.id, districtId: district.id, townId: town.id, siteId: input.siteId ?? null,
        ...times, ...place, reportedBy: actor.username, measures: null, leadUnit: categoryById[input.category].leadUnit,
        responsibleUnit: null, responsiblePerson: null, deadline: null, handlingLevel: null, escalated: false,
        rectifiedAt: null, closedAt: null, campaignId: null, updatedAt: at,
      },
      { at, actor: actor.username, action: 'report', note: null, from: null, to: reporting.to },
    )
    if (!spot) return reported
    const { patch, event } = writeOf({ ...spot, version: reported.version }, reported, actor.username, 'rectified', today, deadlineDays(s.env), at)
    const rectified = s.store.hazards.update(reported.id, reported.version, patch, event)
    // Nobody else can have touched a hazard not yet committed; throwing undoes the report too.
    if (!rectified) throw new Error(`hazard ${reported.id} changed before its own report was committed`)
    return rectified
  })
}

/**
 * `POST /api/hazards`: the new hazard as the reporter sees it. With an Idempotency-Key, the same
 * report again gets this answer again and makes no second hazard (services/idempotency.ts).
 */
export function report(s: Services, actor: Actor & { username: string }, input: HazardReport, key?: string): Once<HazardAnswer> {
  return once(s, keyedRequest(actor.username, key, 'POST /api/hazards', input), 201, () => {
    const h = writeReport(s, actor, input)
    return { body: { hazard: viewHazard(s, actor, h) }, after: () => announce(s, h, 'created') }
  })
}

const refusePlace = (field: string, message: string) => new ApiError(422, 'bad_location', `${field}: ${message}.`, [{ field, message }])

/**
 * How the location was taken, checked before anything is written: a GPS fix states its accuracy and
 * is at most GPS_MAX_ACCURACY_M metres off (beyond, the reporter places a pin), and a pin says why.
 */
function placeOf(input: HazardReport): Pick<Hazard, 'locationAccuracy' | 'locationMethod' | 'pinReason'> {
  const accuracy = input.locationAccuracy ?? null
  if (input.locationMethod === 'gps' && accuracy === null) throw refusePlace('locationAccuracy', 'a GPS fix states its accuracy')
  if (input.locationMethod === 'gps' && accuracy !== null && accuracy > GPS_MAX_ACCURACY_M)
    throw refusePlace('locationAccuracy', `a fix ${accuracy} m off is coarser than ${GPS_MAX_ACCURACY_M} m: place a pin on the map and say why`)
  if (input.locationMethod === 'pin' && !input.pinReason) throw refusePlace('pinReason', 'a pinned location says why it was pinned')
  return { locationAccuracy: accuracy, locationMethod: input.locationMethod ?? null, pinReason: input.pinReason ?? null }
}

/** A refused move as the API answers it: not this role's (403), or not in this status (422). */
function refuseMove(move: ReturnType<typeof nextStatus>, actor: Actor, status: Hazard['status'], action: string): asserts move is { ok: true; to: Hazard['status'] } {
  if (!move.ok && move.refusal === 'role') throw forbidden(`The role ${actor.role} may not ${action}.`)
  if (!move.ok) throw new ApiError(422, 'not_allowed_now', `A ${status} hazard cannot be given "${action}".`, { status, action })
}

/** Default rectification periods by level (限期整改), as the deployment configures them. */
export function deadlineDays(env: Env): DeadlinePeriods {
  return { major: env.DEADLINE_DAYS_MAJOR, significant: env.DEADLINE_DAYS_SIGNIFICANT, general: env.DEADLINE_DAYS_GENERAL, low: env.DEADLINE_DAYS_LOW }
}

/** The fields a step changes, from the validated input. */
function patchFor(input: HazardAction, h: Hazard, today: string, days: DeadlinePeriods): { patch: HazardPatch; note: string | null } {
  switch (input.action) {
    case 'assess':
      return { patch: { level: input.level, measures: input.measures, handlingLevel: input.handlingLevel ?? null }, note: input.measures }
    case 'assign': {
      const deadline = input.deadline ?? defaultDeadline(h.level, today, days)
      if (deadlineRefusal(deadline, today)) throw new ApiError(400, 'invalid_input', 'The deadline is in the past.', [{ field: 'deadline', message: 'in the past' }])
      return { patch: { responsibleUnit: input.responsibleUnit, responsiblePerson: input.responsiblePerson, deadline }, note: `${input.responsibleUnit}·${input.responsiblePerson}，限${deadline}前整改` }
    }
    case 'start':
      return { patch: {}, note: null }
    case 'rectify':
      return { patch: { rectifiedAt: today }, note: input.note }
    case 'verify':
      return { patch: input.passed ? { closedAt: today } : { rectifiedAt: null }, note: input.note }
    case 'escalate':
      return { patch: { escalated: true }, note: input.reason }
    case 'comment':
      return { patch: {}, note: input.note }
  }
}

/**
 * No one closes a hazard alone (domain/lifecycle.ts, closeOutRefusal): the reporter and the
 * rectifiers may not verify (403), and passing needs the rectification's evidence (422).
 */
function fourEyes(s: Services, username: string, h: Hazard, passed: boolean): void {
  const refusal = closeOutRefusal(stepOf('verify', passed), closeOutFor(s, username, h, s.store.hazards.events(h.id)))
  if (refusal === 'four_eyes')
    throw new ApiError(403, 'four_eyes', 'You reported this hazard or reported it rectified: a second person must verify it.')
  if (refusal === 'no_evidence')
    throw new ApiError(422, 'no_evidence', 'The rectification has no evidence: attach an after-photo (stage rectified) or have the rectifier give noPhotoReason, or send it back.', [
      { field: 'evidence', message: 'no after-photo since the last failed verification and no noPhotoReason on the rectify step' },
    ])
}

/** The row change and the history row of one step taken by `username` from the hazard as it is. */
function writeOf(input: HazardAction, h: Hazard, username: string, to: Hazard['status'], today: string, days: DeadlinePeriods, at: string) {
  const { patch, note } = patchFor(input, h, today, days)
  const event: Omit<HazardEvent, 'hazardId'> = { at, actor: username, action: input.action, note, from: h.status, to }
  if (input.action === 'rectify' && input.noPhotoReason !== undefined) event.noPhotoReason = input.noPhotoReason
  return { patch: { ...patch, status: to, updatedAt: at }, event }
}

/** Takes one lifecycle step: scope (404), role (403), state (422), version (409), then four eyes (403, 422), in that order. */
export function actOn(s: Services, actor: Actor & { username: string }, id: number, input: HazardAction): Hazard {
  const { updated, after } = writeStep(s, actor, id, input)
  after()
  return updated
}

/** actOn's checks and commit, and the announcement to make once committed. */
function writeStep(s: Services, actor: Actor & { username: string }, id: number, input: HazardAction): { updated: Hazard; after(): void } {
  const h = hazardFor(s, actor, id)
  const move = nextStatus(h.status, stepOf(input.action, input.action === 'verify' ? input.passed : undefined), actor.role)
  refuseMove(move, actor, h.status, input.action)
  if (input.version !== h.version) throw new ApiError(409, 'stale_version', 'The hazard changed since you loaded it; reload and try again.', { version: h.version })
  if (flagRefusal(input.action, h)) throw new ApiError(422, 'not_allowed_now', 'The hazard is already escalated.')
  if (input.action === 'verify') fourEyes(s, actor.username, h, input.passed)
  const at = nowIso()
  const { patch, event } = writeOf(input, h, actor.username, move.to, s.today(), deadlineDays(s.env), at)
  let notices: ReturnType<typeof recordEscalation> = []
  const updated = s.store.transaction(() => {
    const changed = s.store.hazards.update(id, input.version, patch, event)
    // The lead unit's head hears of an escalation in the same commit that records it.
    if (changed && input.action === 'escalate') notices = recordEscalation(s, changed, actor.username, input.reason, at)
    return changed
  })
  if (!updated) throw new ApiError(409, 'stale_version', 'The hazard changed since you loaded it; reload and try again.', { version: s.store.hazards.get(id)?.version })
  return {
    updated,
    after() {
      announce(s, updated, 'changed', input.action)
      for (const notice of notices) s.live.publish(notice)
    },
  }
}

/**
 * `POST /api/hazards/:id/actions`: the changed hazard as the actor sees it. With an Idempotency-Key,
 * a resend after a lost answer gets the first answer (not a 409 for the version it moved on).
 */
export function act(s: Services, actor: Actor & { username: string }, id: number, input: HazardAction, key?: string): Once<HazardAnswer> {
  return once(s, keyedRequest(actor.username, key, `POST /api/hazards/${id}/actions`, input), 200, () => {
    const { updated, after } = writeStep(s, actor, id, input)
    return { body: { hazard: viewHazard(s, actor, updated) }, after }
  })
}
