import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { DisplayTokenSchema, HealthSchema, LoginSchema, UserAnswerSchema } from '../domain/contract/auth'
import { type SignInContext, type SignedIn, health, logIn, logInWithDisplayToken, logOut } from '../services/auth/login'
import { json, jsonBody, router } from './support/router'
import { type AppEnv, sessionCookieName, sessionToken, userOf } from './support/session'
import { clientAddress, demoPasswordAccepted, httpsOnly } from './support/transport'

/** What the HTTP request tells a sign-in: where it comes from, what this server allows, the cookie it came with. */
const signInContext = (c: Context<AppEnv>): SignInContext => ({
  address: clientAddress(c, c.var.services.env), demoAccepted: demoPasswordAccepted(c.var.services.env), oldToken: sessionToken(c),
})

function setSessionCookie(c: Context<AppEnv>, { token, maxMs }: SignedIn): void {
  const env = c.var.services.env
  setCookie(c, sessionCookieName(env), token, {
    httpOnly: true, sameSite: 'Strict', path: '/', secure: httpsOnly(env) || c.req.url.startsWith('https:'), maxAge: Math.floor(maxMs / 1000),
  })
}

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/login', summary: 'Log in; sets an HttpOnly SameSite=Strict session cookie',
      request: { body: jsonBody(LoginSchema) },
      responses: { 200: json(UserAnswerSchema, 'the logged-in user'), 401: { description: 'wrong credentials' }, 429: { description: 'too many failures from this address (for this account or any); Retry-After says when to come back' } },
    }),
    async (c) => {
      const signedIn = await logIn(c.var.services, c.req.valid('json'), signInContext(c))
      setSessionCookie(c, signedIn)
      return c.json({ user: signedIn.user }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/display-token', summary: 'The wall display signs in with its configured token (WALL_TOKEN) as the wall account',
      request: { body: jsonBody(DisplayTokenSchema) },
      responses: { 200: json(UserAnswerSchema, 'the wall user'), 401: { description: 'wrong or no token configured' }, 429: { description: 'too many failures from this address; Retry-After says when to come back' } },
    }),
    async (c) => {
      const signedIn = await logInWithDisplayToken(c.var.services, c.req.valid('json'), { ...signInContext(c), oldToken: undefined })
      setSessionCookie(c, signedIn)
      return c.json({ user: signedIn.user }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/logout', summary: 'End the session on the server', responses: { 204: { description: 'logged out' } } }),
    (c) => {
      logOut(c.var.services, sessionToken(c))
      const env = c.var.services.env
      deleteCookie(c, sessionCookieName(env), { path: '/', secure: httpsOnly(env) })
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/me', summary: 'The logged-in user', responses: { 200: json(UserAnswerSchema, 'the user'), 401: { description: 'not logged in' } } }),
    (c) => c.json({ user: userOf(c) }, 200),
  )

/** Public: says the server is up, which day it keeps, and whether it holds the demo. */
export const healthRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/health',
    summary: 'Public: the server is up, the day it keeps, and whether the login page may offer the demo accounts (a server others can reach without DEMO=true refuses the demo password)',
    responses: { 200: json(HealthSchema, 'the server’s health') },
  }),
  (c) => c.json(health(c.var.services, demoPasswordAccepted(c.var.services.env)), 200),
)
