import { isConfidential } from '../domain/categories'
import type { Actor } from '../domain/roles'
import { seesDetails } from '../domain/roles'
import type { Services, Sequenced } from './context'
import { inReach } from './hazards'

/** What one client may be told of an event: nothing, or a message without text or people. */
export function messageFor(s: Services, actor: Actor & { username: string }, e: Sequenced): { event: string; data: unknown } | null {
  if (e.type === 'stats') return { event: 'stats', data: { at: new Date().toISOString() } }
  if (e.type === 'notification') return e.username === actor.username ? { event: 'notification', data: { hazardId: e.hazardId, message: e.message } } : null
  if (!inReach(s, actor, { areaId: e.areaId, category: e.category as never })) return null
  const exact = seesDetails(actor, e.category as never, e.item)
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
