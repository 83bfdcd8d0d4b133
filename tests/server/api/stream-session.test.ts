import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { hashPassword } from '../../../server/services/auth/password'
import { openStore } from '../../../server/start'
import { PASSWORD, type TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

/**
 * An open /api/stream lasts no longer than its session: over real HTTP (so the event stream is a
 * real socket), a logout ends that session's streams at once, and a session ended elsewhere (by
 * `npm run user -- passwd` from another process, an expiry, a removed account) ends them by the
 * next heartbeat, which these servers run every 200 ms. A session may hold only a few streams.
 */
let t: TestApp
const servers: Array<() => Promise<void>> = []

beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(async () => {
  await Promise.all(servers.map((close) => close()))
  t.close()
})

/** The app over the test's services on a free loopback port, with some settings changed. */
async function serveWith(settings: Partial<TestApp['services']['env']>): Promise<string> {
  const app = createApp({ ...t.services, env: { ...t.services.env, ...settings } })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  servers.push(() => new Promise((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function login(origin: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  expect(res.status, await res.clone().text()).toBe(200)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

interface OpenStream {
  status: number
  body: string
  /** resolves true when the server ends the stream within `ms`, false if it is still open then */
  ended(ms: number): Promise<boolean>
  /** resolves when the stream has said `hello` */
  greeted(): Promise<void>
  close(): void
}

async function openStream(origin: string, cookie: string): Promise<OpenStream> {
  const controller = new AbortController()
  const res = await fetch(`${origin}/api/stream`, { headers: { cookie }, signal: controller.signal })
  if (res.status !== 200) return { status: res.status, body: await res.text(), ended: async () => true, greeted: async () => undefined, close: () => undefined }
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let onText: () => void = () => undefined
  const finished = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return true
      text += decoder.decode(value, { stream: true })
      onText()
    }
  })()
  return {
    status: 200,
    body: '',
    ended: (ms) => Promise.race([finished, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]),
    greeted: () =>
      new Promise<void>((resolve) => {
        onText = () => text.includes('event: hello') && resolve()
        onText()
      }),
    close: () => controller.abort(),
  }
}

describe('a stream ends with its session', () => {
  it('a logout ends that session’s streams at once, long before any heartbeat, and no other session’s', async () => {
    // The longest heartbeat allowed: only the logout itself can end the stream in time.
    const origin = await serveWith({ STREAM_HEARTBEAT_MS: 15_000 })
    const mine = await login(origin, 'leader')
    const other = await login(origin, 'leader')
    const a = await openStream(origin, mine)
    const b = await openStream(origin, mine)
    const c = await openStream(origin, other)
    await Promise.all([a.greeted(), b.greeted(), c.greeted()])
    const out = await fetch(`${origin}/api/auth/logout`, { method: 'POST', headers: { cookie: mine } })
    expect(out.status).toBe(204)
    expect(await a.ended(5_000)).toBe(true)
    expect(await b.ended(1_000)).toBe(true)
    expect(await c.ended(500)).toBe(false)
    c.close()
  })

  it('a password changed from another process (as npm run user -- passwd does) ends the user’s streams by the next heartbeat', async () => {
    const origin = await serveWith({ STREAM_HEARTBEAT_MS: 200 })
    const cookie = await login(origin, 'safety')
    const s = await openStream(origin, cookie)
    await s.greeted()
    expect(await s.ended(600)).toBe(false)
    const cli = openStore(t.services.env)
    try {
      cli.users.setPassword('safety', await hashPassword('a-new-password-2026'))
      cli.sessions.deleteForUser(cli.users.byUsername('safety')!.id)
    } finally {
      cli.close()
    }
    expect(await s.ended(5_000)).toBe(true)
    expect((await openStream(origin, cookie)).status).toBe(401)
  })

  it('a removed account’s streams end by the next heartbeat', async () => {
    const origin = await serveWith({ STREAM_HEARTBEAT_MS: 200 })
    t.services.store.users.insert({ username: 'stream-temp', name: '临时账号', role: 'analyst', areaId: null, leadUnit: null, passwordHash: await hashPassword('temporary-password-1') })
    const cookie = await login(origin, 'stream-temp', 'temporary-password-1')
    const s = await openStream(origin, cookie)
    await s.greeted()
    const cli = openStore(t.services.env)
    try {
      expect(cli.users.remove('stream-temp')).toBe(true)
    } finally {
      cli.close()
    }
    expect(await s.ended(5_000)).toBe(true)
  })

  it('an idle session’s stream ends when the session expires: the stream itself does not keep it alive', async () => {
    // Idle after 1.2 s; the stream checks every 200 ms without counting as activity.
    const origin = await serveWith({ STREAM_HEARTBEAT_MS: 200, SESSION_IDLE_MINUTES: 0.02 })
    const cookie = await login(origin, 'masswork')
    const s = await openStream(origin, cookie)
    await s.greeted()
    expect(await s.ended(10_000)).toBe(true)
    const me = await fetch(`${origin}/api/auth/me`, { headers: { cookie } })
    expect(me.status).toBe(401)
  })
})

describe('streams per session', () => {
  it('a session holds at most 4 open streams: the 5th is refused with 429 saying why, and a closed one frees its place', async () => {
    const origin = await serveWith({ STREAM_HEARTBEAT_MS: 15_000 })
    const cookie = await login(origin, 'analyst')
    const open = await Promise.all([1, 2, 3, 4].map(() => openStream(origin, cookie)))
    await Promise.all(open.map((s) => s.greeted()))
    const fifth = await openStream(origin, cookie)
    expect(fifth.status).toBe(429)
    expect(fifth.body).toMatch(/stream/i)
    // Another session of the same account is not counted against this one.
    const elsewhere = await openStream(origin, await login(origin, 'analyst'))
    expect(elsewhere.status).toBe(200)
    elsewhere.close()
    open[0]!.close()
    let again: OpenStream | undefined
    // The server learns of the closed socket shortly after; ask until it has.
    for (let i = 0; i < 50 && (!again || again.status !== 200); i++) {
      await new Promise((r) => setTimeout(r, 100))
      again = await openStream(origin, cookie)
    }
    expect(again!.status).toBe(200)
    again!.close()
    open.slice(1).forEach((s) => s.close())
  })
})
