import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import type { Env } from '../../env'
import { errorBody } from '../../services/errors'

/** What @hono/node-server passes as the context's env: the Node request, absent under app.request() in tests. */
interface NodeBindings {
  incoming?: IncomingMessage
}

const incomingOf = (c: Context): IncomingMessage | undefined => (c.env as NodeBindings | undefined)?.incoming

/**
 * One address per client: an IPv4-mapped IPv6 address is its IPv4 address, and an IPv6 address
 * counts by its /64, which is what one host (or one home) is given.
 */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (!address.includes(':')) return address
  const [head = '', tail] = address.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`
}

/**
 * The client's address: the socket's peer, or, when that peer is a proxy named in TRUST_PROXY,
 * the last address in X-Forwarded-For (the one the proxy itself appended; earlier ones are the
 * client's own claims). Under app.request() in tests there is no socket: "local".
 */
export function clientAddress(c: Context, env: Env): string {
  const peer = incomingOf(c)?.socket.remoteAddress
  if (!peer) return 'local'
  const address = normaliseAddress(peer)
  if (env.TRUST_PROXY?.includes(address) || env.TRUST_PROXY?.includes(peer)) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean)
    const last = hops.at(-1)
    if (last) return normaliseAddress(last)
  }
  return address
}

/** A server only its own machine can reach: the demo's published password is harmless there. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/**
 * Whether the demo accounts' published password (README) may open a session: on loopback, or when
 * DEMO=true was set explicitly. A server others can reach must not let the whole internet in as leader.
 */
export function demoPasswordAccepted(env: Env): boolean {
  return env.DEMO === true || isLoopback(env.HOST)
}

/** Whether the session cookie travels only over HTTPS: the users' address is https, or the server speaks TLS itself. */
export function httpsOnly(env: Env): boolean {
  return env.PUBLIC_ORIGIN?.startsWith('https:') === true || !!env.TLS_CERT
}

/**
 * With PUBLIC_ORIGIN set, a request naming another Host is refused (421) before anything else: a
 * DNS-rebinding page, or a proxy sending us a neighbour's traffic, gets nothing from this server.
 */
export function hostCheck(env: Env): MiddlewareHandler {
  const expected = env.PUBLIC_ORIGIN ? new URL(env.PUBLIC_ORIGIN).host : undefined
  return async (c, next) => {
    if (expected) {
      const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase()
      if (host !== expected) return c.json(errorBody('misdirected', `This server answers for ${expected} only.`), 421)
    }
    await next()
  }
}

/**
 * A request answered before its body was read (a 413, a 401 on an upload) leaves the rest of that
 * body on the connection, where the next request would be read from; closing the connection after
 * the answer is the only safe way on (reading up to 500 MB more to keep it alive is not).
 */
export const closeAfterUnreadBody: MiddlewareHandler = async (c, next) => {
  await next()
  const incoming = incomingOf(c)
  if (!incoming || incoming.readableEnded) return
  const hasBody = Number(incoming.headers['content-length'] ?? 0) > 0 || incoming.headers['transfer-encoding'] !== undefined
  if (hasBody) c.res.headers.set('connection', 'close')
}

/** API answers hold ledger data: no browser or proxy keeps a copy on disk. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  c.res.headers.set('cache-control', 'no-store')
}
