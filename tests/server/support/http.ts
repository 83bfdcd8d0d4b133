import { type Agent, request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { type AddressInfo, createServer } from 'node:net'
import { createApp } from '../../../server/app'
import type { Env } from '../../../server/env'
import { listen } from '../../../server/listen'
import type { TestApp } from './app'

export interface RealServer {
  port: number
  close(): Promise<void>
}

/**
 * The test app's services behind a real socket, started as `npm start` starts it (server/listen.ts),
 * on a free loopback port; `env` overrides the configuration (TLS, PUBLIC_ORIGIN…).
 */
export async function serveReal(t: TestApp, env: Partial<Env> = {}): Promise<RealServer> {
  const merged = { ...t.services.env, ...env }
  const server = await listen(createApp({ ...t.services, env: merged }), { ...merged, PORT: 0, HOST: '127.0.0.1' })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** the local port of the client's socket: the same port means the same connection */
  socketPort: number | undefined
}

export interface SendOptions {
  method?: string
  headers?: Record<string, string>
  body?: Buffer | string
  agent?: Agent
  /** the client's source address: any 127.x.y.z reaches a server on 127.0.0.1 */
  from?: string
  /** https with this CA certificate (PEM) */
  ca?: string
}

/** One request over a real socket, as a browser or a script on another machine would send it. */
export function send(port: number, path: string, opts: SendOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent, localAddress: opts.from,
      ...(opts.ca ? { ca: opts.ca, servername: 'localhost' } : {}),
    }
    let answered = false
    const req = (opts.ca ? httpsRequest : httpRequest)(options, (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString(), socketPort: req.socket?.localPort }))
      res.on('error', reject)
    })
    // The server may answer and close before the whole body is sent; what matters is its answer.
    const benign = (err: NodeJS.ErrnoException) => err.code === 'EPIPE' || err.code === 'ECONNRESET'
    req.on('socket', (socket) => socket.on('error', (err: NodeJS.ErrnoException) => (benign(err) ? undefined : reject(err))))
    req.on('error', (err: NodeJS.ErrnoException) => (benign(err) ? undefined : reject(err)))
    req.on('close', () => (answered ? undefined : reject(new Error(`${path}: the connection closed without an answer`))))
    req.end(opts.body)
  })
}

export const jsonPost = (port: number, path: string, body: unknown, opts: SendOptions = {}) =>
  send(port, path, { ...opts, method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...opts.headers } })

/** The name=value part of the session cookie an answer sets. */
export function cookieOf(answer: Pick<Answer, 'headers'>): string {
  const header = answer.headers['set-cookie']
  const first = Array.isArray(header) ? header[0] : header
  if (!first) throw new Error('no Set-Cookie header')
  return first.split(';')[0]!
}

/** A port free on loopback now, for a server process the test starts. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address()
      probe.close(() => done(typeof a === 'object' && a ? a.port : 0))
    })
  })
}
