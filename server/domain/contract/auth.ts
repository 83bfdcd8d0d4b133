import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema, UserSchema } from '../schemas'

/** Signing in and out, and the server's health: what `/api/auth/*` and `/api/health` take and answer. */

export const LoginSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).openapi('Login')
export type Login = z.infer<typeof LoginSchema>

/** The wall display's long-lived token (WALL_TOKEN). */
export const DisplayTokenSchema = z.strictObject({ token: z.string().min(1).max(256) }).openapi('DisplayToken')
export type DisplayToken = z.infer<typeof DisplayTokenSchema>

/** The user as the API shows it: a lead unit also learns the category it leads. */
export const SessionUserSchema = UserSchema.extend({ category: CategoryIdSchema.nullable() }).openapi('User')
export type SessionUser = z.infer<typeof SessionUserSchema>
export const UserAnswerSchema = z.object({ user: SessionUserSchema })

export const HealthSchema = z
  .object({
    ok: z.literal(true),
    /** the day the server keeps (YYYY-MM-DD) */
    today: DateSchema,
    /** the server holds the demo database and takes its published password, so the login page may offer the demo accounts */
    demo: z.boolean(),
    /** the deployment's accountability limits (REPORT_LIMIT_HOURS, CONCEALED_AFTER_DAYS, VERIFY_LIMIT_DAYS): the card's 迟报 / 瞒报 are judged by them */
    limits: z.object({ reportLimitHours: z.number(), concealedAfterDays: z.number(), verifyLimitDays: z.number() }),
  })
  .openapi('Health')
export type Health = z.infer<typeof HealthSchema>
