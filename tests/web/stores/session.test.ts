import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '../../../web/stores/session'
import { fakeServer, jsonResponse, makeUser, unauthorized } from '../session/factories'

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('the session store', () => {
  it('asks the server once who is logged in, however many ask at the same time', async () => {
    const fetch = fakeServer({ 'GET /api/auth/me': () => jsonResponse(200, { user: makeUser() }) })
    vi.stubGlobal('fetch', fetch)
    const session = useSessionStore()
    const [a, b] = await Promise.all([session.ensureLoaded(), session.ensureLoaded()])
    await session.ensureLoaded()
    expect(a).toEqual(makeUser())
    expect(b).toBe(a)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(session.loaded).toBe(true)
  })

  it('knows nobody is logged in from a 401, without calling it a failure', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/auth/me': unauthorized }))
    const session = useSessionStore()
    await expect(session.refresh()).resolves.toBeNull()
    expect(session).toMatchObject({ user: null, loaded: true })
  })

  it('stays unloaded when the server does not answer, so the next navigation asks again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const session = useSessionStore()
    await expect(session.ensureLoaded()).rejects.toMatchObject({ noAnswer: true })
    expect(session.loaded).toBe(false)
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/auth/me': () => jsonResponse(200, { user: makeUser() }) }))
    await expect(session.ensureLoaded()).resolves.toEqual(makeUser())
  })

  it('holds the user a login returns', async () => {
    const analyst = makeUser({ id: 7, username: 'analyst', name: '综治办分析员', role: 'analyst' })
    vi.stubGlobal('fetch', fakeServer({ 'POST /api/auth/login': () => jsonResponse(200, { user: analyst }) }))
    const session = useSessionStore()
    await session.login('analyst', 'pingan2026')
    expect(session).toMatchObject({ user: analyst, loaded: true, role: { zh: '综治办分析员', en: 'Analyst' } })
  })

  it('passes a refused login on and keeps nobody logged in', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'POST /api/auth/login': () => jsonResponse(401, { error: { code: 'bad_credentials', message: 'Wrong username or password.' } }) }))
    const session = useSessionStore()
    await expect(session.login('leader', 'nope')).rejects.toMatchObject({ status: 401, code: 'bad_credentials' })
    expect(session.user).toBeNull()
  })

  it('forgets the user on logout, even when the server cannot be told', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'POST /api/auth/login': () => jsonResponse(200, { user: makeUser() }) }))
    const session = useSessionStore()
    await session.login('leader', 'pingan2026')
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(session.logout()).rejects.toMatchObject({ noAnswer: true })
    expect(session).toMatchObject({ user: null, loaded: true })
  })

  describe('role helpers, asked of the domain', () => {
    const loggedInAs = async (overrides: Parameters<typeof makeUser>[0]) => {
      vi.stubGlobal('fetch', fakeServer({ 'GET /api/auth/me': () => jsonResponse(200, { user: makeUser(overrides) }) }))
      const session = useSessionStore()
      await session.refresh()
      return session
    }

    it('marks the wall as seeing aggregates only, and not reporting', async () => {
      const session = await loggedInAs({ username: 'wall', role: 'wall' })
      expect(session).toMatchObject({ aggregateOnly: true, canReport: false, canReadPersons: false })
    })

    it('lets a lead unit report, and read persons only when its items cover persons', async () => {
      expect(await loggedInAs({ role: 'lead_unit', leadUnit: 'police', category: 'violent_terror' })).toMatchObject({ canReport: true, canReadPersons: true })
      expect(await loggedInAs({ role: 'lead_unit', leadUnit: 'safety', category: 'safety_accident' })).toMatchObject({ canReport: true, canReadPersons: false })
    })

    it('gives the leadership group everything but reporting', async () => {
      expect(await loggedInAs({})).toMatchObject({ aggregateOnly: false, canReport: false, canReadPersons: true })
    })

    it('answers false for everything while nobody is logged in', () => {
      const session = useSessionStore()
      expect(session).toMatchObject({ actor: undefined, role: undefined, aggregateOnly: false, canReport: false, canReadPersons: false })
    })
  })
})
