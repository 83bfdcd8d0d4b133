import type { RiskLevel } from '../../server/domain/levels'
import type { Step } from '../../server/domain/lifecycle'
import type { Task } from '../../server/domain/tasks'
import { getJson, request } from './client'
import type { HazardView } from './hazards'

/** A hazard on the caller's queue: why it is there, days to its deadline while it runs, and what may be done now. */
export type WorkItem = HazardView & {
  task: Task
  /** days to the rectification deadline while it runs (assigned, rectifying); negative when overdue */
  daysLeft: number | null
  nextSteps: Step[]
}

/** An in-app notice, e.g. an escalation reaching the lead unit's head. */
export interface WorkNotification {
  id: number
  hazardId: number | null
  message: string
  createdAt: string
  readAt: string | null
}

export interface WorkQueue {
  items: WorkItem[]
  total: number
  overdue: number
  counts: Record<Task, number>
  /** the server's today (YYYY-MM-DD) */
  today: string
  /** the deployment's default rectification period by level, in days */
  deadlineDays: Record<RiskLevel, number>
  /** unread notifications, newest first */
  notifications: WorkNotification[]
  unread: number
}

/** `GET /api/work` — the caller's queue (overdue first, then by deadline) and unread notifications. */
export function fetchWork(limit = 500): Promise<WorkQueue> {
  return getJson<WorkQueue>('/api/work', { limit: String(limit) })
}

/** `POST /api/notifications/:id/read` — one of one's own notifications read. */
export async function markNotificationRead(id: number): Promise<void> {
  await request(`/api/notifications/${encodeURIComponent(String(id))}/read`, { method: 'POST' })
}

/** `POST /api/notifications/read-all`. */
export async function markAllNotificationsRead(): Promise<void> {
  await request('/api/notifications/read-all', { method: 'POST' })
}
