import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Campaign, CampaignChange, CampaignDetail } from '../../../server/domain/contract/campaigns'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { Sequenced } from '../../../server/services/context'
import type { Client, TestApp } from '../support/app'
import { type HazardFeature, type HazardProps, districtAccount, listAll, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let analyst: Client
let safety: Client
let leader: Client
let fire: HazardFeature[]
let land: HazardFeature[]

beforeAll(async () => {
  t = await openSeededApp()
  analyst = await t.as('analyst')
  safety = await t.as('safety')
  leader = await t.as('leader')
  fire = await listAll(leader, 'item=fire')
  land = await listAll(leader, 'item=land_disputes')
}, SEEDING)
afterAll(() => t.close())

const body = { name: '冬季消防安全专项整治', goal: '年底前清零出租屋消防隐患', deadline: '2026-12-31' }
const create = (as: Client, extra: Record<string, unknown> = {}) => as.post('/api/campaigns', { ...body, ...extra })
const members = (as: Client, id: number, change: { add?: number[]; remove?: number[] }) => as.post(`/api/campaigns/${id}/hazards`, change)
const ids = (list: HazardFeature[], from: number, n: number) => list.slice(from, from + n).map((f) => f.id)

describe('setting up a campaign', () => {
  it('lets the analyst set one up: 201, with empty progress and the days left', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst), 201)
    expect(campaign).toMatchObject({ ...body, category: null, createdBy: 'analyst', daysLeft: 33, progress: { total: 0, closed: 0, open: 0, overdue: 0, closeRate: 0 } })
  })

  it('lets a lead unit set one up in its own category', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(safety), 201)
    expect(campaign.category).toBe('safety_accident')
  })

  it('refuses a lead unit a campaign in another category with 403', async () => {
    expect((await create(safety, { category: 'mass_incident' })).status).toBe(403)
  })

  for (const who of ['leader', 'wall', 'admin', 'district-1'])
    it(`refuses the ${who} with 403`, async () => {
      expect((await create(await t.as(who))).status).toBe(403)
    })

  it('refuses a missing name and a deadline in the past with 400 naming them', async () => {
    const missing = await read<FieldErrorBody>(analyst.post('/api/campaigns', { goal: 'x', deadline: '2026-12-31' }), 400)
    expect(missing.error.details?.map((d) => d.field)).toContain('name')
    const past = await read<FieldErrorBody>(create(analyst, { deadline: '2026-01-01' }), 400)
    expect(past.error.details?.map((d) => d.field)).toContain('deadline')
  })
})

describe('grouping hazards', () => {
  it('adds hazards; progress, the list filter and the summary all agree', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst), 201)
    const chosen = ids(fire, 0, 12)
    const after = await read<CampaignChange>(members(analyst, campaign.id, { add: chosen }))
    expect(after.added).toBe(12)
    expect(new Set(after.hazards.map((h) => h.id))).toEqual(new Set(chosen))
    const listed = await listAll(leader, `campaign=${campaign.id}`)
    expect(new Set(listed.map((f) => f.id))).toEqual(new Set(chosen))
    const summary = await summaryOf(analyst, `campaign=${campaign.id}`)
    expect(after.campaign.progress).toEqual({ total: summary.total, closed: summary.closed, open: summary.open, overdue: summary.overdue, closeRate: summary.closeRate })
    const closed = listed.filter((f) => f.properties.status === 'closed').length
    expect(after.campaign.progress).toMatchObject({ total: 12, closed, open: 12 - closed, closeRate: Math.round((closed / 12) * 1000) / 1000 })
  })

  it('lists campaigns with their progress, and shows one with its hazards', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst, { name: '列表测试' }), 201)
    await read(members(analyst, campaign.id, { add: ids(fire, 20, 3) }))
    const { campaigns } = await read<{ campaigns: Campaign[] }>(leader.get('/api/campaigns'))
    expect(campaigns.find((c) => c.id === campaign.id)?.progress.total).toBe(3)
    const detail = await read<CampaignDetail>(leader.get(`/api/campaigns/${campaign.id}`))
    expect(detail.hazards.map((h) => h.campaignId)).toEqual([campaign.id, campaign.id, campaign.id])
    expect((await leader.get('/api/campaigns/999999')).status).toBe(404)
  })

  it('takes hazards out again', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst), 201)
    const chosen = ids(fire, 30, 4)
    await read(members(analyst, campaign.id, { add: chosen }))
    const after = await read<CampaignChange>(members(analyst, campaign.id, { remove: chosen.slice(0, 3) }))
    expect(after.removed).toBe(3)
    expect(after.campaign.progress.total).toBe(1)
    expect((await read<{ hazard: HazardProps }>(leader.get(`/api/hazards/${chosen[0]}`))).hazard.campaignId).toBeNull()
  })

  it('lets a lead unit group hazards of its own category only, all or nothing', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(safety), 201)
    const res = await read<FieldErrorBody>(members(safety, campaign.id, { add: [...ids(fire, 40, 2), land[0]!.id] }), 422)
    expect(res.error.details?.[0]?.message).toContain(String(land[0]!.id))
    expect((await read<CampaignDetail>(safety.get(`/api/campaigns/${campaign.id}`))).campaign.progress.total).toBe(0)
    await read(members(safety, campaign.id, { add: ids(fire, 40, 2) }))
  })

  it('keeps a campaign of one category to that category, even for the analyst', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst, { category: 'safety_accident' }), 201)
    expect((await members(analyst, campaign.id, { add: [land[1]!.id] })).status).toBe(422)
  })

  it('refuses a hazard already in another campaign', async () => {
    const a = (await read<{ campaign: Campaign }>(create(analyst), 201)).campaign
    const b = (await read<{ campaign: Campaign }>(create(analyst), 201)).campaign
    const [h] = ids(fire, 50, 1)
    await read(members(analyst, a.id, { add: [h!] }))
    const res = await read<FieldErrorBody>(members(analyst, b.id, { add: [h!] }), 422)
    expect(res.error.details?.[0]?.message).toContain(`campaign ${a.id}`)
  })

  it('refuses another lead unit, the leader and the wall with 403', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(safety), 201)
    for (const who of ['masswork', 'leader', 'wall']) expect((await members(await t.as(who), campaign.id, { add: ids(fire, 60, 1) })).status, who).toBe(403)
  })

  it('refuses unknown hazards with 422 and an empty change with 400', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst), 201)
    expect((await members(analyst, campaign.id, { add: [99_999_999] })).status).toBe(422)
    expect((await members(analyst, campaign.id, {})).status).toBe(400)
  })

  it('publishes a stats event when the grouping changes', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst), 201)
    const seen: Sequenced[] = []
    const listen = (e: Sequenced) => seen.push(e)
    t.services.live.on('live', listen)
    await read(members(analyst, campaign.id, { add: ids(fire, 70, 2) }))
    t.services.live.off('live', listen)
    expect(seen.map((e) => e.type)).toContain('stats')
  })

  it('shows each caller the progress within its own reach', async () => {
    const { campaign } = await read<{ campaign: Campaign }>(create(analyst), 201)
    const chosen = fire.slice(80, 110)
    await read(members(analyst, campaign.id, { add: chosen.map((f) => f.id) }))
    const districtId = chosen[0]!.properties.districtId
    const officer = await t.as(await districtAccount(t, districtId))
    const theirs = await read<CampaignDetail>(officer.get(`/api/campaigns/${campaign.id}`))
    expect(theirs.campaign.progress.total).toBe(chosen.filter((f) => f.properties.districtId === districtId).length)
    expect(theirs.hazards.every((h) => h.districtId === districtId)).toBe(true)
  })
})
