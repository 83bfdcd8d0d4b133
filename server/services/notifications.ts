import { categoryById } from '../domain/categories'
import type { InAppNotification, NotificationList } from '../domain/contract/work'
import { seesDetails } from '../domain/roles'
import type { Hazard, User } from '../domain/schemas'
import type { NotificationRecord } from '../store/types'
import type { LiveEvent, Services } from './context'
import { notFound } from './errors'

/** A notification as its owner reads it (the contract's `Notification`): the owner's name left out. */
const view = ({ username: _username, ...rest }: NotificationRecord): InAppNotification => rest

/**
 * Escalation (疑难/紧急): the inspecting unit's head reports to the lead unit's head at once. Writes
 * an in-app notification for every account of the hazard's lead unit (not the escalating user
 * itself) and returns the stream messages to publish once the write has committed.
 * Call inside the transaction that records the escalation.
 */
export function recordEscalation(s: Services, h: Hazard, escalatedBy: string, reason: string, at: string): LiveEvent[] {
  const lead = categoryById[h.category].leadUnit
  const heads = s.store.users.list().filter((u) => u.role === 'lead_unit' && u.leadUnit === lead && u.username !== escalatedBy)
  return heads.map((u) => {
    // A lead unit is cleared for its own category, so the message may name the hazard.
    const title = seesDetails({ role: u.role, leadUnit: u.leadUnit ?? undefined }, h.category, h.item) ? `「${h.title}」` : ''
    const message = `${escalatedBy} 上报疑难/紧急隐患 ${h.code}${title}：${reason}`
    s.store.notifications.insert({ username: u.username, hazardId: h.id, message, createdAt: at })
    return { type: 'notification' as const, username: u.username, hazardId: h.id, message }
  })
}

export function listNotifications(s: Services, username: string, opts: { unreadOnly?: boolean; limit: number }): NotificationList {
  return {
    notifications: s.store.notifications.list(username, opts).map(view),
    unread: s.store.notifications.unreadCount(username),
  }
}

export function markRead(s: Services, username: string, id: number): InAppNotification {
  const n = s.store.notifications.markRead(id, username, new Date().toISOString())
  // Another user's notification answers exactly like a missing one.
  if (!n) throw notFound('notification')
  return view(n)
}

export function markAllRead(s: Services, username: string): number {
  return s.store.notifications.markAllRead(username, new Date().toISOString())
}

/**
 * In-app notifications about a hazard for every account `who` picks (never `except`, the one who
 * acted), each naming the hazard's title only where that account may read it. Call inside the
 * transaction that records what is told; publish the returned messages once it has committed.
 */
export function recordNotices(
  s: Services, h: Hazard, who: (u: User) => boolean, except: string, message: (title: string) => string, at: string,
): LiveEvent[] {
  return s.store.users.list().filter((u) => who(u) && u.username !== except).map((u) => {
    const reader = { role: u.role, areaId: u.areaId ?? undefined, leadUnit: u.leadUnit ?? undefined }
    const text = message(seesDetails(reader, h.category, h.item) ? `「${h.title}」` : '')
    s.store.notifications.insert({ username: u.username, hazardId: h.id, message: text, createdAt: at })
    return { type: 'notification' as const, username: u.username, hazardId: h.id, message: text }
  })
}
