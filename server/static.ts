import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Env, Hono, Schema } from 'hono'

/**
 * Serves the built web app beside the API: hashed assets cached for a year, and every other
 * path that is not the API answered with index.html so the router's routes (/wall, /work) load.
 */
export function withStaticWeb<E extends Env, S extends Schema, B extends string>(app: Hono<E, S, B>, dist: string): Hono<E, S, B> {
  const index = join(dist, 'index.html')
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable')
  })
  app.use('*', serveStatic({ root: dist }))
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound()
    if (!existsSync(index)) return c.text('The web app is not built: run npm run build.', 503)
    return c.html(readFileSync(index, 'utf8'))
  })
  return app
}
