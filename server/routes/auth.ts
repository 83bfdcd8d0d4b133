import { timingSafeEqual } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { CategoryIdSchema, UserSchema } from '../domain/schemas'
import { decoyHash, verifyPassword } from '../services/auth/password'
import { LoginThrottle, closeSession, limitsOf, openSession } from '../services/auth/sessions'
import { ApiError } from '../services/errors'
import { json, router } from './support/router'
import { SESSION_COOKIE, sessionUser, userOf } from './support/session'

const LoginSchema = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
const UserResponse = z.object({ user: UserSchema.extend({ category: CategoryIdSchema.nullable() }).openapi('User') })
const throttle = new LoginThrottle()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/login', summary: 'Log in; sets an HttpOnly SameSite=Strict session cookie',
      request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
      responses: { 200: json(UserResponse, 'the logged-in user'), 401: { description: 'wrong credentials' }, 429: { description: 'too many failures' } },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json')
      const { store, env } = c.var.services
      // Per account, not per address: a client-supplied address would let a guesser walk around the limit.
      const key = username.toLowerCase()
      if (throttle.blocked(key)) throw new ApiError(429, 'too_many_attempts', 'Too many failed logins; try again in 15 minutes.')
      const user = store.users.byUsername(username)
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()))
      if (!user || !ok) {
        throttle.fail(key)
        await sleep(400)
        throw new ApiError(401, 'bad_credentials', 'Wrong username or password.')
      }
      throttle.succeed(key)
      // A new token at every login: a cookie planted before login is worth nothing after it.
      const old = getCookie(c, SESSION_COOKIE)
      if (old) closeSession(store, old)
      const token = openSession(store, user.id)
      const limits = limitsOf(env)
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true, sameSite: 'Strict', path: '/', secure: c.req.url.startsWith('https:'),
        maxAge: Math.floor((user.role === 'wall' ? limits.wallMaxMs : limits.maxMs) / 1000),
      })
      return c.json({ user: sessionUser(user) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/display-token', summary: 'The wall display signs in with its configured token (WALL_TOKEN) as the wall account',
      request: { body: { content: { 'application/json': { schema: z.strictObject({ token: z.string().min(1).max(256) }) } }, required: true } },
      responses: { 200: json(UserResponse, 'the wall user'), 401: { description: 'wrong or no token configured' } },
    }),
    async (c) => {
      const { store, env } = c.var.services
      const { token } = c.req.valid('json')
      const expected = env.WALL_TOKEN
      if (throttle.blocked('display-token')) throw new ApiError(429, 'too_many_attempts', 'Too many failed attempts; try again in 15 minutes.')
      const given = Buffer.from(token)
      const ok = !!expected && given.length === Buffer.byteLength(expected) && timingSafeEqual(given, Buffer.from(expected))
      const user = ok ? store.users.byUsername(env.WALL_USER) : undefined
      if (!user || user.role !== 'wall') {
        throttle.fail('display-token')
        await sleep(400)
        throw new ApiError(401, 'bad_credentials', 'The display token is not valid.')
      }
      const session = openSession(store, user.id)
      setCookie(c, SESSION_COOKIE, session, {
        httpOnly: true, sameSite: 'Strict', path: '/', secure: c.req.url.startsWith('https:'), maxAge: Math.floor(limitsOf(env).wallMaxMs / 1000),
      })
      return c.json({ user: sessionUser(user) }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/logout', summary: 'End the session on the server', responses: { 204: { description: 'logged out' } } }),
    (c) => {
      const token = getCookie(c, SESSION_COOKIE)
      if (token) closeSession(c.var.services.store, token)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/me', summary: 'The logged-in user', responses: { 200: json(UserResponse, 'the user'), 401: { description: 'not logged in' } } }),
    (c) => c.json({ user: userOf(c) }, 200),
  )
