import type { ErrorBody, FieldError } from '../domain/contract/common'

/** HTTP statuses a client error may carry. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429

/** An error the client caused or may see, in api.md's shape: {error: {code, message, details}}. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** response headers to go with it, e.g. Retry-After on a 429 */
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`)
export const forbidden = (message = 'This role may not do that.') => new ApiError(403, 'forbidden', message)
export const unauthorized = () => new ApiError(401, 'unauthorized', 'Not logged in.')
export const invalid = (details: FieldError[]) =>
  new ApiError(400, 'invalid_input', `Invalid input: ${details.map((d) => d.field).join(', ')}.`, details)

/** The body of every refusal, in the contract's shape (server/domain/contract/common.ts). */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}
