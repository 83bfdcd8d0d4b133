import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Sequenced } from '../../../server/services/context'
import { limitsOf, resumeSession } from '../../../server/services/auth/sessions'
import { hashPassword } from '../../../server/services/auth/password'
import { followerOf } from '../../../server/services/follow'
import { openStore } from '../../../server/start'
import { changeFeedOf } from '../../../server/store/postgres/change-feed'
import { sessionCacheOf } from '../../../server/store/postgres/session-cache'
import type { Store } from '../../../server/store/types'
import { dropDatabase, onPostgres } from '../../postgres/databases'
import { PASSWORD, type TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'
import { plainClient, secondInstance } from './instances'

/**
 * Every statement each store connection sends through the bridge, by the connection's origin (its
 * `pingan.origin` setting): the way to see that a request was answered with no round trip.
 */
const sent = vi.hoisted(() => new Map<string, string[]>())
vi.mock('../../../server/store/postgres/bridge', async (importOriginal) => {
  const bridge = await importOriginal<typeof import('../../../server/store/postgres/bridge')>()
  const counted = new Set(['query', 'one', 'value', 'column', 'run', 'exec'])
  return {
    ...bridge,
    openPgSync(url: string, name?: string, settings: Readonly<Record<string, string>> = {}) {
      const db = bridge.openPgSync(url, name, settings)
      const log: string[] = []
      if (settings['pingan.origin']) sent.set(settings['pingan.origin'], log)
      return new Proxy(db, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver)
          if (typeof prop !== 'string' || !counted.has(prop) || typeof value !== 'function') return value
          return (text: string, ...rest: unknown[]) => {
            log.push(text)
            return (value as (...a: unknown[]) => unknown).call(target, text, ...rest)
          }
        },
      })
    },
  }
})

