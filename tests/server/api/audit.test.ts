import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage } from '../../../server/domain/contract/audit'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
  // A few days of readings, written as the server writes them.
  const write = (at: string, username: string, action: string, target: string) => t.services.store.audit.write({ at, username, action, target, reason: null })
  write('2026-11-20T01:00:00.000Z', 'police', 'read_hazard', '11')
  write('2026-11-25T15:59:59.000Z', 'police', 'read_hazard', '12') // 23:59:59 on the 25th in China
  write('2026-11-25T16:00:00.000Z', 'masswork', 'read_hazard', '13') // 00:00 on the 26th in China
  write('2026-11-27T03:00:00.000Z', 'leader', 'export_hazards', 'category=violent_terror')
})
afterAll(() => t.close())

const audit = async (user: string, query = '') => (await t.as(user)).get(`/api/audit${query}`)
const page = async (user: string, query = '') => {
  const res = await audit(user, query)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as AuditPage
}

describe('GET /api/audit', () => {
  it('is read by the administrator and the leadership only', async () => {
    for (const user of ['admin', 'leader']) expect((await audit(user)).status, user).toBe(200)
    const village = t.services.store.areas.list('village')[0]!.id
    for (const user of ['analyst', 'police', 'district-1', `grid-${village}`, 'wall']) {
      const res = await audit(user)
      expect(res.status, user).toBe(403)
      expect(await res.text()).not.toContain('read_hazard')
    }
  })

  it('answers newest first, and pages without gaps or repeats', async () => {
    const first = await page('admin', '?limit=2')
    expect(first.entries).toHaveLength(2)
    expect(first.entries[0]!.id).toBeGreaterThan(first.entries[1]!.id)
    expect(first.next).toBe(first.entries[1]!.id)
    const second = await page('admin', `?limit=2&before=${first.next}`)
    expect(second.entries[0]!.id).toBe(first.entries[1]!.id - 1)
  })

  it('filters by user, action and China dates', async () => {
    const police = await page('leader', '?user=police&action=read_hazard')
    expect(police.entries.map((e) => e.target)).toEqual(['12', '11'])
    // The 25th in China ends at 16:00 UTC: row 13 belongs to the 26th.
    const on25 = await page('leader', '?action=read_hazard&from=2026-11-25&to=2026-11-25')
    expect(on25.entries.map((e) => e.target)).toEqual(['12'])
    const from26 = await page('leader', '?action=read_hazard&from=2026-11-26')
    expect(from26.entries.map((e) => e.target)).toEqual(['13'])
    const exports = await page('leader', '?action=export_hazards&to=2026-11-27')
    expect(exports.entries).toEqual([expect.objectContaining({ username: 'leader', target: 'category=violent_terror' })])
  })

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [['?from=yesterday', 'from'], ['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?before=-1', 'before'], ['?who=me', 'who'], ['?from=2026-11-27&to=2026-11-01', 'to']]) {
      const res = await audit('admin', query)
      expect(res.status, query).toBe(400)
      expect(await res.text(), query).toContain(field)
    }
  })

  it('records who changed a campaign’s hazards', async () => {
    const analyst = await t.as('analyst')
    const campaign = ((await (await analyst.post('/api/campaigns', { name: '冬季消防安全专项整治', goal: '年底前清零', deadline: '2026-12-31' })).json()) as { campaign: { id: number } }).campaign
    const hazard = ((await (await analyst.get('/api/hazards?category=safety_accident&limit=1')).json()) as { features: Array<{ properties: { id: number } }> }).features[0]!.properties
    expect((await analyst.post(`/api/campaigns/${campaign.id}/hazards`, { add: [hazard.id] })).status).toBe(200)
    expect((await analyst.post(`/api/campaigns/${campaign.id}/hazards`, { remove: [hazard.id] })).status).toBe(200)
    const rows = (await page('admin', '?action=campaign_members&limit=2')).entries
    expect(rows.map((r) => [r.username, r.target])).toEqual([
      ['analyst', `${campaign.id}: -${hazard.id}`],
      ['analyst', `${campaign.id}: +${hazard.id}`],
    ])
  })
})
