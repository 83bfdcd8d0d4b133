import type { MiddlewareHandler } from 'hono'
import { forbidden } from '../../services/errors'
import type { AppEnv } from './session'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Changing requests from a browser must come from our own pages: a browser names the page's
 * origin (Origin) and whether it is cross-site (Sec-Fetch-Site) on every such request. Clients
 * that are not browsers send neither and rely on the session cookie alone, which is SameSite=Strict.
 * With PUBLIC_ORIGIN set, the Origin must be exactly it (scheme included: not our host over http).
 */
export const sameOriginOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next()
  const site = c.req.header('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') throw forbidden('Cross-site request refused.')
  const origin = c.req.header('origin')
  const publicOrigin = c.var.services.env.PUBLIC_ORIGIN
  if (origin && publicOrigin) {
    if (origin !== publicOrigin) throw forbidden('Cross-origin request refused.')
  } else if (origin) {
    let host: string | undefined
    try {
      host = new URL(origin).host
    } catch {
      host = undefined
    }
    if (!host || host !== (c.req.header('host') ?? new URL(c.req.url).host)) throw forbidden('Cross-origin request refused.')
  }
  return next()
}
