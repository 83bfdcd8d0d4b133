import { randomUUID } from 'node:crypto'
import { request } from 'node:http'

/**
 * The failover test's clients, all talking to nginx as a browser or the phone would: a login, an
 * event-stream reader that reconnects as EventSource does, readers and writers in loops.
 */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until `ready()` holds; false after `timeoutMs`. */
export async function until(ready: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!ready()) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }
  return true
}

/** The session cookie of a demo account, logged in at `origin`. */
export async function logIn(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username, password: 'pingan2026' }),
  })
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/** The instance nginx says answered (X-Upstream: the last address it tried). */
export const upstreamOf = (res: Response): string => res.headers.get('x-upstream')?.split(',').at(-1)?.trim() ?? ''

export interface StreamMessage {
  /** the `id:` it carried, when it carried one */
  id: number | undefined
  event: string
  data: string
  /** which connection (0, 1 …) it came on, and when */
  connection: number
  at: number
}

export interface StreamConnection {
  status: number
  upstream: string
  /** the Last-Event-ID it was opened with */
  resumedFrom: number | undefined
}

/**
 * Reads /api/stream as EventSource does: remembers the last `id:`, and when the stream ends or fails
 * reconnects after the server's `retry:` with that id as Last-Event-ID.
 */
export class StreamReader {
  readonly messages: StreamMessage[] = []
  readonly connections: StreamConnection[] = []
  lastId: number | undefined
  private retryMs = 3000
  private stopped = false
  private readonly abort = new AbortController()
  private readonly running: Promise<void>

  constructor(private readonly origin: string, private readonly cookie: string) {
    this.running = this.run()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.abort.abort()
    await this.running
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const headers: Record<string, string> = { cookie: this.cookie, accept: 'text/event-stream' }
      if (this.lastId !== undefined) headers['last-event-id'] = String(this.lastId)
      try {
        const res = await fetch(`${this.origin}/api/stream`, { headers, signal: this.abort.signal })
        this.connections.push({ status: res.status, upstream: upstreamOf(res), resumedFrom: this.lastId })
        if (res.ok && res.body) await this.read(res.body, this.connections.length - 1)
        else await res.body?.cancel()
      } catch {
        // The stream failed (its instance died, or stop()): reconnect as EventSource would.
      }
      if (!this.stopped) await sleep(this.retryMs)
    }
  }

  /** The event-stream format: fields until a blank line, which dispatches; comments (":") ignored. */
  private async read(body: ReadableStream<Uint8Array>, connection: number): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    let event = ''
    let data: string[] = []
    let id: number | undefined
    const reader = body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '')
        buffer = buffer.slice(newline + 1)
        if (line === '') {
          if (data.length) this.messages.push({ id, event: event || 'message', data: data.join('\n'), connection, at: Date.now() })
          if (id !== undefined) this.lastId = id
          event = ''
          data = []
          id = undefined
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon < 0 ? line : line.slice(0, colon)
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'event') event = value
        else if (field === 'data') data.push(value)
        else if (field === 'id') id = Number(value)
        else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value)
      }
    }
  }
}

/** One request a reader made: what nginx answered (0: no answer at all) and which instance. */
export interface Read {
  path: string
  status: number
  upstream: string
  /** when it was sent, and how long its answer took */
  at: number
  ms: number
}

/** Reads `paths` in turn, as one user's page does, until `stopped()`. */
export async function readLoop(origin: string, cookie: string, paths: readonly string[], stopped: () => boolean, out: Read[]): Promise<void> {
  for (let i = 0; !stopped(); i++) {
    const path = paths[i % paths.length]!
    const at = Date.now()
    try {
      const res = await fetch(`${origin}${path}`, { headers: { cookie } })
      await res.arrayBuffer()
      out.push({ path, status: res.status, upstream: upstreamOf(res), at, ms: Date.now() - at })
    } catch {
      out.push({ path, status: 0, upstream: '', at, ms: Date.now() - at })
    }
  }
}

/** A write as the phone's outbox sends it: once per key, sent again after no answer or a 502–504. */
export interface Written {
  path: string
  key: string
  status: number
  body: unknown
  /** sends it took (1 when the first was answered) */
  attempts: number
  /** whether the answer was the first answer replayed (Idempotent-Replayed) */
  replayed: boolean
  upstreams: string[]
}

const RETRIED = new Set([0, 502, 503, 504])

/** POSTs `body` under a new Idempotency-Key, sending it again (same key) while unanswered, for up to `patienceMs`. */
export async function keyedPost(origin: string, cookie: string, path: string, body: unknown, patienceMs = 30_000): Promise<Written> {
  const key = randomUUID()
  const upstreams: string[] = []
  const deadline = Date.now() + patienceMs
  for (let attempts = 1; ; attempts++) {
    let status = 0
    let answer: unknown = null
    let replayed = false
    try {
      const res = await fetch(`${origin}${path}`, {
        method: 'POST', body: JSON.stringify(body),
        headers: { cookie, origin, 'content-type': 'application/json', 'idempotency-key': key },
      })
      status = res.status
      upstreams.push(upstreamOf(res))
      replayed = res.headers.get('idempotent-replayed') === 'true'
      answer = await res.json().catch(() => null)
    } catch {
      upstreams.push('')
    }
    if (!RETRIED.has(status) || Date.now() > deadline) return { path, key, status, body: answer, attempts, replayed, upstreams }
    await sleep(200)
  }
}

/**
 * A JSON POST sent from another loopback address (127.0.0.0/8 is all the machine's own), so an
 * instance behind nginx can be seen to know the client apart from nginx itself.
 */
export function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const data = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(data)
  })
}
