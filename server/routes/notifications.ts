import { createRoute, z } from '@hono/zod-openapi'
import { listNotifications, markAllRead, markRead } from '../services/notifications'
import { workQueue } from '../services/work'
import { json, router } from './support/router'
import { userOf } from './support/session'

const Notification = z
  .object({ id: z.number(), hazardId: z.number().nullable(), message: z.string(), createdAt: z.string(), readAt: z.string().nullable() })
  .openapi('Notification')
const NotificationList = z.object({ notifications: z.array(Notification), unread: z.number() }).openapi('NotificationList')
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) })
const WorkItem = z.record(z.string(), z.unknown()).openapi('WorkItem', {
  description: 'a hazard as the list shows it (generalised where not cleared) plus task, daysLeft and nextSteps',
})
const WorkQueue = NotificationList.extend({
  items: z.array(WorkItem),
  total: z.number(),
  overdue: z.number(),
  counts: z.record(z.string(), z.number()),
  today: z.string(),
  deadlineDays: z.record(z.string(), z.number()),
}).openapi('WorkQueue')

/** In-app notifications (escalations reach the lead unit here and on the stream) and each role's work queue. */
export const notificationRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/notifications', summary: 'The caller’s own notifications, newest first, with the unread count',
      request: { query: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }) },
      responses: { 200: json(NotificationList, 'notifications') },
    }),
    (c) => {
      const q = c.req.valid('query')
      return c.json(listNotifications(c.var.services, userOf(c).username, { unreadOnly: q.unread === 'true', limit: q.limit }), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/notifications/{id}/read', summary: 'Mark one of one’s own notifications read',
      request: { params: IdParam },
      responses: { 200: json(z.object({ notification: Notification }), 'the notification'), 404: { description: 'no such notification of yours' } },
    }),
    (c) => c.json({ notification: markRead(c.var.services, userOf(c).username, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/notifications/read-all', summary: 'Mark all of one’s notifications read',
      responses: { 200: json(z.object({ marked: z.number() }), 'how many were unread') },
    }),
    (c) => c.json({ marked: markAllRead(c.var.services, userOf(c).username) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/work',
      summary: 'My work: what waits for the caller’s role (overdue first, then by deadline) and its unread notifications',
      request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(2000).default(200) }) },
      responses: { 200: json(WorkQueue, 'the queue') },
    }),
    (c) => {
      return c.json(workQueue(c.var.services, c.var.actor, c.req.valid('query').limit), 200)
    },
  )
