import { z } from '@hono/zod-openapi'
import { DateSchema, PersonSchema } from '../schemas'
import { AreaIdSchema, csv } from './common'

/** Key persons (重点人员) and their visits: what `/api/persons` takes and answers. */

/** A record as the API shows it: masked (张*, 370283********1234) unless this one was revealed. */
export const PersonViewSchema = PersonSchema.extend({ idNumber: z.string(), phone: z.string(), masked: z.boolean() }).openapi('Person')
export type PersonView = z.infer<typeof PersonViewSchema>

/** One visit to a key person (走访记录): who went, when, and what was found or done. */
export const PersonVisitSchema = z
  .object({ id: z.number(), personId: z.number(), date: DateSchema, visitors: z.string(), note: z.string(), createdBy: z.string(), createdAt: z.string() })
  .openapi('PersonVisit')
export type PersonVisit = z.infer<typeof PersonVisitSchema>

export const NewVisitSchema = z
  .strictObject({ date: DateSchema, visitors: z.string().trim().min(1).max(200), note: z.string().trim().min(1).max(2000) })
  .openapi('NewPersonVisit')
export type NewVisit = z.infer<typeof NewVisitSchema>

/** The reason travels in the body, never the address, so it stays out of logs and histories. */
export const RevealSchema = z.strictObject({ reason: z.string().trim().min(4).max(500) }).openapi('PersonReveal')
export type Reveal = z.infer<typeof RevealSchema>

export const PersonListQuerySchema = z.strictObject({ area: csv(AreaIdSchema).optional() })

export const PersonListSchema = z.object({ persons: z.array(PersonViewSchema) })
export const PersonAnswerSchema = z.object({ person: PersonViewSchema })
export const VisitListSchema = z.object({ visits: z.array(PersonVisitSchema) })
export const VisitAnswerSchema = z.object({ visit: PersonVisitSchema })
