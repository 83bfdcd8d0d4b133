import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app'
import { ok } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

describe('the typed hc client over AppType', () => {
  it('calls routes with typed queries and reads typed answers, with the session of the client it belongs to', async () => {
    const { api } = await t.as('leader')
    const res = await api.stats.summary.$get({ query: { category: 'safety_accident' } })
    expect(res.status).toBe(200)
    const summary = await res.json()
    // `summary.total` is typed as a number by AppType; the value agrees with the list filter.
    const total: number = summary.total
    expect(total).toBe(summary.byCategory.safety_accident)
    const detail = await ok(api.hazards[':id'].$get({ param: { id: '1' } }))
    expect(detail.hazard.id).toBe(1)
  })

  it('carries no session for the anonymous client', async () => {
    expect((await t.anonymous.api.auth.me.$get()).status).toBe(401)
  })
})
