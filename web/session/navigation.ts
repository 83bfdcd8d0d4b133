import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import { onUnauthorized } from '../api/client'
import type { SessionUser } from '../api/auth'
import { actorOf, useSessionStore } from '../stores/session'
import { isAggregateOnly } from '../../server/domain/roles'

export const LOGIN_PATH = '/login'
const DESK_PATH = '/'
const WALL_PATH = '/wall'

/** Any origin will do as long as no real site can have it: it only tells "ours" from "elsewhere". */
const PROBE_ORIGIN = 'http://pingan.invalid'

/**
 * `next` as a path inside this app, or undefined. Refuses anything a browser could read as
 * another site: absolute URLs, `//host`, `/\host`, and paths with control characters or spaces
 * (browsers drop tabs and newlines, turning `/\t/host` into `//host`).
 */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return undefined
  if (/[\u0000-\u0020\u007f\\]/.test(next)) return undefined
  let url: URL
  try {
    url = new URL(next, PROBE_ORIGIN)
  } catch {
    return undefined
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname === LOGIN_PATH) return undefined
  return `${url.pathname}${url.search}${url.hash}`
}

/** Where a user starts: the wall display on the wall, everyone else at the desk. */
export function landingPath(user: SessionUser): string {
  return isAggregateOnly(actorOf(user)) ? WALL_PATH : DESK_PATH
}

/** After login: the page the user was sent away from, if it is one of ours, else their start. */
export function afterLoginPath(user: SessionUser, next: unknown): string {
  return safeNext(next) ?? landingPath(user)
}

/** The login page, remembering where to come back to. */
export function loginLocation(backTo: string): RouteLocationRaw {
  const next = safeNext(backTo)
  return next && next !== DESK_PATH ? { path: LOGIN_PATH, query: { next } } : { path: LOGIN_PATH }
}

/** The guard's decision for a route, given who is logged in: go on (true) or go elsewhere. */
export function sessionRedirect(to: Pick<RouteLocationNormalized, 'path' | 'fullPath' | 'query'>, user: SessionUser | null): true | RouteLocationRaw {
  // The wall's account reads aggregates only: every other page would meet refusals (403).
  if (user && isAggregateOnly(actorOf(user))) return to.path === WALL_PATH ? true : WALL_PATH
  if (to.path === LOGIN_PATH) return user ? afterLoginPath(user, to.query['next']) : true
  return user ? true : loginLocation(to.fullPath)
}

/**
 * Every route but the login page needs a session: the server is asked once who is logged in,
 * and a 401 from any later call (the session expired) sends the reader to log in again.
 */
export function guardSessions(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (to.path === LOGIN_PATH && !session.loaded) return true
    // A server that does not answer cannot say who is logged in; the login page will say why.
    const user = await session.ensureLoaded().catch(() => null)
    return sessionRedirect(to, user)
  })

  onUnauthorized(() => {
    useSessionStore().forget()
    const current = router.currentRoute.value
    if (current.path !== LOGIN_PATH) void router.replace(loginLocation(current.fullPath))
  })
}
