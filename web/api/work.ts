import type { WorkQueue } from '../../server/domain/contract/work'
import { api, call } from './client'

export type { InAppNotification, WorkItem, WorkQueue } from '../../server/domain/contract/work'

/** `GET /api/work` — the caller's queue (overdue first, then by deadline) and unread notifications. */
export function fetchWork(limit = 500): Promise<WorkQueue> {
  return call(api.work.$get({ query: { limit: String(limit) } }))
}

/** `POST /api/notifications/:id/read` — one of one's own notifications read. */
export async function markNotificationRead(id: number): Promise<void> {
  await call(api.notifications[':id'].read.$post({ param: { id: String(id) } }))
}

/** `POST /api/notifications/read-all`. */
export async function markAllNotificationsRead(): Promise<void> {
  await call(api.notifications['read-all'].$post())
}
