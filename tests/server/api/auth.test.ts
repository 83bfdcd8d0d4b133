import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionUser } from '../../../server/domain/contract/auth'
import type { ErrorBody } from '../../../server/domain/contract/common'
import { PASSWORD, type TestApp } from '../support/app'
import { read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

const login = (username: string, password = PASSWORD, cookie?: string) =>
  t.anonymous.post('/api/auth/login', { username, password }, cookie ? { cookie } : {})

/** The name=value part of the session cookie a response sets. */
function cookieOf(res: Response): string {
  const header = res.headers.get('set-cookie')
  expect(header, 'a Set-Cookie header').toBeTruthy()
  return header!.split(';')[0]!
}

const me = (cookie: string) => t.anonymous.raw('/api/auth/me', { method: 'GET', headers: { cookie } })

describe('logging in', () => {
  it('returns the user and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await login('leader')
    const body = await read<{ user: SessionUser }>(res)
    expect(body.user).toMatchObject({ username: 'leader', role: 'leader' })
    expect(body.user.id).toBeGreaterThan(0)
    expect(body.user.name).toBeTruthy()
    expect(body.user).not.toHaveProperty('passwordHash')
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/HttpOnly/i)
    expect(header).toMatch(/SameSite=Strict/i)
    expect(header).toMatch(/Path=\//)
  })

  it('opens a session that /api/auth/me recognises', async () => {
    const cookie = cookieOf(await login('analyst'))
    const body = await read<{ user: SessionUser }>(me(cookie))
    expect(body.user).toMatchObject({ username: 'analyst', role: 'analyst' })
  })

  it("tells a district officer which district it holds", async () => {
    const body = await read<{ user: SessionUser }>(login('district-1'))
    expect(body.user.role).toBe('district')
    expect(body.user.areaId).toMatch(/\S/)
  })

  it('tells a lead unit which category it leads, as api.md names it (`category`)', async () => {
    const body = await read<{ user: SessionUser }>(login('safety'))
    expect(body.user.role).toBe('lead_unit')
    expect(body.user.category).toBe('safety_accident')
  })

  it('refuses a wrong password with 401 and the error shape', async () => {
    const body = await read<ErrorBody>(login('analyst', 'not-the-password'), 401)
    expect(body.error.code).toMatch(/^[a-z_]+$/)
    expect(body.error.message).toMatch(/\S/)
  })

  it('sets no cookie on a refused login', async () => {
    const res = await login('analyst', 'still-wrong')
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('answers an unknown user exactly as a wrong password, so usernames cannot be probed', async () => {
    const [unknown, wrong] = await Promise.all([read<ErrorBody>(login('nobody-here', 'whatever'), 401), read<ErrorBody>(login('police', 'whatever'), 401)])
    expect(unknown).toEqual(wrong)
  })

  it('slows down a wrong password', async () => {
    const started = performance.now()
    await login('masswork', 'wrong')
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
  })

  it('refuses with 429 after five failures, even the right password', async () => {
    const failures = await Promise.all([0, 1, 2, 3, 4].map((i) => login('district-5', `guess-${i}`)))
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    const blocked = await read<ErrorBody>(login('district-5', 'guess-6'), 429)
    expect(blocked.error.code).toMatch(/^[a-z_]+$/)
    expect((await login('district-5')).status).toBe(429)
  })
})

describe('guessing passwords', () => {
  it('is still refused with 429 when each failure claims a different X-Forwarded-For address', async () => {
    const from = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` })
    const failures = await Promise.all([0, 1, 2, 3, 4].map((i) => t.anonymous.post('/api/auth/login', { username: 'district-4', password: `guess-${i}` }, from(i))))
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    const res = await t.anonymous.post('/api/auth/login', { username: 'district-4', password: 'guess-6' }, from(6))
    expect(res.status).toBe(429)
  })
})

describe('a cross-site form', () => {
  it('cannot log a user out: 403, and the session lives on', async () => {
    const cookie = cookieOf(await login('masswork'))
    const res = await t.anonymous.raw('/api/auth/logout', {
      method: 'POST', body: 'x=1', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(403)
    expect((await me(cookie)).status).toBe(200)
  })
})

describe('logging out', () => {
  it('answers 204 and the old cookie then gets 401 on /api/auth/me', async () => {
    const cookie = cookieOf(await login('governance'))
    expect((await me(cookie)).status).toBe(200)
    const out = await t.anonymous.raw('/api/auth/logout', { method: 'POST', headers: { cookie, 'content-type': 'application/json' } })
    expect(out.status).toBe(204)
    const after = await read<ErrorBody>(me(cookie), 401)
    expect(after.error.code).toMatch(/^[a-z_]+$/)
  })

  it('tells the browser to drop the cookie', async () => {
    const cookie = cookieOf(await login('governance'))
    const out = await t.anonymous.raw('/api/auth/logout', { method: 'POST', headers: { cookie, 'content-type': 'application/json' } })
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
  })
})

describe('logging in again', () => {
  it('rotates the cookie: the old one is dead, the new one works', async () => {
    const first = cookieOf(await login('wall'))
    const second = cookieOf(await login('wall', PASSWORD, first))
    expect(second).not.toBe(first)
    expect((await me(first)).status).toBe(401)
    expect((await me(second)).status).toBe(200)
  })
})

describe('without a session', () => {
  const closed: Array<[method: 'GET' | 'POST', path: string]> = [
    ['GET', '/api/auth/me'],
    ['GET', '/api/meta'],
    ['GET', '/api/areas?level=village'],
    ['GET', '/api/basemap'],
    ['GET', '/api/sites'],
    ['GET', '/api/hazards'],
    ['GET', '/api/hazards/1'],
    ['POST', '/api/hazards'],
    ['POST', '/api/hazards/1/actions'],
    ['POST', '/api/hazards/1/photos'],
    ['GET', '/api/hazards/export?format=csv'],
    ['POST', '/api/hazards/import'],
    ['POST', '/api/areas/import'],
    ['GET', '/api/stats/summary'],
    ['GET', '/api/stats/trend'],
    ['GET', '/api/stats/areas?level=village'],
    ['GET', '/api/stats/coverage?period=2026-11-28'],
    ['GET', '/api/inspections'],
    ['POST', '/api/inspections'],
    ['GET', '/api/persons'],
    ['GET', '/api/persons/1?reveal=true&reason=x'],
    ['GET', '/api/bulletins/2026-11?format=json'],
    ['GET', '/api/stream'],
    ['GET', '/api/no-such-route'],
    ['GET', '/api/meta/'],
  ]
  for (const [method, path] of closed)
    it(`${method} ${path} answers 401 in the error shape`, async () => {
      const res = method === 'GET' ? await t.anonymous.get(path) : await t.anonymous.post(path, {})
      const body = await read<ErrorBody>(res, 401)
      expect(body.error.code).toMatch(/^[a-z_]+$/)
      expect(body.error.message).toMatch(/\S/)
    })

  it('answers 401 to a cookie that names no session', async () => {
    expect((await me('pingan_session=forged-token')).status).toBe(401)
  })

  for (const path of ['/api/health', '/api/openapi.json'])
    it(`lets anyone read ${path}`, async () => {
      expect((await t.anonymous.get(path)).status).toBe(200)
    })
})

describe('the wall display token', () => {
  it('signs a display in as the wall account with the configured token, and refuses any other', async () => {
    const { openTestApp } = await import('../support/app')
    const token = 'display-token-for-the-command-centre-2026'
    const w = await openTestApp({ WALL_TOKEN: token })
    try {
      const wrong = await w.anonymous.post('/api/auth/display-token', { token: token.slice(0, -1) + 'x' })
      expect(wrong.status).toBe(401)
      const res = await w.anonymous.post('/api/auth/display-token', { token })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { user: { role: string } }).user.role).toBe('wall')
      const cookie = res.headers.get('set-cookie')!
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Strict/i)
      const me = await w.anonymous.raw('/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } })
      expect(((await me.json()) as { user: { username: string } }).user.username).toBe('wall')
    } finally {
      w.close()
    }
  })

  it('is refused when no token is configured', async () => {
    expect((await t.anonymous.post('/api/auth/display-token', { token: 'anything-at-all-long-enough-to-try' })).status).toBe(401)
  })
})
