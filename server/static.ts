import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { compress } from 'hono/compress'
import type { Env as HonoEnv, Hono, Schema } from 'hono'
import type { Env } from './env'

/** The origin of an optional external basemap (its URL carries {z}/{x}/{y}, which URL accepts). */
function basemapOrigin(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined
  const origin = new URL(url).origin
  return origin === 'null' ? undefined : origin
}

/**
 * What the pages may load: our own origin only, plus what MapLibre needs (its worker, blob: and
 * data: images it makes) and the configured basemap server. No inline or eval'd script, no
 * plugins, no framing, no <base> pointing elsewhere, no form posting elsewhere.
 */
export function contentSecurityPolicy(env: Pick<Env, 'BASEMAP_URL'>): string {
  const basemap = basemapOrigin(env.BASEMAP_URL)
  const extra = basemap ? ` ${basemap}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // style="" attributes only (ECharts writes its tooltips and labels as HTML with them); no <style> elements.
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    // Vite inlines the smallest font subsets into the stylesheet as data: URLs.
    "font-src 'self' data:",
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * Serves the built web app beside the API: hashed assets cached for a year, and every other
 * path that is not the API answered with index.html so the router's routes (/wall, /work) load.
 */
export function withStaticWeb<E extends HonoEnv, S extends Schema, B extends string>(app: Hono<E, S, B>, env: Pick<Env, 'WEB_DIST' | 'BASEMAP_URL'>): Hono<E, S, B> {
  const dist = env.WEB_DIST
  const index = join(dist, 'index.html')
  const phoneIndex = join(dist, 'phone', 'index.html')
  const csp = contentSecurityPolicy(env)
  app.use('*', async (c, next) => {
    await next()
    if (!c.req.path.startsWith('/api/')) c.res.headers.set('content-security-policy', csp)
  })
  // Pages, the phone app's service worker and its manifest are checked with the server on every
  // use (a new build reaches the phones at their next visit); the worker, not the HTTP cache, keeps them offline.
  app.use('*', async (c, next) => {
    await next()
    const type = c.res.headers.get('content-type') ?? ''
    if (c.req.path.startsWith('/api/')) return
    if (c.req.path === '/phone/sw.js' || type.startsWith('text/html') || type.startsWith('application/manifest+json')) c.header('cache-control', 'no-cache')
  })
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable')
  })
  // The built files go gzipped to a browser that accepts it (a third of the bytes; on a phone's slow
  // network the bytes are most of the wait). Text types only; fonts and images are compressed already.
  app.use('/assets/*', compress({ encoding: 'gzip' }))
  app.use('*', serveStatic({ root: dist }))
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound()
    // The phone app is a page of its own; its paths (/phone, /phone/outbox …) answer its index.
    if ((c.req.path === '/phone' || c.req.path.startsWith('/phone/')) && existsSync(phoneIndex)) return c.html(readFileSync(phoneIndex, 'utf8'))
    if (!existsSync(index)) return c.text('The web app is not built: run npm run build.', 503)
    return c.html(readFileSync(index, 'utf8'))
  })
  return app
}
