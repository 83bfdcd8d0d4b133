import { createRoute } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import { MarkedSchema, NotificationAnswerSchema, NotificationListSchema, NotificationQuerySchema, WorkQuerySchema, WorkQueueSchema } from '../domain/contract/work'
import { listNotifications, markAllRead, markRead } from '../services/notifications'
import { workQueue } from '../services/work'
import { json, router } from './support/router'

/** In-app notifications (escalations reach the lead unit here and on the stream) and each role's work queue. */
export const notificationRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/notifications', summary: 'The caller’s own notifications, newest first, with the unread count',
      request: { query: NotificationQuerySchema },
      responses: { 200: json(NotificationListSchema, 'notifications') },
    }),
    (c) => {
      const q = c.req.valid('query')
      return c.json(listNotifications(c.var.services, c.var.actor.username, { unreadOnly: q.unread === 'true', limit: q.limit }), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/notifications/{id}/read', summary: 'Mark one of one’s own notifications read',
      request: { params: IdParamSchema },
      responses: { 200: json(NotificationAnswerSchema, 'the notification'), 404: { description: 'no such notification of yours' } },
    }),
    (c) => c.json({ notification: markRead(c.var.services, c.var.actor.username, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/notifications/read-all', summary: 'Mark all of one’s notifications read',
      responses: { 200: json(MarkedSchema, 'how many were unread') },
    }),
    (c) => c.json({ marked: markAllRead(c.var.services, c.var.actor.username) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/work',
      summary: 'My work: what waits for the caller’s role (overdue first, then by deadline) and its unread notifications',
      request: { query: WorkQuerySchema },
      responses: { 200: json(WorkQueueSchema, 'the queue') },
    }),
    (c) => c.json(workQueue(c.var.services, c.var.actor, c.req.valid('query').limit), 200),
  )
