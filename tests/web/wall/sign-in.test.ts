import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { guardSessions } from '../../../web/session/navigation'
import { returnsToWall, wallTokenGuard, withoutToken } from '../../../web/wall/wall-sign-in'
import { fakeServer, jsonResponse, makeUser, unauthorized } from '../session/factories'

const blank = { render: () => null }
const wallUser = makeUser({ id: 9, username: 'wall', name: '指挥大屏', role: 'wall' })

function memoryStorage() {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items }
}

function makeRouter(storage: ReturnType<typeof memoryStorage>, wait?: (ms: number) => Promise<void>) {
  const router = createRouter({ history: createMemoryHistory(), routes: ['/', '/wall', '/login'].map((path) => ({ path, component: blank })) })
  router.beforeEach(wallTokenGuard(storage, { wait }))
  guardSessions(router)
  return router
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('the wall display token', () => {
  it('signs the wall in from /wall?token=… and takes the token out of the URL, keeping the rest', async () => {
    let signedIn = false
    const server = fakeServer({
      'POST /api/auth/display-token': () => ((signedIn = true), jsonResponse(200, { user: wallUser })),
      'GET /api/auth/me': () => (signedIn ? jsonResponse(200, { user: wallUser }) : unauthorized()),
    })
    vi.stubGlobal('fetch', server)
    const storage = memoryStorage()
    const router = makeRouter(storage)
    await router.push('/wall?token=secret-token-of-the-wall-display&tour=30')
    expect(router.currentRoute.value.fullPath).toBe('/wall?tour=30')
    expect(JSON.parse(String(server.mock.calls.find(([url]) => url === '/api/auth/display-token')![1]!.body))).toEqual({ token: 'secret-token-of-the-wall-display' })
    expect(storage.items.size).toBe(1)
  })

  it('forgets a token the server refuses, and the usual login page takes over', async () => {
    vi.stubGlobal('fetch', fakeServer({ 'POST /api/auth/display-token': unauthorized, 'GET /api/auth/me': unauthorized }))
    const storage = memoryStorage()
    const router = makeRouter(storage)
    await router.push('/wall?token=wrong')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query).toEqual({ next: '/wall' })
    expect(storage.items.size).toBe(0)
  })

  it('signs in again by itself when the session has gone and the app would send the wall to log in', async () => {
    let signedIn = false
    vi.stubGlobal('fetch', fakeServer({
      'POST /api/auth/display-token': () => ((signedIn = true), jsonResponse(200, { user: wallUser })),
      'GET /api/auth/me': () => (signedIn ? jsonResponse(200, { user: wallUser }) : unauthorized()),
    }))
    const storage = memoryStorage()
    storage.setItem('pingan.wallToken', 'kept-token-of-the-wall-display')
    const router = makeRouter(storage)
    await router.push('/login?next=/wall')
    expect(router.currentRoute.value.fullPath).toBe('/wall')
    expect(signedIn).toBe(true)
  })

  it('leaves every other navigation to the session guard', async () => {
    const storage = memoryStorage()
    storage.setItem('pingan.wallToken', 'kept')
    const guard = wallTokenGuard(storage)
    expect(await guard({ path: '/', query: {} } as never)).toBe(true)
    expect(await guard({ path: '/login', query: { next: '/work' } } as never)).toBe(true)
    expect(returnsToWall({ path: '/login', query: { next: '/wall?tour=5' } })).toBe('/wall?tour=5')
    expect(withoutToken({ token: 'x', tour: '5' })).toEqual({ tour: '5' })
  })
})

describe('the wall display token, when the server cannot take it now', () => {
  const tooMany = (seconds: number) => () =>
    jsonResponse(429, { error: { code: 'too_many_attempts', message: 'Too many failed attempts.', details: { retryAfter: seconds } } })

  /** A display-token endpoint that answers from a script, then signs in. */
  function scripted(answers: Array<() => Response | Promise<Response>>) {
    let signedIn = false
    const server = fakeServer({
      'POST /api/auth/display-token': () => {
        const next = answers.shift()
        if (next) return next()
        signedIn = true
        return jsonResponse(200, { user: wallUser })
      },
      'GET /api/auth/me': () => (signedIn ? jsonResponse(200, { user: wallUser }) : unauthorized()),
    })
    return { server, signedIn: () => signedIn }
  }

  it('keeps its token on a 429, waits as long as the server says, and signs in again by itself', async () => {
    const { server, signedIn } = scripted([tooMany(42)])
    vi.stubGlobal('fetch', server)
    const storage = memoryStorage()
    storage.setItem('pingan.wallToken', 'kept-token-of-the-wall-display')
    const waits: number[] = []
    const router = makeRouter(storage, async (ms) => void waits.push(ms))
    await router.push('/login?next=/wall')
    expect(waits).toEqual([42_000])
    expect(signedIn()).toBe(true)
    expect(router.currentRoute.value.fullPath).toBe('/wall')
    expect(storage.items.get('pingan.wallToken')).toBe('kept-token-of-the-wall-display')
  })

  it('keeps trying while the server does not answer at all, a while apart', async () => {
    const down = () => Promise.reject(new TypeError('Failed to fetch'))
    const { server, signedIn } = scripted([down, down, tooMany(1)])
    vi.stubGlobal('fetch', server)
    const storage = memoryStorage()
    storage.setItem('pingan.wallToken', 'kept-token-of-the-wall-display')
    const waits: number[] = []
    const router = makeRouter(storage, async (ms) => void waits.push(ms))
    await router.push('/login?next=/wall')
    expect(waits).toHaveLength(3)
    // Never a tight loop: at least a few seconds between tries, even when told one.
    for (const ms of waits) expect(ms).toBeGreaterThanOrEqual(5_000)
    expect(signedIn()).toBe(true)
    expect(router.currentRoute.value.fullPath).toBe('/wall')
  })

  it('takes a token from the URL out of the address bar at once, even when the server first answers 429', async () => {
    const { server, signedIn } = scripted([tooMany(30)])
    vi.stubGlobal('fetch', server)
    const storage = memoryStorage()
    const waits: number[] = []
    const router = makeRouter(storage, async (ms) => void waits.push(ms))
    await router.push('/wall?token=secret-token-of-the-wall-display&tour=30')
    expect(router.currentRoute.value.fullPath).toBe('/wall?tour=30')
    expect(waits).toEqual([30_000])
    expect(signedIn()).toBe(true)
    expect(storage.items.get('pingan.wallToken')).toBe('secret-token-of-the-wall-display')
  })
})
