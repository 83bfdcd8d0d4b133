import { z } from '@hono/zod-openapi'
import { riskLevelIds } from '../levels'
import type { Step } from '../lifecycle'
import { taskIds } from '../tasks'
import { HazardViewSchema } from './hazards'

/** Each role's work queue and its notifications: what `/api/work` and `/api/notifications` answer. */

/** An in-app notice, e.g. an escalation reaching the lead unit's head. */
export const NotificationSchema = z
  .object({
    id: z.number(), hazardId: z.number().nullable(), message: z.string(), createdAt: z.string(), readAt: z.string().nullable(),
    /** the warning (预警, issue 14) it is about, if any */
    warningId: z.number().nullable().optional(),
  })
  .openapi('Notification')
// Not `Notification`: the browser has one (the Notifications API).
export type InAppNotification = z.infer<typeof NotificationSchema>

/** Notifications newest first, with how many are unread. */
export const NotificationListSchema = z.object({ notifications: z.array(NotificationSchema), unread: z.number() }).openapi('NotificationList')
export type NotificationList = z.infer<typeof NotificationListSchema>

export const NotificationQuerySchema = z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(50) })
export const NotificationAnswerSchema = z.object({ notification: NotificationSchema })
export const MarkedSchema = z.object({ marked: z.number() })

/** Every step of domain/lifecycle.ts, the verification split into its pass and its fail. */
const stepIds = ['assess', 'assign', 'start', 'rectify', 'verify_pass', 'verify_fail', 'escalate', 'comment'] as const satisfies readonly Step[]
// A step added to the lifecycle and not here fails the type check.
const _everyStep: Exclude<Step, (typeof stepIds)[number]> extends never ? true : never = true
export const StepSchema = z.enum(stepIds)

/** A hazard on the caller's queue: why it is there, days to its deadline while it runs, and what may be done now. */
export const WorkItemSchema = HazardViewSchema.extend({
  task: z.enum(taskIds),
  /** days to the rectification deadline while it runs (assigned, rectifying); negative when overdue */
  daysLeft: z.number().nullable(),
  nextSteps: z.array(StepSchema),
  /** true while the hazard is listed for supervision (挂牌督办); absent otherwise */
  listed: z.boolean().optional(),
}).openapi('WorkItem')
export type WorkItem = z.infer<typeof WorkItemSchema>

export const WorkQueueSchema = NotificationListSchema.extend({
  items: z.array(WorkItemSchema),
  total: z.number(),
  overdue: z.number(),
  counts: z.record(z.enum(taskIds), z.number()),
  /** the server's today (YYYY-MM-DD): the forms count down and propose deadlines as the server will */
  today: z.string(),
  /** the deployment's default rectification period by level, in days */
  deadlineDays: z.record(z.enum(riskLevelIds), z.number()),
}).openapi('WorkQueue')
export type WorkQueue = z.infer<typeof WorkQueueSchema>

export const WorkQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(2000).default(200) })