// PostgreSQL only: each instance caches the sessions it resumed, and must forget those ended anywhere.
describe.runIf(onPostgres())('sessions cached by each instance', () => {
  // A and C poll every 100 ms; B is woken by LISTEN alone (its poll is a minute away); C has no LISTEN.
  let a: TestApp
  let b: TestApp
  let c: TestApp
  /** a third writer: another program's store, as `npm run user` opens */
  let other: Store
  let sql: pg.Client
  let accounts = 0

  beforeAll(async () => {
    a = await openSeededApp({ FOLLOW_POLL_MS: '100' })
    b = await secondInstance(a, { FOLLOW_POLL_MS: '60000' })
    c = await secondInstance(a, { FOLLOW_POLL_MS: '100', FOLLOW_LISTEN: 'false' })
    other = openStore({ STORE: 'postgres', DATABASE_URL: a.services.env.DATABASE_URL!, DB_PATH: '' })
    sql = await plainClient(a)
  })
  afterAll(async () => {
    await sql.end()
    other.close()
    c.close()
    b.close()
    a.close()
    await dropDatabase(new URL(a.services.env.DATABASE_URL!).pathname.slice(1))
  })

  /** A new leader's account, added by the other program; its username. */
  const newAccount = async () => {
    const username = `cached-leader-${++accounts}`
    other.users.insert({ username, name: username, role: 'leader', areaId: null, leadUnit: null, passwordHash: await hashPassword(PASSWORD) })
    return username
  }
  const login = async (t: TestApp, username: string) => {
    const res = await t.anonymous.post('/api/auth/login', { username, password: PASSWORD })
    expect(res.status, await res.clone().text()).toBe(200)
    return res.headers.get('set-cookie')!.split(';')[0]!
  }
  const get = (t: TestApp, cookie: string, path = '/api/auth/me') => t.app.request(path, { headers: { cookie } })
  const status = async (t: TestApp, cookie: string, path?: string) => (await get(t, cookie, path)).status
  /** What a request sent to the database, the follower's reading of the feed aside. */
  const roundTrips = async (t: TestApp, request: () => Promise<unknown>) => {
    const log = sent.get(changeFeedOf(t.services.store)!.origin)!
    const from = log.length
    await request()
    return log.slice(from).filter((text) => !/change_counter|change_log/.test(text))
  }
  /**
   * Whether the instance, having answered this session once, answers it again without reading it
   * (brought up to date with the feed before each, as its poll would: the cache trusts a recent read).
   */
  const cached = async (t: TestApp, cookie: string) => {
    followerOf(t.services)!.catchUp()
    expect(await status(t, cookie)).toBe(200)
    followerOf(t.services)!.catchUp()
    const sent = await roundTrips(t, async () => expect(await status(t, cookie)).toBe(200))
    return !sent.some((text) => /\bsessions\b/.test(text))
  }
  const refusedOn = async (t: TestApp, cookie: string) => await expect.poll(() => status(t, cookie), { timeout: 5_000, interval: 20 }).toBe(401)
  const userIdOf = async (username: string) => (await sql.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id

  it('answer a signed-in summary with no round trip to the database', async () => {
    const cookie = await login(a, await newAccount())
    expect(await status(b, cookie, '/api/stats/summary')).toBe(200)
    followerOf(b.services)!.catchUp()
    expect(await roundTrips(b, async () => expect(await status(b, cookie, '/api/stats/summary')).toBe(200))).toEqual([])
    expect(sessionCacheOf(b.services.store)!.size).toBeGreaterThan(0)
  })

  it('end on every instance at a logout on one, by LISTEN and by polling alone, with no event in the stream', async () => {
    const cookie = await login(a, await newAccount())
    for (const t of [a, b, c]) expect(await status(t, cookie)).toBe(200)
    expect(await cached(b, cookie)).toBe(true)
    expect(await cached(c, cookie)).toBe(true)
    const events: Sequenced[] = []
    b.services.live.on('live', (e) => events.push(e))
    expect((await a.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(204)
    await refusedOn(a, cookie)
    await refusedOn(b, cookie)
    await refusedOn(c, cookie)
    // The stream's seq moved past the logout's entry, and told nothing.
    await expect.poll(() => followerOf(b.services)!.seq).toBe(changeFeedOf(a.services.store)!.seq())
    expect(events).toEqual([])
  })

  it('end on every instance when another program resets the password (as `npm run user -- passwd` does)', async () => {
    const username = await newAccount()
    const cookie = await login(b, username)
    for (const t of [a, b, c]) expect(await status(t, cookie)).toBe(200)
    expect(await cached(a, cookie)).toBe(true)
    expect(other.users.setPassword(username, await hashPassword('another-password-2026'))).toBe(true)
    other.sessions.deleteForUser(other.users.byUsername(username)!.id)
    for (const t of [a, b, c]) await refusedOn(t, cookie)
  })

  it('end on every instance when plain SQL deletes the session row', async () => {
    const username = await newAccount()
    const cookie = await login(a, username)
    for (const t of [a, b, c]) expect(await cached(t, cookie)).toBe(true)
    await sql.query('DELETE FROM sessions WHERE user_id = $1', [await userIdOf(username)])
    for (const t of [a, b, c]) await refusedOn(t, cookie)
  })

  it('end when the account is removed', async () => {
    const username = await newAccount()
    const cookie = await login(a, username)
    for (const t of [a, b, c]) expect(await cached(t, cookie)).toBe(true)
    await sql.query('DELETE FROM users WHERE username = $1', [username])
    for (const t of [a, b, c]) await refusedOn(t, cookie)
  })

  it('take a role changed by SQL at the next request on each instance', async () => {
    const username = await newAccount()
    const cookie = await login(a, username)
    for (const t of [a, b, c]) expect(await status(t, cookie, '/api/audit')).toBe(200)
    for (const t of [a, b, c]) expect(await cached(t, cookie)).toBe(true)
    await sql.query("UPDATE users SET role = 'analyst' WHERE username = $1", [username])
    for (const t of [a, b, c]) {
      await expect.poll(() => status(t, cookie, '/api/audit'), { timeout: 5_000, interval: 20 }).toBe(403)
      expect(((await (await get(t, cookie)).json()) as { user: { role: string } }).user.role).toBe('analyst')
    }
  })

  it('still expire when idle, or past their age, however recently cached, and stay alive when touched', async () => {
    const limits = limitsOf(b.services.env)
    const cookie = await login(a, await newAccount())
    const token = cookie.split('=')[1]!
    expect(await cached(b, cookie)).toBe(true)
    const store = b.services.store
    const touch = [expect.stringMatching(/^UPDATE sessions SET last_seen_at/)]
    // Touched two minutes on, then a minute short of the idle limit after that: alive each time, as
    // the cache keeps each new last-seen time (it answers: only the touch is written).
    const t1 = Date.now() + 2 * 60_000
    expect(await roundTrips(b, async () => expect(resumeSession(store, token, limits, t1)).toBeDefined())).toEqual(touch)
    const t2 = t1 + limits.idleMs - 60_000
    expect(await roundTrips(b, async () => expect(resumeSession(store, token, limits, t2)).toBeDefined())).toEqual(touch)
    // Idle past the limit: refused from the cached times alone, and ended in the database for every instance.
    const idle = await roundTrips(b, async () => expect(resumeSession(store, token, limits, t2 + limits.idleMs + 60_000)).toBeUndefined())
    expect(idle).toEqual([expect.stringMatching(/^DELETE FROM sessions/)])
    for (const t of [a, b, c]) await refusedOn(t, cookie)

    const aged = await login(a, await newAccount())
    expect(await cached(b, aged)).toBe(true)
    expect(resumeSession(store, aged.split('=')[1]!, limits, Date.now() + limits.maxMs + 1)).toBeUndefined()
    await refusedOn(a, aged)
  })

  it('read the feed first when a busy event loop held the poll back, then answer from the cache what it still holds', async () => {
    const username = await newAccount()
    const cookie = await login(a, username)
    expect(await cached(c, cookie)).toBe(true)
    const log = sent.get(changeFeedOf(c.services.store)!.origin)!
    /** Blocks this thread (C's poll with it) past its cache's trust: 2 × 100 ms. */
    const busy = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
    busy()
    let from = log.length
    expect(await status(c, cookie)).toBe(200)
    expect(log.slice(from).some((text) => /change_log/.test(text))).toBe(true)
    expect(log.slice(from).some((text) => /\bsessions\b/.test(text))).toBe(false)
    // Ended by another program while no poll could run: the read before answering finds it.
    busy()
    other.sessions.deleteForUser(other.users.byUsername(username)!.id)
    from = log.length
    expect(await status(c, cookie)).toBe(401)
    const feedRead = log.slice(from).findIndex((text) => /change_log/.test(text))
    expect(feedRead).toBeGreaterThanOrEqual(0)
    expect(log.slice(from).findIndex((text) => /\bsessions\b/.test(text))).toBeGreaterThan(feedRead)
  })

  it('are read from the database while the feed cannot be read', async () => {
    // On B, whose cache a read of the feed trusts for two minutes (twice its poll): a failed read ends that at once.
    const username = await newAccount()
    const cookie = await login(a, username)
    expect(await cached(b, cookie)).toBe(true)
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const away = vi.spyOn(changeFeedOf(b.services.store)!, 'changesAfter').mockImplementation(() => {
      throw new Error('connection lost')
    })
    try {
      followerOf(b.services)!.catchUp()
      expect(away).toHaveBeenCalled()
      await sql.query('DELETE FROM sessions WHERE user_id = $1', [await userIdOf(username)])
      expect(await status(b, cookie)).toBe(401)
    } finally {
      away.mockRestore()
      quiet.mockRestore()
    }
  })

  it('are read from the database once the follower has stopped', async () => {
    const username = await newAccount()
    const cookie = await login(b, username)
    expect(await cached(b, cookie)).toBe(true)
    followerOf(b.services)!.stop()
    const read = await roundTrips(b, async () => expect(await status(b, cookie)).toBe(200))
    expect(read.some((text) => /\bsessions\b/.test(text))).toBe(true)
    await sql.query('DELETE FROM sessions WHERE user_id = $1', [await userIdOf(username)])
    expect(await status(b, cookie)).toBe(401)
  })
})
