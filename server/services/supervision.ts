import { isConfidential } from '../domain/categories'
import type { HazardDetail } from '../domain/contract/hazards'
import type {
  CloseSupervision, ExtensionAnswer, ExtensionDecision, ExtensionRequest, ExtensionView, NewSupervision, SupervisionAnswer,
  SupervisionList, SupervisionQuery, SupervisionRights, SupervisionView,
} from '../domain/contract/supervision'
import { addDays, chinaDayStart, lastOfMonth } from '../domain/days'
import type { ActingUser, Actor } from '../domain/roles'
import type { Hazard, User } from '../domain/schemas'
import {
  type SupervisionUnit, closedOnTime, daysLeft, extendable, isLateRequest, lastDayToAsk, listRefusal, listingUnitOf, mayAsk, mayDecide,
  newDeadlineRefusal, speaksFor, unitNames,
} from '../domain/supervision'
import type { ExtensionRecord, SupervisionRecord } from '../store/types'
import { audit } from './audit'
import type { LiveEvent, Services } from './context'
import { ApiError, forbidden, invalid, notFound } from './errors'
import { hazardViewer } from './hazard-view'
import { announce, hazardFor, inReach } from './hazards'
import { recordNotices } from './notifications'

/**
 * 挂牌督办 and extensions (server/domain/supervision.ts judges who and when). Every change lands in
 * one transaction with its audit row, its hazard event where the hazard changes, and its in-app
 * notifications; a refusal writes nothing. A changed hazard is announced as any other update is
 * (ledger index, live stream).
 */

/** Hazard events carry an offset, as the lifecycle writes them; listings and requests are UTC instants. */
const eventAt = (at: string) => at.replace('Z', '+00:00')

/** Text and people of a generalised hazard's records: '' where there is something, null where there is nothing. */
const withheld = (v: string | null, generalised: boolean) => (generalised && v !== null ? '' : v)

function viewListing(r: SupervisionRecord, h: Pick<Hazard, 'closedAt'>, today: string, generalised: boolean): SupervisionView {
  return {
    id: r.id, hazardId: r.hazardId, listingUnit: r.listingUnit, listedBy: generalised ? '' : r.listedBy, listedAt: r.listedAt,
    supervisingUnit: r.supervisingUnit, deadline: r.deadline, reason: generalised ? '' : r.reason,
    closedAt: r.closedAt, closedBy: withheld(r.closedBy, generalised), closeNote: withheld(r.closeNote, generalised),
    daysLeft: r.closedAt === null ? daysLeft(r.deadline, today) : null,
    onTime: closedOnTime(h.closedAt, r.deadline),
  }
}

function viewExtension(e: ExtensionRecord, generalised: boolean): ExtensionView {
  if (!generalised) return { ...e }
  return { ...e, requestedBy: '', reason: '', decidedBy: withheld(e.decidedBy, true), decisionNote: withheld(e.decisionNote, true) }
}

/** The listing the card shows: the open one, else the last taken down, else none. */
const currentListing = (s: Services, hazardId: number): SupervisionRecord | undefined => s.store.supervision.forHazard(hazardId)[0]

const pendingOf = (extensions: readonly ExtensionRecord[]) => extensions.find((e) => e.decision === null)

function rightsOf(s: Services, actor: Actor & { username: string }, h: Hazard, open: SupervisionRecord | undefined, extensions: ExtensionRecord[]): SupervisionRights {
  const noticeDays = s.env.EXTENSION_NOTICE_DAYS
  const pending = pendingOf(extensions)
  const canExtend = extendable(h)
  return {
    list: listingUnitOf(actor, h) !== undefined && listRefusal(h, open !== undefined) === undefined,
    close: open !== undefined && speaksFor(actor, open.listingUnit) && h.status === 'closed',
    ask: canExtend && !pending && mayAsk(actor, h) && !isLateRequest(s.today(), h.deadline!, noticeDays),
    decide: pending !== undefined && pending.requestedBy !== actor.username && mayDecide(actor, h, open?.listingUnit ?? null),
    lastDayToAsk: canExtend ? lastDayToAsk(h.deadline!, noticeDays) : null,
    noticeDays,
  }
}

