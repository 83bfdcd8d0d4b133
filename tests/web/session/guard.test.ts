import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { fetchAreas } from '../../../web/api/areas'
import { guardSessions } from '../../../web/session/navigation'
import { useSessionStore } from '../../../web/stores/session'
import { fakeServer, jsonResponse, makeUser, unauthorized } from './factories'

const blank = { render: () => null }

function makeRouter(): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/wall', '/work', '/login'].map((path) => ({ path, component: blank })),
  })
  guardSessions(router)
  return router
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('the session guard', () => {
  it('sends a visitor without a session to log in, remembering the deep link', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/auth/me': unauthorized }))
    const router = makeRouter()
    await router.push('/work?x=1&y=2')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query).toEqual({ next: '/work?x=1&y=2' })
  })

  it('lets a logged-in user through, asking the server only once', async () => {
    const fetch = fakeServer({ 'GET /api/auth/me': () => jsonResponse(200, { user: makeUser() }) })
    vi.stubGlobal('fetch', fetch)
    const router = makeRouter()
    await router.push('/work')
    await router.push('/wall')
    expect(router.currentRoute.value.path).toBe('/wall')
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('shows the login page without asking the server who is logged in', async () => {
    const fetch = fakeServer({})
    vi.stubGlobal('fetch', fetch)
    const router = makeRouter()
    await router.push('/login')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('sends the reader to log in when the server does not answer', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const router = makeRouter()
    await router.push('/wall')
    expect(router.currentRoute.value.fullPath).toBe('/login?next=/wall')
  })

  it('sends the reader to log in when a later call finds the session expired', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'GET /api/auth/me': () => jsonResponse(200, { user: makeUser() }), 'GET /api/areas': unauthorized }))
    const router = makeRouter()
    await router.push('/work?x=1')
    await expect(fetchAreas('town')).rejects.toMatchObject({ notLoggedIn: true })
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/login'))
    expect(router.currentRoute.value.query['next']).toBe('/work?x=1')
    expect(useSessionStore().user).toBeNull()
  })

  it('does not treat a wrong password as an expired session', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'POST /api/auth/login': () => jsonResponse(401, { error: { code: 'bad_credentials', message: 'Wrong username or password.' } }) }))
    const router = makeRouter()
    await router.push('/login?next=/wall')
    await expect(useSessionStore().login('throwaway', 'nope')).rejects.toMatchObject({ status: 401 })
    expect(router.currentRoute.value.fullPath).toBe('/login?next=/wall')
  })
})
