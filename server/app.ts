import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import { auditRoutes } from './routes/audit'
import { authRoutes, healthRoutes } from './routes/auth'
import { sameOriginOnly } from './routes/support/csrf'
import { hazardRoutes } from './routes/hazards'
import { inspectionRoutes } from './routes/inspections'
import { inspectionPhotoRoutes } from './routes/inspection-photos'
import { personRoutes } from './routes/persons'
import { referenceRoutes } from './routes/reference'
import { statsRoutes } from './routes/stats'
import { streamRoutes } from './routes/stream'
import { tileRoutes } from './routes/tiles'
import { boundaryRoutes } from './routes/boundaries'
import { bulletinRoutes } from './routes/bulletins'
import { campaignRoutes } from './routes/campaigns'
import { checkPlanRoutes } from './routes/check-plans'
import { ledgerFileRoutes } from './routes/ledger-files'
import { notificationRoutes } from './routes/notifications'
import { photoRoutes } from './routes/photos'
import { postRoutes } from './routes/posts'
import { scorecardRoutes } from './routes/scorecards'
import { supervisionRoutes } from './routes/supervision'
import { tracebackRoutes } from './routes/traceback'
import { warningRoutes } from './routes/warnings'
import { ApiError, errorBody } from './services/errors'
import { type AppEnv, requireUser, sessionMiddleware } from './routes/support/session'
import { closeAfterUnreadBody, hostCheck, noStore } from './routes/support/transport'
import type { Services } from './services/context'

/** JSON bodies are small; uploads have their own, larger limits on their routes. */
const JSON_LIMIT = 256 * 1024

export function createApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>()

  // Outermost, so it sees the final answer: one sent before its request body was read ends the connection.
  app.use('*', closeAfterUnreadBody)
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined, referrerPolicy: 'no-referrer' }))
  // With PUBLIC_ORIGIN, a request for another Host is answered 421 before anything else.
  app.use('*', hostCheck(services.env))
  app.use('/api/*', noStore)
  app.use('/api/*', async (c, next) => {
    c.set('services', services)
    await next()
  })
  // Changing requests from a browser must come from our own pages (Origin / Sec-Fetch-Site).
  app.use('/api/*', sameOriginOnly)
  app.use('/api/*', async (c, next) => {
    const type = c.req.header('content-type') ?? ''
    if (type.startsWith('multipart/') || c.req.path.endsWith('/import')) return next()
    return bodyLimit({
      maxSize: JSON_LIMIT,
      onError: (c) => c.json(errorBody('too_large', `Request body over ${JSON_LIMIT / 1024} KiB.`), 413),
    })(c, next)
  })
  app.use('/api/*', sessionMiddleware)
  app.use('/api/*', requireUser)

  const api = app
    // Public (routes/support/session.ts): whether the server is up, its today, whether it offers the demo accounts.
    .route('/api', healthRoutes)
    .route('/api', referenceRoutes)
    .route('/api/auth', authRoutes)
    // Before the hazard routes, or "/export" and "/import" would be read as a hazard id.
    .route('/api/hazards', ledgerFileRoutes)
    .route('/api/hazards', hazardRoutes)
    .route('/api/areas', boundaryRoutes)
    .route('/api/stats', statsRoutes)
    .route('/api/inspections', inspectionRoutes)
    .route('/api/check-plans', checkPlanRoutes)
    .route('/api/persons', personRoutes)
    .route('/api/stream', streamRoutes)
    .route('/api/tiles', tileRoutes)
    .route('/api', photoRoutes)
    .route('/api', inspectionPhotoRoutes)
    .route('/api', notificationRoutes)
    .route('/api/campaigns', campaignRoutes)
    .route('/api/bulletins', bulletinRoutes)
    .route('/api/audit', auditRoutes)
    .route('/api/posts', postRoutes)
    .route('/api/scorecards', scorecardRoutes)
    .route('/api', supervisionRoutes)
    .route('/api/traceback', tracebackRoutes)
    .route('/api/warnings', warningRoutes)

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: '平安一张图 API', version: '1.0.0', description: "Ping'an Map: the town's hazard ledger, statistics and geography." },
  })

  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}.`), 404))
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers)
    if (err instanceof HTTPException) {
      const status = err.status
      const code = status === 400 ? 'malformed' : status === 403 ? 'forbidden' : status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : 'http_error'
      return c.json(errorBody(code, err.message || 'Request refused.'), status)
    }
    console.error(err)
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500)
  })
  return api
}

export type AppType = ReturnType<typeof createApp>
