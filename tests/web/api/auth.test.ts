import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchMe, login, logout } from '../../../web/api/auth'
import { onUnauthorized } from '../../../web/api/client'
import { fetchHealth } from '../../../web/api/health'
import { fakeServer, jsonResponse, makeUser, unauthorized } from '../session/factories'

afterEach(() => vi.unstubAllGlobals())

describe('the auth API', () => {
  it('posts the credentials as JSON to its own origin and returns the user', async () => {
    const fetch = fakeServer({ 'POST /api/auth/login': () => jsonResponse(200, { user: makeUser() }) })
    vi.stubGlobal('fetch', fetch)
    await expect(login('leader', 'pingan2026')).resolves.toEqual(makeUser())
    expect(fetch).toHaveBeenCalledWith('/api/auth/login', expect.objectContaining({
      method: 'POST',
      credentials: 'same-origin',
      body: JSON.stringify({ username: 'leader', password: 'pingan2026' }),
      // hc sets the JSON body's type; header names arrive lower-cased from its Headers
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    }))
  })

  it('logs out with a bodiless POST answered by 204', async () => {
    const fetch = fakeServer({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) })
    vi.stubGlobal('fetch', fetch)
    await expect(logout()).resolves.toBeUndefined()
    expect(fetch.mock.calls[0]?.[1]?.body).toBeUndefined()
  })

  it('reports its own 401s to the caller only, not as an expired session', async () => {
    const expired = vi.fn()
    const stop = onUnauthorized(expired)
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/auth/me': unauthorized, 'POST /api/auth/login': unauthorized }))
    await expect(fetchMe()).rejects.toMatchObject({ notLoggedIn: true })
    await expect(login('nobody', 'x')).rejects.toMatchObject({ notLoggedIn: true })
    expect(expired).not.toHaveBeenCalled()
    stop()
  })

  it('tells a 429 apart, for the login page to ask the reader to wait', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'POST /api/auth/login': () => jsonResponse(429, { error: { code: 'too_many_attempts', message: 'Too many failed logins.' } }) }))
    await expect(login('leader', 'x')).rejects.toMatchObject({ status: 429, tooManyAttempts: true, notLoggedIn: false })
  })
})

describe('fetchHealth', () => {
  it('reads the demo flag', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/health': () => jsonResponse(200, { ok: true, today: '2026-06-15', demo: true }) }))
    // A server that names no limits (an older one) leaves the defaults.
    await expect(fetchHealth()).resolves.toEqual({ ok: true, today: '2026-06-15', demo: true, limits: { reportLimitHours: 24, concealedAfterDays: 7, verifyLimitDays: 3 } })
  })

  it('takes a server that does not say demo for no demo', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/health': () => jsonResponse(200, { ok: true, today: '2026-06-15' }) }))
    await expect(fetchHealth()).resolves.toMatchObject({ demo: false })
  })
})
