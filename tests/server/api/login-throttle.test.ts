import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, type TestApp } from '../support/app'
import { type Answer, type RealServer, jsonPost, serveReal } from '../support/http'
import { openSeededApp } from '../support/seeded'

/**
 * Login throttling over real sockets: each client below comes from its own loopback address
 * (127.0.0.x), which is what the server sees as the source address.
 */
let t: TestApp
let server: RealServer
let proxied: RealServer
const DISPLAY_TOKEN = 'display-token-for-the-command-centre-2026'
beforeAll(async () => {
  t = await openSeededApp()
  server = await serveReal(t, { WALL_TOKEN: DISPLAY_TOKEN })
  proxied = await serveReal(t, { TRUST_PROXY: ['127.0.0.50'] })
})
afterAll(async () => {
  await server.close()
  await proxied.close()
  t.close()
})

const login = (from: string, username: string, password: string, s = server, headers: Record<string, string> = {}) =>
  jsonPost(s.port, '/api/auth/login', { username, password }, { from, headers })
const retryAfter = (a: Answer) => Number(a.headers['retry-after'])
const statuses = (answers: Answer[]) => answers.map((a) => a.status)

describe('guessing one account from one address', () => {
  it('is refused with 429 and a Retry-After after five failures, even with the right password', async () => {
    const failures = await Promise.all([0, 1, 2, 3, 4].map((i) => login('127.0.0.2', 'district-5', `guess-${i}`)))
    expect(statuses(failures)).toEqual([401, 401, 401, 401, 401])
    const blocked = await login('127.0.0.2', 'district-5', PASSWORD)
    expect(blocked.status).toBe(429)
    expect(retryAfter(blocked)).toBeGreaterThan(0)
    expect(JSON.parse(blocked.body).error.details.retryAfter).toBe(retryAfter(blocked))
  })

  it('does not lock the account out for anyone else: its owner logs in from another address', async () => {
    const owner = await login('127.0.0.3', 'district-5', PASSWORD)
    expect(owner.status).toBe(200)
  })

  it('still lets the same address log in to other accounts', async () => {
    expect((await login('127.0.0.2', 'district-4', PASSWORD)).status).toBe(200)
  })
})

describe('spraying one address across every account', () => {
  it('is refused with 429 long before it has tried four passwords on each account, for every account', async () => {
    const users = t.services.store.users.list().map((u) => u.username).filter((u) => u !== 'leader')
    expect(users.length).toBeGreaterThan(30)
    const answers: Answer[] = []
    for (let round = 0; round < 4 && !answers.some((a) => a.status === 429); round++)
      for (const user of users) answers.push(await login('127.0.0.4', user, `spray-${round}`))
    const tried = answers.filter((a) => a.status === 401).length
    expect(tried).toBeLessThanOrEqual(30)
    expect(answers.some((a) => a.status === 429)).toBe(true)
    // The address is held back for every account, even with the right password, until it waits.
    const blocked = await login('127.0.0.4', 'leader', PASSWORD)
    expect(blocked.status).toBe(429)
    expect(retryAfter(blocked)).toBeGreaterThan(0)
    // Everyone else is untouched.
    expect((await login('127.0.0.5', 'leader', PASSWORD)).status).toBe(200)
  })
})

describe('the source address', () => {
  it('is the socket\'s: an X-Forwarded-For header from an unknown peer changes nothing', async () => {
    const from = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` })
    const failures = await Promise.all([0, 1, 2, 3, 4].map((i) => login('127.0.0.6', 'masswork', `guess-${i}`, server, from(i))))
    expect(statuses(failures)).toEqual([401, 401, 401, 401, 401])
    expect((await login('127.0.0.6', 'masswork', 'guess-6', server, from(6))).status).toBe(429)
  })

  it('is the last X-Forwarded-For hop when the peer is a proxy named in TRUST_PROXY', async () => {
    const via = (client: string) => ({ 'x-forwarded-for': `198.51.100.7, ${client}` })
    const failures = await Promise.all([0, 1, 2, 3, 4].map((i) => login('127.0.0.50', 'governance', `guess-${i}`, proxied, via('203.0.113.10'))))
    expect(statuses(failures)).toEqual([401, 401, 401, 401, 401])
    expect((await login('127.0.0.50', 'governance', PASSWORD, proxied, via('203.0.113.10'))).status).toBe(429)
    // Another client behind the same proxy is another address.
    expect((await login('127.0.0.50', 'governance', PASSWORD, proxied, via('203.0.113.11'))).status).toBe(200)
  })
})

describe('the display token', () => {
  it('is throttled per address too, with a Retry-After, and the right token still works from elsewhere', async () => {
    const tries = await Promise.all([0, 1, 2, 3, 4].map((i) => jsonPost(server.port, '/api/auth/display-token', { token: `wrong-display-token-number-${i}` }, { from: '127.0.0.7' })))
    expect(statuses(tries)).toEqual([401, 401, 401, 401, 401])
    const blocked = await jsonPost(server.port, '/api/auth/display-token', { token: DISPLAY_TOKEN }, { from: '127.0.0.7' })
    expect(blocked.status).toBe(429)
    expect(retryAfter(blocked)).toBeGreaterThan(0)
    expect((await jsonPost(server.port, '/api/auth/display-token', { token: DISPLAY_TOKEN }, { from: '127.0.0.8' })).status).toBe(200)
  })
})

describe('the audit log', () => {
  it('records each login, failed or not, with the account and the source address', async () => {
    await login('127.0.0.9', 'safety', 'wrong-one')
    await login('127.0.0.9', 'safety', PASSWORD)
    const rows = t.services.store.audit.list(1000).filter((r) => r.username === 'safety' && r.target === '127.0.0.9')
    expect(rows.map((r) => r.action).sort()).toEqual(['login', 'login_failed'])
  })

  it('records a failed guess at an account that does not exist', async () => {
    await login('127.0.0.10', 'no-such-account', 'whatever')
    expect(t.services.store.audit.list(1000).some((r) => r.action === 'login_failed' && r.username === 'no-such-account' && r.target === '127.0.0.10')).toBe(true)
  })
})
