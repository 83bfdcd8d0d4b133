import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, RiskLevelSchema, StatusSchema } from '../schemas'
import { BulletinScorecardsSchema } from './scorecards'
import { BulletinSupervisionSchema } from './supervision'
import { BulletinWarningSchema } from './warnings'

/** The monthly bulletin (每月通报): what `/api/bulletins/{month}` takes and answers, for the server that draws it up and the web that shows it. */

export const BulletinMonthParamSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').openapi({ param: { name: 'month', in: 'path' }, example: '2026-10' }),
})
export const bulletinFormats = ['json', 'html', 'xlsx'] as const
export const BulletinQuerySchema = z.strictObject({ format: z.enum(bulletinFormats).default('json'), lang: z.enum(['zh', 'en']).default('zh') })

const figures = {
  /** hazards discovered in the month */
  found: z.number(),
  /** hazards closed out (销号) in the month */
  closed: z.number(),
  /** open when the month began */
  openAtStart: z.number(),
  /** closed ÷ (openAtStart + found): the share of the month's workload struck off; null when there was none */
  closeRate: z.number().nullable(),
  /** past their deadline and not rectified on the month's last day (today, for the running month) */
  overdue: z.number(),
  /** escalated (疑难/紧急) in the month, by the escalation's date */
  escalated: z.number(),
  /** share of the month's half-month concentrated rounds (集中性排查) that reached the village; a district's is its villages' mean */
  coverage: z.number().nullable(),
}
export const BulletinFiguresSchema = z.object(figures)
export type BulletinFigures = z.infer<typeof BulletinFiguresSchema>

/** One district's or village's figures for the month. */
export const BulletinRowSchema = z
  .object({
    areaId: z.string(), code: z.string(), name: z.string(),
    /** the district a village lies in */
    districtId: z.string().nullable(), districtName: z.string().nullable(),
    ...figures,
    /** 1 = best; equal figures share a rank */
    rank: z.number(),
  })
  .openapi('BulletinRow')
export type BulletinRow = z.infer<typeof BulletinRowSchema>

/** A hazard named in the bulletin. A confidential one is named by its code and category only. */
export const BulletinItemSchema = z
  .object({
    id: z.number(), code: z.string(), title: z.string().nullable(), confidential: z.boolean(), category: CategoryIdSchema, categoryName: z.string(),
    item: z.string(), itemName: z.string().nullable(), level: RiskLevelSchema.nullable(), status: StatusSchema, villageId: z.string(), village: z.string(),
    districtId: z.string(), district: z.string(), deadline: z.string().nullable(), daysOverdue: z.number().nullable(), escalatedOn: z.string().nullable(),
  })
  .openapi('BulletinItem')
export type BulletinItem = z.infer<typeof BulletinItemSchema>

const bilingual = z.object({ zh: z.string(), en: z.string() })

export const BulletinSchema = z
  .object({
    month: z.string(),
    period: z.object({ start: z.string(), end: z.string() }),
    /** the day the figures stand at: the month's last day, or today while the month runs */
    asOf: z.string(),
    /** false while the month runs (未定稿 / provisional); true once ended, when it is stored and no longer changes */
    final: z.boolean(),
    generatedAt: z.string(),
    town: BulletinFiguresSchema.extend({ name: z.string() }),
    districts: z.array(BulletinRowSchema),
    villages: z.array(BulletinRowSchema),
    topOverdue: z.array(BulletinItemSchema),
    topEscalated: z.array(BulletinItemSchema),
    summary: bilingual,
    ranking: bilingual,
    /** 考核排名 (contract/scorecards.ts); absent from bulletins published before scorecards existed */
    scorecards: BulletinScorecardsSchema.optional(),
    /** 挂牌督办 (contract/supervision.ts); absent from bulletins published before listings existed */
    supervision: BulletinSupervisionSchema.optional(),
    /** 预测预警 (contract/warnings.ts): the month's warnings, responses and lifts; absent from bulletins published before warnings existed */
    warnings: z.array(BulletinWarningSchema).optional(),
  })
  .openapi('Bulletin')
export type Bulletin = z.infer<typeof BulletinSchema>
