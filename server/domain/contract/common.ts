import { z } from '@hono/zod-openapi'

/** Pieces of the contract several areas share: a numeric id in the path, one field's complaint, an uploaded file. */

export const IdParamSchema = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) })

/** What is wrong with one field (of a body, a file's row, a feature): api.md's error details. */
export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() }).openapi('FieldError')
export type FieldError = z.infer<typeof FieldErrorSchema>

/** A multipart file field, described to OpenAPI as binary. */
export const FileSchema = z.custom<File>((v) => v instanceof File, 'a file is required').openapi({ type: 'string', format: 'binary' })

/** Query values arrive as text; lists are comma-separated, as api.md's filters are. */
export const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(item).min(1))

/** An area id as a query names it. */
export const AreaIdSchema = z.string().min(1).max(40)

/**
 * Every refusal's body (api.md): a code for programs, a message for people, and `details` where
 * the code has them. Their shape depends on the code, so the general body leaves them unknown.
 */
export const errorBodySchema = <D extends z.ZodType>(details: D) =>
  z.object({ error: z.object({ code: z.string(), message: z.string(), details: details.optional() }) })
export const ErrorBodySchema = errorBodySchema(z.unknown()).openapi('Error')
export type ErrorBody = z.infer<typeof ErrorBodySchema>

/** A refusal that names the fields at fault: `invalid_input`, and the refusals that point at one field. */
export const FieldErrorBodySchema = errorBodySchema(z.array(FieldErrorSchema)).openapi('FieldErrorBody')
export type FieldErrorBody = z.infer<typeof FieldErrorBodySchema>
