import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema, ItemIdSchema, RiskLevelSchema, StatusSchema } from '../schemas'
import { WarningLevelSchema, WarningStatusSchema } from './warnings'

/**
 * What `/api/stream` (Server-Sent Events) sends: each event's name and the JSON of its `data`. Not
 * a JSON answer, so OpenAPI lists the stream as text/event-stream; the server builds these types
 * (server/services/live.ts) and the web reads them (web/api/stream.ts).
 */

/** `hello`: sent first on every (re)connection. */
export const LiveHelloSchema = z.object({ seq: z.number(), today: DateSchema })
export type LiveHello = z.infer<typeof LiveHelloSchema>

/**
 * `hazard`: one hazard the reader may see was created or changed — no text, no people. Not a
 * history row (a `HazardEvent`): a note to refetch what shows the hazard.
 */
export const LiveHazardMessageSchema = z.object({
  id: z.number(),
  kind: z.enum(['created', 'changed']),
  status: StatusSchema,
  version: z.number(),
  level: RiskLevelSchema.nullable(),
  escalated: z.boolean(),
  category: CategoryIdSchema,
  item: ItemIdSchema,
  villageId: z.string(),
  districtId: z.string(),
  /** the grid cell, or only the village for a hazard generalised for this reader */
  areaId: z.string(),
  confidential: z.boolean(),
})
export type LiveHazardMessage = z.infer<typeof LiveHazardMessageSchema>

/**
 * `tally`: what the wall display is told instead of `hazard`: per village and category, how many
 * hazards were found, closed and escalated since its last message. Counts and place names only:
 * never which hazard, its item, its status or its level.
 */
export const WallTallySchema = z.object({
  villageId: z.string(),
  villageName: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  category: CategoryIdSchema,
  found: z.number(),
  closed: z.number(),
  escalated: z.number(),
})
export type WallTally = z.infer<typeof WallTallySchema>

/** `stats`: figures changed; refetch the summaries. */
export const LiveStatsSchema = z.object({ at: z.string() })
/** `notification`: one for the reader itself (an escalation reaching a lead unit's head). */
export const LiveNotificationSchema = z.object({ hazardId: z.number().nullable(), message: z.string(), warningId: z.number().optional() })

/**
 * `warning`: a warning (预警, issue 14) the reader may see was issued or changed: refetch it. The
 * wall is told only that the warnings changed (id, level and status null): it refetches its summary.
 */
export const LiveWarningMessageSchema = z.object({
  id: z.number().nullable(),
  kind: z.enum(['issued', 'changed']),
  level: WarningLevelSchema.nullable(),
  status: WarningStatusSchema.nullable(),
})

/** Every event the stream sends, by name, with the data it carries (`reload`: too far behind, reload everything). */
export const liveMessageSchemas = {
  hello: LiveHelloSchema,
  hazard: LiveHazardMessageSchema,
  tally: WallTallySchema,
  stats: LiveStatsSchema,
  reload: z.object({}),
  notification: LiveNotificationSchema,
  warning: LiveWarningMessageSchema,
} as const
export type LiveEventName = keyof typeof liveMessageSchemas
/** One message as the server writes it: its event name and its data. */
export type LiveMessage = { [E in LiveEventName]: { event: E; data: z.infer<(typeof liveMessageSchemas)[E]> } }[LiveEventName]
