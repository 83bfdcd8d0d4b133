import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../support/app'
import { ok, queryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

const coverage = async (user: string, query = '') => ok((await t.as(user)).api.stats.coverage.$get({ query: queryOf(query) }))

describe('inspection coverage', () => {
  it('reports the half-month holding the date, 1st–15th or 16th–end', async () => {
    expect((await coverage('leader', '?period=2026-11-03')).period).toEqual({ start: '2026-11-01', end: '2026-11-15' })
    expect((await coverage('leader', '?period=2026-02-20')).period).toEqual({ start: '2026-02-16', end: '2026-02-28' })
    expect((await coverage('leader', '?period=2026-11-03&bucket=month')).period).toEqual({ start: '2026-11-01', end: '2026-11-30' })
  })

  it('covers every village in a past half-month and leaves gaps in the current one', async () => {
    const past = await coverage('leader', '?period=2026-06-10')
    expect(past.total).toBe(28)
    expect(past.covered).toBe(28)
    const now = await coverage('leader')
    expect(now.covered).toBeLessThan(now.total)
    expect(now.rate).toBeCloseTo(now.covered / now.total, 3)
  })

  it('counts a recorded inspection at once', async () => {
    const before = await coverage('leader')
    const missing = before.villages.find((v) => !v.inspected)!
    const grid = await t.as(`grid-${missing.villageId}`)
    const res = await grid.post('/api/inspections', { source: 'concentrated', areaId: missing.villageId, date: '2026-11-28', inspectors: '网格员', checked: '出租房屋' })
    expect(res.status).toBe(201)
    const after = await coverage('leader')
    expect(after.villages.find((v) => v.villageId === missing.villageId)!.inspected).toBe(true)
  })

  it('shows a grid worker its own village and a district officer its district only', async () => {
    const village = (await coverage('leader')).villages[0]!.villageId
    const own = await coverage(`grid-${village}`)
    expect(own.villages.map((v) => v.villageId)).toEqual([village])
    const district = await coverage('district-1')
    expect(district.total).toBeGreaterThan(1)
    expect(district.total).toBeLessThan(28)
  })

  it('refuses a malformed date', async () => {
    expect((await (await t.as('leader')).get('/api/stats/coverage?period=2026-13-01')).status).toBe(400)
  })
})
