import { hc } from 'hono/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppType } from '../../../server/app'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

describe('the typed hc client over AppType', () => {
  it('calls routes with typed queries and reads typed answers', async () => {
    const login = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: 'pingan2026' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const client = hc<AppType>('http://localhost', { fetch: (input: RequestInfo | URL, init?: RequestInit) => t.app.request(input instanceof Request ? input : String(input), init), headers: { cookie } })
    const res = await client.api.stats.summary.$get({ query: { category: 'safety_accident' } })
    expect(res.status).toBe(200)
    const summary = await res.json()
    // `summary.total` is typed as a number by AppType; the value agrees with the list filter.
    const total: number = summary.total
    expect(total).toBe(summary.byCategory.safety_accident)
    const detail = await client.api.hazards[':id'].$get({ param: { id: '1' } })
    expect(detail.status).toBe(200)
  })
})
