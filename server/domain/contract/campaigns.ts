import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema } from '../schemas'
import { HazardViewSchema } from './hazards'

/** Special campaigns (专项整治): what `/api/campaigns` takes and answers. */

export const NewCampaignSchema = z
  .strictObject({ name: z.string().trim().min(1).max(80), goal: z.string().trim().min(1).max(2000), deadline: DateSchema, category: CategoryIdSchema.optional() })
  .openapi('NewCampaign')
export type NewCampaign = z.infer<typeof NewCampaignSchema>

/** Hazards to put in and take out, all or nothing. */
export const CampaignMembersSchema = z
  .strictObject({ add: z.array(z.number().int().positive()).max(5000).default([]), remove: z.array(z.number().int().positive()).max(5000).default([]) })
  .refine((b) => b.add.length + b.remove.length > 0, { message: 'name hazards to add or remove', path: ['add'] })
  .openapi('CampaignMembers')
export type CampaignMembers = z.input<typeof CampaignMembersSchema>

export const CampaignProgressSchema = z.object({
  total: z.number(),
  closed: z.number(),
  open: z.number(),
  overdue: z.number(),
  /** closed ÷ total, 0–1 */
  closeRate: z.number(),
})
export type CampaignProgress = z.infer<typeof CampaignProgressSchema>

/** A campaign with its progress counted within the caller's reach. */
export const CampaignSchema = z
  .object({
    id: z.number(), name: z.string(), goal: z.string(), deadline: DateSchema, category: CategoryIdSchema.nullable(),
    createdBy: z.string(), createdAt: z.string(), daysLeft: z.number(), progress: CampaignProgressSchema,
  })
  .openapi('Campaign')
export type Campaign = z.infer<typeof CampaignSchema>

export const CampaignListSchema = z.object({ campaigns: z.array(CampaignSchema) })
export const CampaignAnswerSchema = z.object({ campaign: CampaignSchema })

/** One campaign and its hazards, as the caller may see them (generalised where not cleared). */
export const CampaignDetailSchema = z.object({ campaign: CampaignSchema, hazards: z.array(HazardViewSchema) }).openapi('CampaignDetail')
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>

/** The campaign after a change of members, and how many hazards went in and out. */
export const CampaignChangeSchema = CampaignDetailSchema.extend({ added: z.number(), removed: z.number() }).openapi('CampaignChange')
export type CampaignChange = z.infer<typeof CampaignChangeSchema>
