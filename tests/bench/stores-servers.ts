/**
 * Real server processes for npm run bench:stores: `tsx server/index.ts` on loopback, a session
 * signed in over HTTP, and an event stream (/api/stream) read with fetch, each `hazard` event's
 * arrival noted by hazard id.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { freePort } from '../server/support/http'

const ROOT = resolve(import.meta.dirname, '../..')
export const PASSWORD = 'pingan2026'

export interface ServerProcess {
  child: ChildProcess
  origin: string
  log: () => string
  stop(): Promise<void>
}

/** Starts a server with these variables (beside HOST and PORT); resolves when /api/health answers. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()))
  const origin = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const gone = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await gone
  }
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline && child.exitCode === null) {
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return { child, origin, log: () => log, stop }
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`the server on ${port} did not start (exit ${child.exitCode}):\n${log}`)
}

/** A session cookie for the account, or a thrown error naming it. */
export async function login(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login ${username} on ${origin}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/** A GET's JSON, or a thrown error naming the path and status. */
export async function getJson<T>(origin: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${origin}${path}`, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

export interface HazardStream {
  /** resolves with performance.now() when a `hazard` event for this id has arrived (at once if it has) */
  arrival(id: number): Promise<number>
  close(): void
}

/** Opens /api/stream with the session and notes when each hazard's event arrives; resolves once `hello` has. */
export async function openHazardStream(origin: string, cookie: string): Promise<HazardStream> {
  const abort = new AbortController()
  const res = await fetch(`${origin}/api/stream`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal })
  if (res.status !== 200 || !res.body) throw new Error(`/api/stream: ${res.status}`)
  const arrived = new Map<number, number>()
  const waiting = new Map<number, (t: number) => void>()
  let hello: () => void = () => undefined
  const ready = new Promise<void>((r) => (hello = r))
  const onMessage = (block: string) => {
    const event = /^event: (.*)$/m.exec(block)?.[1]
    const data = /^data: (.*)$/m.exec(block)?.[1]
    if (event === 'hello') hello()
    if (event !== 'hazard' || !data) return
    const id = (JSON.parse(data) as { id: number }).id
    const t = performance.now()
    if (!arrived.has(id)) arrived.set(id, t)
    waiting.get(id)?.(t)
    waiting.delete(id)
  }
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    const reader = res.body!.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          onMessage(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
    } catch {
      // closed by close()
    }
  })()
  await ready
  return {
    arrival: (id) => {
      const t = arrived.get(id)
      return t !== undefined ? Promise.resolve(t) : new Promise((r) => waiting.set(id, r))
    },
    close: () => abort.abort(),
  }
}
