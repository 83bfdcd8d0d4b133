import { type ClientResponse, hc } from 'hono/client'
import type { ClientErrorStatusCode, ServerErrorStatusCode, StatusCode } from 'hono/utils/http-status'
import type { AppType } from '../../server/app'
import type { ErrorBody } from '../../server/domain/contract/common'

/** Status 0 stands for "no answer at all", as fetch reports it. */
const NO_ANSWER = 0
const UNAUTHORIZED = 401

/** A call that failed: refused by the server as it states it (`{"error": {"code", "message", "details"}}` with its status), or never answered (status 0). */
export class CallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'CallError'
  }

  /** 401: the session is missing or expired (or, for a login, the credentials are wrong). */
  get notLoggedIn(): boolean {
    return this.status === UNAUTHORIZED
  }

  /** 429: too many attempts; the server asks the client to wait. */
  get tooManyAttempts(): boolean {
    return this.status === 429
  }

  /** The server never answered (down, or the network is cut). */
  get noAnswer(): boolean {
    return this.status === NO_ANSWER
  }
}

/** A refusal's body as it may arrive: the contract's shape, unchecked (a proxy's page is not JSON at all). */
type UncheckedErrorBody = { error?: { [K in keyof ErrorBody['error']]?: unknown } }

async function errorFrom(res: Response): Promise<CallError> {
  const body = (await res.json().catch(() => ({}))) as UncheckedErrorBody
  const code = typeof body.error?.code === 'string' ? body.error.code : `http_${res.status}`
  const message = typeof body.error?.message === 'string' ? body.error.message : res.statusText
  return new CallError(res.status, code, message, body.error?.details)
}

type UnauthorizedHandler = (error: CallError) => void
let unauthorizedHandler: UnauthorizedHandler | undefined

/**
 * Names the one place that reacts when the server says the session is gone (it expired, or was
 * closed elsewhere). Replaces any earlier handler; returns a function that removes this one.
 */
export function onUnauthorized(handler: UnauthorizedHandler): () => void {
  unauthorizedHandler = handler
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = undefined
  }
}

export interface CallOptions {
  /** A 401 is this call's own answer (wrong password, nobody logged in), not a session that expired. */
  unauthorizedIsAnswer?: boolean
}

/**
 * The server's routes, typed by the server itself (`AppType`): a path, a parameter or a field renamed
 * on one side fails the type check on the other. Calls go to our own origin with the session cookie.
 * Use with `call`: `call(api.stats.summary.$get({ query }))`.
 */
export const api = hc<AppType>('/', {
  fetch: (input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, { ...init, credentials: 'same-origin', headers: { Accept: 'application/json', ...headersOf(init?.headers) } }),
}).api

/** hc hands its headers (a JSON body's Content-Type among them) over as a `Headers`, which spreading would drop. */
function headersOf(headers: HeadersInit | undefined): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries())
}

type Refused = ClientErrorStatusCode | ServerErrorStatusCode
/** What a call answers when it succeeds: the JSON its route declares for a 2xx status. */
export type Answer<R> = R extends ClientResponse<infer T, infer S, infer F> ? (S extends Refused ? never : F extends 'json' ? T : undefined) : never

/**
 * Sends a typed call and reads its answer: a 2xx gives the JSON the route declares (undefined for
 * 204), any other status a CallError (a 401 also told to `onUnauthorized` unless it is this
 * call's own answer).
 */
export async function call<R extends ClientResponse<unknown, StatusCode, string>>(sent: Promise<R>, options: CallOptions = {}): Promise<Answer<R>> {
  let res: Response
  try {
    res = (await sent) as unknown as Response
  } catch (cause) {
    throw new CallError(NO_ANSWER, 'no_answer', cause instanceof Error ? cause.message : String(cause))
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as Answer<R>
  const error = await errorFrom(res)
  if (error.notLoggedIn && !options.unauthorizedIsAnswer) unauthorizedHandler?.(error)
  throw error
}