/** The detail's supervision fields (`GET /api/hazards/:id`) for a hazard the reader reaches. */
export function supervisionDetail(
  s: Services, actor: ActingUser, h: Hazard, generalised: boolean,
): Pick<HazardDetail, 'supervision' | 'extensions' | 'supervisionRights'> {
  const listing = currentListing(s, h.id)
  const open = listing && listing.closedAt === null ? listing : undefined
  const extensions = s.store.supervision.extensionsOf(h.id)
  return {
    supervision: listing ? viewListing(listing, h, s.today(), generalised) : null,
    extensions: extensions.map((e) => viewExtension(e, generalised)),
    supervisionRights: rightsOf(s, actor, h, open, extensions),
  }
}

const unitName = (u: SupervisionUnit) => unitNames[u].zh

/** The accounts of the responsible side: the hazard's district, its village's grid worker, its lead unit. */
const responsible = (h: Hazard) => (u: User) =>
  mayAsk({ role: u.role, areaId: u.areaId ?? undefined, leadUnit: u.leadUnit ?? undefined }, h)

/** The accounts that may decide an extension of this hazard. */
const deciders = (h: Hazard, listingUnit: SupervisionUnit | null) => (u: User) =>
  mayDecide({ role: u.role, leadUnit: u.leadUnit ?? undefined }, h, listingUnit)

/** Changes the hazard (deadline or nothing) with one event on its chain, inside the caller's transaction; 409 when it moved meanwhile. */
function recordOnHazard(s: Services, h: Hazard, username: string, note: string, at: string, deadline?: string): Hazard {
  const patch = deadline === undefined ? { updatedAt: eventAt(at) } : { deadline, updatedAt: eventAt(at) }
  const changed = s.store.hazards.update(h.id, h.version, patch, { at: eventAt(at), actor: username, action: 'comment', note, from: h.status, to: h.status })
  if (!changed) throw new ApiError(409, 'stale_version', 'The hazard changed meanwhile; reload and try again.')
  return changed
}

function publish(s: Services, h: Hazard, notices: LiveEvent[]): void {
  announce(s, h, 'changed', 'comment')
  for (const n of notices) s.live.publish(n)
}

/**
 * 挂牌: the leader (for the town) or the lead unit of the hazard's category lists a major hazard
 * still open and not yet listed. The hazard's deadline moves to the listing's when that is earlier
 * (or the hazard had none), told on its chain; the responsible side is notified.
 */
export function listHazard(s: Services, actor: ActingUser, id: number, input: NewSupervision): SupervisionAnswer {
  const h = hazardFor(s, actor, id)
  const listingUnit = listingUnitOf(actor, h)
  if (!listingUnit) throw forbidden('Only the leadership group, or the lead unit of the hazard’s category, lists a hazard.')
  const refusal = listRefusal(h, s.store.supervision.openFor(id) !== undefined)
  if (refusal === 'listed') throw new ApiError(409, 'already_listed', 'The hazard is listed already.')
  if (refusal === 'not_major') throw new ApiError(422, 'not_major', 'Only a hazard assessed major (重大) is listed.', { level: h.level })
  if (refusal === 'closed') throw new ApiError(422, 'not_allowed_now', 'The hazard is closed out.')
  const today = s.today()
  if (input.deadline < today) throw invalid([{ field: 'deadline', message: 'in the past' }])
  const at = new Date().toISOString()
  const sooner = h.deadline === null || input.deadline < h.deadline
  const note = `挂牌督办（${unitName(listingUnit)}挂牌，${unitName(input.supervisingUnit)}督办，督办期限${input.deadline}）：${input.reason}` +
    (sooner ? `；整改期限${h.deadline ? `由${h.deadline}` : ''}改为${input.deadline}` : '')
  let notices: LiveEvent[] = []
  const { listing, hazard } = s.store.transaction(() => {
    const listing = s.store.supervision.insert({
      hazardId: id, listingUnit, listedBy: actor.username, listedAt: at, supervisingUnit: input.supervisingUnit, deadline: input.deadline, reason: input.reason,
    })
    const hazard = recordOnHazard(s, h, actor.username, note, at, sooner ? input.deadline : undefined)
    // The reasons stay on the hazard's chain and the listing, behind its clearance: the audit log (the admin's) names only what was done.
    audit(s, actor, 'supervision.list', String(id))
    notices = recordNotices(s, hazard, responsible(hazard), actor.username, (title) =>
      `隐患 ${hazard.code}${title} 已被${unitName(listingUnit)}挂牌督办，督办单位${unitName(input.supervisingUnit)}，期限 ${input.deadline}`, at)
    return { listing, hazard }
  })
  publish(s, hazard, notices)
  return { supervision: viewListing(listing, hazard, today, false), hazardDeadline: hazard.deadline }
}

