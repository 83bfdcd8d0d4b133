import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import type { z } from 'zod'
import { errorBody } from '../../services/errors'
import type { AppEnv } from './session'

/** Each zod issue as the field it concerns (dotted path) and what is wrong with it. */
export function issuesOf(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: 'unknown field' }))
    return [{ field: i.path.join('.') || '(body)', message: i.message }]
  })
}

/** A sub-app whose validation failures all answer 400 in api.md's error shape, naming each field. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = issuesOf(result.error as z.ZodError)
        return c.json(errorBody('invalid_input', `Invalid ${result.target}: ${details.map((d) => d.field).join(', ')}.`, details), 400)
      }
      return undefined
    },
  })
}

/** Response content in one line: `json(Schema, 'what it is')`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

/** A required JSON request body in one line: `jsonBody(Schema)`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true }
}

export const errorResponse = (description: string) => ({ description })

/** JSON already serialised (cached GeoJSON), typed as the schema it satisfies for the hc client. */
export function preserialized<T extends z.ZodType>(c: Context, _schema: T, text: string) {
  return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as Response &
    TypedResponse<JSONParsed<z.output<T>>, 200, 'json'>
}
