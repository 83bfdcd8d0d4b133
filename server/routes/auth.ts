import { timingSafeEqual } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { CategoryIdSchema, UserSchema } from '../domain/schemas'
import type { Context } from 'hono'
import type { Env } from '../env'
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../services/auth/password'
import { LoginThrottle, closeSession, limitsOf, openSession } from '../services/auth/sessions'
import { ApiError } from '../services/errors'
import { openStreams } from '../services/streams'
import type { Store } from '../store/types'
import { json, router } from './support/router'
import { type AppEnv, sessionCookieName, sessionToken, sessionUser, userOf } from './support/session'
import { clientAddress, demoPasswordAccepted, httpsOnly, isPublishedPassword } from './support/transport'

const LoginSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
const UserResponse = z.object({ user: UserSchema.extend({ category: CategoryIdSchema.nullable() }).openapi('User') })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** the account name the display token's attempts are counted under */
const DISPLAY_TOKEN = '(display-token)'

/** One throttle per running server (a test process opens several). */
const throttles = new WeakMap<Store, LoginThrottle>()
function throttleOf(store: Store): LoginThrottle {
  let throttle = throttles.get(store)
  if (!throttle) throttles.set(store, (throttle = new LoginThrottle()))
  return throttle
}

/** Refuses an address that must still wait, saying how long (Retry-After), so a display can come back then. */
function holdBack(throttle: LoginThrottle, address: string, account: string): void {
  const wait = throttle.wait(address, account)
  if (wait <= 0) return
  const seconds = Math.ceil(wait / 1000)
  throw new ApiError(429, 'too_many_attempts', `Too many failed attempts; try again in ${seconds} s.`, { retryAfter: seconds }, { 'Retry-After': String(seconds) })
}

const audit = (store: Store, username: string, action: 'login' | 'login_failed', address: string, reason: string | null = null) =>
  store.audit.write({ at: new Date().toISOString(), username, action, target: address, reason })

function setSessionCookie(c: Context<AppEnv>, env: Env, token: string, maxMs: number): void {
  setCookie(c, sessionCookieName(env), token, {
    httpOnly: true, sameSite: 'Strict', path: '/', secure: httpsOnly(env) || c.req.url.startsWith('https:'), maxAge: Math.floor(maxMs / 1000),
  })
}

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/login', summary: 'Log in; sets an HttpOnly SameSite=Strict session cookie',
      request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
      responses: { 200: json(UserResponse, 'the logged-in user'), 401: { description: 'wrong credentials' }, 429: { description: 'too many failures from this address (for this account or any); Retry-After says when to come back' } },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json')
      const { store, env } = c.var.services
      // Per source address and per (account, address): the owner elsewhere is never locked out by a guesser.
      const throttle = throttleOf(store)
      const address = clientAddress(c, env)
      holdBack(throttle, address, username)
      const user = store.users.byUsername(username)
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()))
      // The README publishes the demo password: a server others can reach takes it only when told DEMO=true.
      const refusedDemo = ok && isPublishedPassword(password) && !demoPasswordAccepted(env)
      if (!user || !ok || refusedDemo) {
        throttle.fail(address, username)
        audit(store, username, 'login_failed', address, refusedDemo ? 'published demo password on a server others can reach' : null)
        await sleep(400)
        throw new ApiError(401, 'bad_credentials', 'Wrong username or password.')
      }
      throttle.succeed(address, username)
      // A hash made with older, cheaper parameters is replaced while the password is at hand.
      if (needsRehash(user.passwordHash)) store.users.setPassword(user.username, await hashPassword(password))
      audit(store, user.username, 'login', address)
      // A new token at every login: a cookie planted before login is worth nothing after it.
      const old = sessionToken(c)
      if (old) closeSession(store, old)
      const token = openSession(store, user.id)
      const limits = limitsOf(env)
      setSessionCookie(c, env, token, user.role === 'wall' ? limits.wallMaxMs : limits.maxMs)
      return c.json({ user: sessionUser(user) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/display-token', summary: 'The wall display signs in with its configured token (WALL_TOKEN) as the wall account',
      request: { body: { content: { 'application/json': { schema: z.strictObject({ token: z.string().min(1).max(256) }) } }, required: true } },
      responses: { 200: json(UserResponse, 'the wall user'), 401: { description: 'wrong or no token configured' }, 429: { description: 'too many failures from this address; Retry-After says when to come back' } },
    }),
    async (c) => {
      const { store, env } = c.var.services
      const { token } = c.req.valid('json')
      const expected = env.WALL_TOKEN
      const throttle = throttleOf(store)
      const address = clientAddress(c, env)
      holdBack(throttle, address, DISPLAY_TOKEN)
      const given = Buffer.from(token)
      const ok = !!expected && given.length === Buffer.byteLength(expected) && timingSafeEqual(given, Buffer.from(expected))
      const user = ok ? store.users.byUsername(env.WALL_USER) : undefined
      if (!user || user.role !== 'wall') {
        throttle.fail(address, DISPLAY_TOKEN)
        audit(store, DISPLAY_TOKEN, 'login_failed', address)
        await sleep(400)
        throw new ApiError(401, 'bad_credentials', 'The display token is not valid.')
      }
      throttle.succeed(address, DISPLAY_TOKEN)
      audit(store, user.username, 'login', address, 'display token')
      setSessionCookie(c, env, openSession(store, user.id), limitsOf(env).wallMaxMs)
      return c.json({ user: sessionUser(user) }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/logout', summary: 'End the session on the server', responses: { 204: { description: 'logged out' } } }),
    (c) => {
      const token = sessionToken(c)
      if (token) closeSession(c.var.services.store, token)
      // The session's open event streams end now, not at their next heartbeat.
      if (token) openStreams(c.var.services).end(token)
      const env = c.var.services.env
      deleteCookie(c, sessionCookieName(env), { path: '/', secure: httpsOnly(env) })
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/me', summary: 'The logged-in user', responses: { 200: json(UserResponse, 'the user'), 401: { description: 'not logged in' } } }),
    (c) => c.json({ user: userOf(c) }, 200),
  )
