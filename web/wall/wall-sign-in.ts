import type { LocationQuery, RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { CallError } from '../api/client'
import { signInWithDisplayToken } from '../api/wall-token'
import { LOGIN_PATH, safeNext } from '../session/navigation'
import { useSessionStore } from '../stores/session'

export const WALL_PATH = '/wall'
/** Kept for this tab only, so the wall can sign in again by itself if its session ends. */
const TOKEN_KEY = 'pingan.wallToken'

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The URL's query without the token: it must not stay in the address bar or the history. */
export function withoutToken(query: LocationQuery): LocationQuery {
  const { token: _token, ...rest } = query
  return rest
}

/** Whether a navigation to the login page would come back to the wall. */
export function returnsToWall(to: Pick<RouteLocationNormalized, 'path' | 'query'>): string | undefined {
  if (to.path !== LOGIN_PATH) return undefined
  const next = safeNext(to.query['next'])
  return next && new URL(next, 'http://wall.invalid').pathname === WALL_PATH ? next : undefined
}

const RETRY_DEFAULT_MS = 30_000
const RETRY_MIN_MS = 5_000
const RETRY_MAX_MS = 15 * 60_000

/**
 * How long to wait before trying the token again, or undefined when the token itself was refused.
 * A 429 says how long (its Retry-After, also in the body's details); a server that did not answer
 * or failed is tried again in 30 s. Never sooner than 5 s, never later than 15 minutes.
 */
export function retryDelay(error: unknown): number | undefined {
  if (!(error instanceof CallError)) return RETRY_DEFAULT_MS
  if (!error.tooManyAttempts && !error.noAnswer && error.status < 500) return undefined
  const seconds = error.tooManyAttempts ? (error.details as { retryAfter?: unknown } | undefined)?.retryAfter : undefined
  const ms = typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : RETRY_DEFAULT_MS
  return Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, ms))
}

export interface WallSignInOptions {
  /** how the guard waits between tries (tests pass their own clock) */
  wait?: (ms: number) => Promise<void>
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A guard that runs before the session guard. `/wall?token=…` signs in with the display token
 * (POST /api/auth/display-token) and drops the token from the URL; later, when the session has
 * gone and the app would send the wall to the login page, the kept token signs it in again.
 * A token the server refuses (401) is forgotten, and the usual login page takes over. A server
 * that says "not now" (429), or does not answer, keeps the token: the unattended wall keeps its
 * last picture and tries again when told to, until it is in.
 */
export function wallTokenGuard(storage: Storage | undefined = globalThis.sessionStorage, { wait = sleep }: WallSignInOptions = {}) {
  /** One sign-in at a time: every 401 of the waiting wall asks again, and joins the one under way. */
  let running: Promise<boolean> | undefined
  /** the wait a server asked for that no try has honoured yet */
  let owed: number | undefined

  async function signIn(token: string, retry: boolean): Promise<boolean | 'later'> {
    for (;;) {
      if (owed !== undefined && retry) {
        const delay = owed
        owed = undefined
        await wait(delay)
      }
      try {
        await signInWithDisplayToken(token)
        storage?.setItem(TOKEN_KEY, token)
        await useSessionStore().refresh()
        return true
      } catch (error) {
        const delay = retryDelay(error)
        if (delay === undefined) {
          storage?.removeItem(TOKEN_KEY)
          return false
        }
        storage?.setItem(TOKEN_KEY, token)
        owed = delay
        if (!retry) return 'later'
      }
    }
  }

  return async (to: RouteLocationNormalized): Promise<true | RouteLocationRaw> => {
    const given = to.path === WALL_PATH && typeof to.query['token'] === 'string' ? to.query['token'] : undefined
    if (given) {
      // One try, then the token leaves the address bar whatever the answer; a kept token is tried
      // again when the session guard sends the wall to the login page.
      await signIn(given, false)
      return { path: WALL_PATH, query: withoutToken(to.query), replace: true }
    }
    const back = returnsToWall(to)
    const token = back ? storage?.getItem(TOKEN_KEY) : undefined
    if (!token) return true
    running ??= (signIn(token, true) as Promise<boolean>).finally(() => (running = undefined))
    return (await running) ? back! : true
  }
}
