import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { serve } from '@hono/node-server'
import type { Env } from './env'
import { demoPasswordAccepted, isLoopback } from './routes/support/transport'

type Fetch = (req: Request, env: never) => Response | Promise<Response>

/**
 * Serves the app on HOST:PORT: HTTPS when TLS_CERT and TLS_KEY name a PEM chain and key (the phone
 * app needs a secure context for geolocation), plain HTTP otherwise. Resolves once listening.
 */
export function listen(app: { fetch: Fetch }, env: Env): Promise<Server> {
  const tls = env.TLS_CERT && env.TLS_KEY ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) } : undefined
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch as never, port: env.PORT, hostname: env.HOST,
        ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}),
      },
      () => resolve(server as Server),
    )
    // An idle connection is closed by the side that waits longer: a balancer keeps its connections to
    // the instances for 60 s (nginx's keepalive_timeout) and browsers theirs for as long. Node's 5 s
    // would have the server close one just as the other side sends on it: ECONNRESET, or a 502 from
    // nginx for a POST it does not send again.
    const http = server as Server
    http.keepAliveTimeout = 65_000
    http.headersTimeout = 66_000
    server.once('error', reject)
  })
}

/** What the start message says about where the server can be reached and who may log in with what. */
export function startNotes(env: Env, port: number): string[] {
  const scheme = env.TLS_CERT ? 'https' : 'http'
  const notes = [`listening on ${scheme}://${isLoopback(env.HOST) ? 'localhost' : env.HOST}:${port}${env.PUBLIC_ORIGIN ? ` for ${env.PUBLIC_ORIGIN}` : ''}`]
  if (!isLoopback(env.HOST))
    notes.push(
      demoPasswordAccepted(env)
        ? 'DEMO=true: the demo accounts\' published password is accepted from other machines'
        : 'reachable from other machines: the demo accounts\' published password is refused (set DEMO=true to accept it)',
    )
  return notes
}