/** 摘牌: the listing unit takes the listing down once the hazard is closed out (422 before). */
export function closeListing(s: Services, actor: ActingUser, id: number, input: CloseSupervision): SupervisionAnswer {
  const h = hazardFor(s, actor, id)
  if (!listingUnitOf(actor, h)) throw forbidden('Only the unit that listed a hazard takes its listing down.')
  const open = s.store.supervision.openFor(id)
  if (!open) throw new ApiError(422, 'not_listed', 'The hazard is not listed.')
  if (!speaksFor(actor, open.listingUnit)) throw forbidden(`Only ${unitNames[open.listingUnit].en} takes this listing down.`)
  if (h.status !== 'closed') throw new ApiError(422, 'not_closed_out', 'The hazard is not closed out yet: a listing is taken down only after it is.', { status: h.status })
  const at = new Date().toISOString()
  const onTime = closedOnTime(h.closedAt, open.deadline)
  const hazard = s.store.transaction(() => {
    if (!s.store.supervision.close(open.id, at, actor.username, input.note)) throw new ApiError(409, 'already_closed', 'The listing was taken down meanwhile.')
    const hazard = recordOnHazard(s, h, actor.username, `摘牌（${onTime ? '按期' : '逾期'}销号）：${input.note}`, at)
    audit(s, actor, 'supervision.close', String(id))
    return hazard
  })
  publish(s, hazard, [])
  return { supervision: viewListing(s.store.supervision.get(open.id)!, hazard, s.today(), false), hazardDeadline: hazard.deadline }
}

/**
 * A request to move the deadline, by the responsible side: before the notice (else 422 `late`),
 * to a later day (400), one pending at a time (409). The deciders are notified.
 */
export function askExtension(s: Services, actor: ActingUser, id: number, input: ExtensionRequest): ExtensionAnswer {
  const h = hazardFor(s, actor, id)
  if (!mayAsk(actor, h)) throw forbidden('Only the responsible side — the hazard’s district, its village, its lead unit — asks for an extension.')
  if (!extendable(h)) throw new ApiError(422, 'no_deadline', h.status === 'closed' ? 'The hazard is closed out.' : 'The hazard has no deadline yet.')
  const deadline = h.deadline!
  if (newDeadlineRefusal(deadline, input.newDeadline)) throw invalid([{ field: 'newDeadline', message: `not after the current deadline ${deadline}` }])
  const extensions = s.store.supervision.extensionsOf(id)
  if (pendingOf(extensions)) throw new ApiError(409, 'pending', 'A request for this hazard awaits its decision.')
  const notice = s.env.EXTENSION_NOTICE_DAYS
  const today = s.today()
  if (isLateRequest(today, deadline, notice))
    throw new ApiError(422, 'late', `Too late: an extension must be asked by ${lastDayToAsk(deadline, notice)} (${notice} days before the deadline ${deadline}).`, [
      { field: 'newDeadline', message: `asked on ${today}, after the last day ${lastDayToAsk(deadline, notice)}` },
    ])
  const open = s.store.supervision.openFor(id)
  const at = new Date().toISOString()
  let notices: LiveEvent[] = []
  const extension = s.store.transaction(() => {
    const extension = s.store.supervision.insertExtension({
      hazardId: id, supervisionId: open?.id ?? null, requestedBy: actor.username, requestedAt: at, reason: input.reason, oldDeadline: deadline, newDeadline: input.newDeadline,
    })
    audit(s, actor, 'extension.ask', `${id}/${extension.id}`)
    notices = recordNotices(s, h, deciders(h, open?.listingUnit ?? null), actor.username, (title) =>
      `${actor.username} 申请隐患 ${h.code}${title} 整改期限由 ${deadline} 延至 ${input.newDeadline}，待审批`, at)
    return extension
  })
  for (const n of notices) s.live.publish(n)
  return { extension: viewExtension(extension, false), supervision: open ? viewListing(open, h, today, false) : null, hazardDeadline: h.deadline }
}

/**
 * The decision on a pending request, by the listing unit (a hazard not listed: its lead unit or the
 * leadership), never by the one who asked. Granted: the hazard's deadline moves to the new day and
 * the open listing's with it (never earlier than it was), in one transaction with the decision,
 * the hazard's event and the audit row. Refused: only the decision and the audit row are written.
 */
