import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardList } from '../../../server/domain/contract/hazards'
import type { Summary } from '../../../server/domain/stats'
import { type TestApp, openTestApp } from '../support/app'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(() => t.close())

async function listAll(client: Awaited<ReturnType<TestApp['as']>>, query: string): Promise<number> {
  let n = 0
  let cursor: string | undefined
  do {
    const res = await client.get(`/api/hazards?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as HazardList
    n += body.features.length
    cursor = body.nextCursor
  } while (cursor)
  return n
}

describe('the summary agrees with the list', () => {
  for (const query of ['', 'category=safety_accident', 'status=rectifying,assigned&overdue=true', 'level=major&escalated=true', 'source=public_report&from=2026-06-01&to=2026-08-31'])
    it(`counts the same hazards for "${query || 'no filter'}"`, async () => {
      const leader = await t.as('leader')
      const summary = (await (await leader.get(`/api/stats/summary?${query}`)).json()) as Summary
      expect(summary.total).toBeGreaterThan(0)
      expect(await listAll(leader, query)).toBe(summary.total)
    })
})
