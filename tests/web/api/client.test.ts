import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchAreas } from '../../../web/api/areas'
import { CallError, onUnauthorized } from '../../../web/api/client'

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))

afterEach(() => vi.unstubAllGlobals())

describe('the API client', () => {
  it('asks for one level of areas from its own origin, with the session cookie', async () => {
    const fetch = answer(200, { type: 'FeatureCollection', features: [] })
    vi.stubGlobal('fetch', fetch)
    await expect(fetchAreas('village')).resolves.toEqual({ type: 'FeatureCollection', features: [] })
    expect(fetch).toHaveBeenCalledWith('/api/areas?level=village', expect.objectContaining({ credentials: 'same-origin' }))
  })

  it('passes on the server’s refusal so the page can say why, and knows a missing login', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthorized', message: 'Not logged in.' } }))
    const error = await fetchAreas('town').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CallError)
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', message: 'Not logged in.', notLoggedIn: true })
  })

  it('tells a server that never answered apart from one that refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const error = await fetchAreas('town').catch((e: unknown) => e)
    expect(error).toMatchObject({ noAnswer: true, notLoggedIn: false })
  })

  it('still reports a refusal whose body is not JSON (e.g. a proxy’s error page)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' })))
    await expect(fetchAreas('town')).rejects.toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' })
  })
})

describe('onUnauthorized', () => {
  it('hears of a 401 from any ordinary call, once, with the refusal', async () => {
    const expired = vi.fn()
    const stop = onUnauthorized(expired)
    vi.stubGlobal('fetch', answer(401, { error: { code: 'unauthorized', message: 'Not logged in.' } }))
    await fetchAreas('town').catch(() => undefined)
    stop()
    expect(expired).toHaveBeenCalledTimes(1)
    expect(expired).toHaveBeenCalledWith(expect.objectContaining({ status: 401 }))
  })

  it('is not told of other refusals, nor after it is removed', async () => {
    const expired = vi.fn()
    onUnauthorized(expired)()
    vi.stubGlobal('fetch', answer(401, {}))
    await fetchAreas('town').catch(() => undefined)
    const stop = onUnauthorized(expired)
    vi.stubGlobal('fetch', answer(403, {}))
    await fetchAreas('town').catch(() => undefined)
    stop()
    expect(expired).not.toHaveBeenCalled()
  })
})
