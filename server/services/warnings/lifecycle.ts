import { ledgerNow } from '../hazard-times'
import type { WarningActionInput, WarningDetail } from '../../domain/contract/warnings'
import type { ActingUser } from '../../domain/roles'
import { actionRefusal, speaksFor, statusAfter, warningLevelNames } from '../../domain/warnings/lifecycle'
import type { WarningPatch, WarningRecord } from '../../store/types'
import { audit } from '../audit'
import type { LiveEvent, Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { hazardFor } from '../hazards'
import { inspectionFor } from '../inspections'
import { accountsOf, publishAll, warningEvent } from './engine'
import { readable, warningDetail, warningFor } from './views'

/**
 * A user's action on a warning (POST /api/warnings/{id}/actions): 签收, 处置 with notes and linked
 * hazards or inspections, a note, a level raised or lowered with its reason, 解除 with its reason.
 * The responsible unit's accounts and the leadership act; the analyst and the villages read only.
 * The action row, the warning's new state and the audit row land in one transaction.
 */
export function actOnWarning(s: Services, actor: ActingUser, id: number, input: WarningActionInput): WarningDetail {
  applyWarningAction(s, actor, warningFor(s, actor, id), input)
  return warningDetail(s, actor, id)
}

/**
 * actOnWarning without the answer: the action on a warning as read (by warningFor, or from the
 * store's list; one outside the actor's reach is not found), checked, written and published as
 * there. Returns the warning as the action left it. The demo's history calls it for thousands of
 * actions whose answers nobody reads.
 */
export function applyWarningAction(s: Services, actor: ActingUser, read: WarningRecord, input: WarningActionInput): WarningRecord {
  const w = readable(actor, read)
  const id = w.id
  if (!speaksFor(actor, w.responsible))
    throw forbidden('Only the responsible unit (its lead unit’s or district’s accounts) or the leadership acts on a warning.')
  const refusal = actionRefusal(w, input)
  if (refusal?.status === 409) throw new ApiError(409, refusal.code, refusal.message, { status: w.status })
  if (refusal) throw new ApiError(422, refusal.code, refusal.message, [{ field: refusal.field, message: refusal.message }])
  checkLinks(s, actor, input)
  // The ledger's now: on a pinned day (the demo, its seeding) the action reads as of that day.
  const at = new Date(ledgerNow(s)).toISOString()
  const note = input.note?.trim() || null
  let events: LiveEvent[] = []
  let changed = w
  s.store.transaction(() => {
    // Re-read inside the transaction: a concurrent action may have moved it.
    const current = s.store.warnings.get(id)!
    if (current.status !== w.status || current.level !== w.level) throw new ApiError(409, 'changed', 'The warning changed meanwhile; reload and try again.')
    const patch: WarningPatch = { status: statusAfter(w.status, input.action) }
    if (input.action === 'raise' || input.action === 'lower') patch.level = input.level!
    if (input.action === 'lift') {
      patch.liftedAt = at
      patch.liftReason = note
    }
    s.store.warnings.update(id, patch)
    s.store.warnings.addAction({
      warningId: id, at, on: s.today(), actor: actor.username, action: input.action,
      fromLevel: patch.level ? w.level : null, toLevel: patch.level ?? null, note,
      hazardIds: [...new Set(input.hazardIds ?? [])], inspectionIds: [...new Set(input.inspectionIds ?? [])],
    })
    // The note stays on the warning, behind its reach: the log names only what was done to which warning.
    audit(s, actor, `warning.${input.action}`, w.code)
    changed = { ...current, ...patch }
    events = [warningEvent(changed, 'changed'), ...toldToUnit(s, actor, changed, input, at)]
  })
  publishAll(s, events)
  return changed
}

/** Hazards and inspections linked must exist within the actor's reach (422 naming the field otherwise). */
function checkLinks(s: Services, actor: ActingUser, input: WarningActionInput): void {
  const missing = (ids: readonly number[] | undefined, find: (id: number) => unknown) =>
    (ids ?? []).filter((n) => {
      try {
        find(n)
        return false
      } catch {
        return true
      }
    })
  const hazards = missing(input.hazardIds, (n) => hazardFor(s, actor, n))
  if (hazards.length) throw new ApiError(422, 'unknown_hazard', `No such hazard here: ${hazards.join(', ')}.`, [{ field: 'hazardIds', message: `not found: ${hazards.join(', ')}` }])
  const inspections = missing(input.inspectionIds, (n) => inspectionFor(s, actor, n))
  if (inspections.length)
    throw new ApiError(422, 'unknown_inspection', `No such inspection here: ${inspections.join(', ')}.`, [{ field: 'inspectionIds', message: `not found: ${inspections.join(', ')}` }])
}

/**
 * A level changed or the warning lifted by someone outside the responsible unit (the leadership):
 * the unit's accounts are told. Its own actions it knows of.
 */
function toldToUnit(s: Services, actor: ActingUser, w: WarningRecord, input: WarningActionInput, at: string): LiveEvent[] {
  if (actor.role !== 'leader' || !['raise', 'lower', 'lift'].includes(input.action)) return []
  const what = input.action === 'lift' ? '已解除' : `等级调整为${warningLevelNames[w.level].zh}`
  const message = `预警 ${w.code} ${what}（${actor.username}）`
  return accountsOf(s, w.responsible).map((u) => {
    s.store.warnings.notify({ username: u.username, warningId: w.id, message, createdAt: at })
    return { type: 'notification' as const, username: u.username, hazardId: null, warningId: w.id, message }
  })
}