export function decideExtension(s: Services, actor: ActingUser, id: number, eid: number, input: ExtensionDecision): ExtensionAnswer {
  const h = hazardFor(s, actor, id)
  const open = s.store.supervision.openFor(id)
  if (!mayDecide(actor, h, open?.listingUnit ?? null)) throw forbidden('Only the listing unit (for a hazard not listed: its lead unit or the leadership) decides.')
  const ext = s.store.supervision.extension(eid)
  if (!ext || ext.hazardId !== id) throw notFound('extension request')
  if (ext.requestedBy === actor.username) throw new ApiError(403, 'four_eyes', 'You asked for this extension: someone else decides it.')
  if (ext.decision !== null) throw new ApiError(409, 'decided', `The request was ${ext.decision} already.`)
  const granted = input.decision === 'granted'
  if (granted && (!extendable(h) || newDeadlineRefusal(h.deadline!, ext.newDeadline)))
    throw new ApiError(422, 'not_allowed_now', h.status === 'closed' ? 'The hazard is closed out.' : `The deadline is ${h.deadline} now; the request no longer moves it.`)
  const at = new Date().toISOString()
  let notices: LiveEvent[] = []
  let hazard = h
  s.store.transaction(() => {
    if (!s.store.supervision.decide(eid, input.decision, actor.username, at, input.note)) throw new ApiError(409, 'decided', 'The request was decided meanwhile.')
    if (granted) {
      hazard = recordOnHazard(s, h, actor.username, `准予延期：整改期限由${h.deadline}延至${ext.newDeadline}。${input.note}`, at, ext.newDeadline)
      if (open && ext.newDeadline > open.deadline) s.store.supervision.setDeadline(open.id, ext.newDeadline)
    }
    audit(s, actor, 'extension.decide', `${id}/${eid}`, input.decision)
    notices = recordNotices(s, hazard, (u) => u.username === ext.requestedBy, actor.username, (title) =>
      `隐患 ${hazard.code}${title} 的延期申请（至 ${ext.newDeadline}）${granted ? '已准予' : '未获准'}：${input.note}`, at)
  })
  if (granted) publish(s, hazard, notices)
  else for (const n of notices) s.live.publish(n)
  const listing = open && s.store.supervision.get(open.id)
  return {
    extension: viewExtension(s.store.supervision.extension(eid)!, false),
    supervision: listing ? viewListing(listing, hazard, s.today(), false) : null,
    hazardDeadline: hazard.deadline,
  }
}

/** Listing and taking down in a month of China's calendar: [first day 00:00, next month's first day 00:00) as UTC instants. */
function monthInstants(month: string): { eventsFrom: string; eventsTo: string } {
  return { eventsFrom: chinaDayStart(`${month}-01`), eventsTo: chinaDayStart(addDays(lastOfMonth(month), 1)) }
}

/**
 * `GET /api/supervisions`: the listings of hazards in the reader's reach, newest first, with the
 * hazard as the reader may see it (a confidential title withheld from the uncleared) and its
 * extensions. The wall has no business here (403). Confidential text read is audited, as lists of hazards are.
 */
export function listSupervisions(s: Services, actor: ActingUser, q: SupervisionQuery): SupervisionList {
  if (actor.role === 'wall') throw forbidden('The wall shows aggregates only.')
  const rows = s.store.supervision.list({ ...(q.state === 'all' ? {} : { state: q.state }), ...(q.month ? monthInstants(q.month) : {}) })
  const hazards = new Map(s.store.hazards.getMany([...new Set(rows.map((r) => r.hazardId))]).filter((h) => inReach(s, actor, h)).map((h) => [h.id, h]))
  const extensions = new Map<number, ExtensionRecord[]>()
  for (const e of s.store.supervision.extensionsOfMany([...hazards.keys()])) extensions.set(e.hazardId, [...(extensions.get(e.hazardId) ?? []), e])
  const view = hazardViewer(s, actor)
  const today = s.today()
  const supervisions = rows.flatMap((r) => {
    const h = hazards.get(r.hazardId)
    if (!h) return []
    const v = view(h)
    return [{
      ...viewListing(r, h, today, v.generalised),
      hazard: { id: h.id, code: h.code, title: v.title, generalised: v.generalised, category: h.category, level: h.level, status: h.status, villageId: h.villageId, districtId: h.districtId, deadline: h.deadline },
      extensions: (extensions.get(h.id) ?? []).map((e) => viewExtension(e, v.generalised)),
    }]
  })
  const secret = supervisions.filter((x) => !x.hazard.generalised && isConfidential(hazards.get(x.hazardId)!.item))
  if (secret.length) audit(s, actor, 'list_supervisions', [...new Set(secret.map((x) => x.hazardId))].join(','))
  return { today, supervisions }
}

