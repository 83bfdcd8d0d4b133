import { isConfidential } from '../domain/categories'
import type { Actor } from '../domain/roles'
import { isAggregateOnly, seesDetails } from '../domain/roles'
import type { LiveMessage, WallTally } from '../domain/contract/live'
import type { Services, Sequenced } from './context'
import { inReach } from './hazards'
import { mayReadWarnings, warningInReach } from './warnings/views'

export type { LiveMessage, WallTally }

/** What one client may be told of an event: nothing, or a message without text or people. */
export function messageFor(s: Services, actor: Actor & { username: string }, e: Sequenced): LiveMessage | null {
  if (e.type === 'stats') return { event: 'stats', data: { at: new Date().toISOString() } }
  if (e.type === 'notification')
    return e.username === actor.username ? { event: 'notification', data: { hazardId: e.hazardId, message: e.message, ...(e.warningId ? { warningId: e.warningId } : {}) } } : null
  if (e.type === 'warning')
    return mayReadWarnings(actor) && warningInReach(actor, e) ? { event: 'warning', data: { id: e.id, kind: e.kind, level: e.level, status: e.status } } : null
  if (!inReach(s, actor, { areaId: e.areaId, category: e.category })) return null
  const exact = seesDetails(actor, e.category, e.item)
  return {
    event: 'hazard',
    data: {
      id: e.id, kind: e.kind, status: e.status, version: e.version, level: e.level, escalated: e.escalated,
      category: e.category, item: e.item, villageId: e.villageId, districtId: e.districtId,
      // A generalised hazard is placed at its village only.
      areaId: exact ? e.areaId : e.villageId,
      confidential: isConfidential(e.item),
    },
  }
}

/**
 * The messages for the events since an actor's last, each with the sequence number a reconnecting
 * client names to catch up from: the wall gets its tallies (one per village and category) and one
 * `stats`, all numbered as the last event; everyone else one message an event, as `messageFor`.
 */
export function messagesFor(s: Services, actor: Actor & { username: string }, events: readonly Sequenced[]): Array<LiveMessage & { seq: number }> {
  if (!isAggregateOnly(actor)) return events.flatMap((e) => {
    const m = messageFor(s, actor, e)
    return m ? [{ ...m, seq: e.seq }] : []
  })
  const tallies = new Map<string, WallTally>()
  let stats = false
  let warnings = false
  for (const e of events) {
    if (e.type === 'stats') stats = true
    // The wall counts warnings: it is told they changed, never which.
    if (e.type === 'warning') warnings = true
    if (e.type !== 'hazard') continue
    const found = e.kind === 'created' ? 1 : 0
    const closed = e.action === 'verify' && e.status === 'closed' ? 1 : 0
    const escalated = e.action === 'escalate' ? 1 : 0
    // Steps in between (assess, assign, start …) change figures the `stats` message refetches, not the tallies.
    if (!found && !closed && !escalated) continue
    const key = `${e.villageId}/${e.category}`
    let t = tallies.get(key)
    if (!t) {
      const name = (id: string) => s.ledger.areas.byId.get(id)?.name ?? ''
      tallies.set(key, (t = { villageId: e.villageId, villageName: name(e.villageId), districtId: e.districtId, districtName: name(e.districtId), category: e.category, found: 0, closed: 0, escalated: 0 }))
    }
    t.found += found
    t.closed += closed
    t.escalated += escalated
  }
  const seq = events.at(-1)?.seq ?? 0
  const out: Array<LiveMessage & { seq: number }> = [...tallies.values()].map((data) => ({ event: 'tally', data, seq }))
  if (stats) out.push({ event: 'stats', data: { at: new Date().toISOString() }, seq })
  if (warnings) out.push({ event: 'warning', data: { id: null, kind: 'changed', level: null, status: null }, seq })
  return out
}
