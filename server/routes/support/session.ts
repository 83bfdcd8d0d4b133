import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { SessionUser } from '../../domain/contract/auth'
import { type ActingUser, isAggregateOnly } from '../../domain/roles'
import { sessionUser } from '../../services/auth/login'
import { limitsOf, resumeSession } from '../../services/auth/sessions'
import type { Services } from '../../services/context'
import { forbidden, unauthorized } from '../../services/errors'
import type { Env } from '../../env'
import { httpsOnly } from './transport'

export const SESSION_COOKIE = 'pingan_session'

/**
 * The session cookie's name: over HTTPS it is `__Host-pingan_session`, which a browser accepts only
 * Secure, for Path=/ and without a Domain, so no sibling host or plain-http page can plant or
 * overwrite it. Only that name is read then.
 */
export const sessionCookieName = (env: Env) => (httpsOnly(env) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE)

/** The session token the request carries, if any. */
export const sessionToken = (c: Context<AppEnv>): string | undefined => getCookie(c, sessionCookieName(c.var.services.env))

// The user as the API shows it is the contract's (a lead unit also learns the category it leads).
export type { SessionUser }

export interface AppEnv {
  Variables: {
    services: Services
    user: SessionUser | null
    /** the session's token when `user` came by one: an open stream re-checks it at every heartbeat */
    sessionToken: string | null
    /** the signed-in user as services take it; set on every route but the public ones (requireUser guarantees it) */
    actor: ActingUser
  }
}

export function actorOf(user: SessionUser): ActingUser {
  return { role: user.role, areaId: user.areaId ?? undefined, leadUnit: user.leadUnit ?? undefined, username: user.username }
}

/** Finds the session's user, if any, for every API request. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = sessionToken(c)
  const { store, env } = c.var.services
  const stored = token ? resumeSession(store, token, limitsOf(env)) : undefined
  const user = stored ? sessionUser(stored) : null
  c.set('user', user)
  c.set('sessionToken', stored ? token! : null)
  if (user) c.set('actor', actorOf(user))
  await next()
}

/** The logged-in user, or a 401. */
export function userOf(c: Context<AppEnv>): SessionUser {
  const user = c.var.user
  if (!user) throw unauthorized()
  return user
}

/** Paths anyone may reach; every other API path needs a session. */
const PUBLIC = new Set(['/api/health', '/api/auth/login', '/api/auth/display-token', '/api/auth/logout', '/api/openapi.json'])

/**
 * What the wall display (an unattended screen on a long-lived session) may read: what the wall
 * page asks for, and only by GET. Every other path answers 403 to the wall, so a route added
 * later is denied to it until it is added here on purpose. Named one by one, not by prefix.
 */
const WALL_MAY_READ: readonly RegExp[] = [
  /^\/api\/auth\/me$/,
  /^\/api\/areas$/,
  /^\/api\/basemap$/,
  /^\/api\/sites$/,
  /^\/api\/stats\/(summary|trend|areas|coverage)$/,
  /^\/api\/tiles\/hazards\/\d+\/\d+\/\d+$/,
  /^\/api\/stream$/,
  // the districts' scores only (services/scorecards refuses the wall any other level)
  /^\/api\/scorecards$/,
  // open warnings by level, the red and orange as area + category + level (services/warnings/views.ts warningSummary)
  /^\/api\/warnings\/summary$/,
]

export function wallMayReach(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && WALL_MAY_READ.some((p) => p.test(path))
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!PUBLIC.has(c.req.path)) {
    const user = userOf(c)
    if (isAggregateOnly(actorOf(user)) && !wallMayReach(c.req.method, c.req.path)) throw forbidden('The wall display reads aggregates only.')
  }
  await next()
}
