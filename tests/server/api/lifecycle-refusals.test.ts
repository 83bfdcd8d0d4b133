import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { type HazardDetail, type HazardProps, areasOf, districtAccount, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { type ActionBody, type Status, act, expectRefused, hazardFactory } from '../support/walk'

let t: TestApp
let leader: Client
let grid: Client
let district: Client
let village: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[0]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
})
afterAll(() => t.close())

const by = (role: 'grid' | 'district') => (role === 'grid' ? grid : district)
const detail = (id: number) => read<HazardDetail>(leader.get(`/api/hazards/${id}`))
const a = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`
const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))

describe('a role that may not take a step', () => {
  const refusals: Array<[who: string, at: Status, body: ActionBody]> = [
    ['leader', 'reported', { action: 'assess', level: 'low', measures: '关注' }],
    ['leader', 'rectified', { action: 'verify', passed: true, note: '合格' }],
    ['analyst', 'reported', { action: 'assess', level: 'low', measures: '关注' }],
    ['analyst', 'rectifying', { action: 'rectify', note: '已整改' }],
    ['analyst', 'reported', { action: 'comment', note: '请关注' }],
    ['wall', 'reported', { action: 'assess', level: 'low', measures: '关注' }],
    ['wall', 'reported', { action: 'comment', note: '请关注' }],
    ['wall', 'reported', { action: 'escalate', reason: '紧急' }],
    ['grid', 'reported', { action: 'assess', level: 'low', measures: '关注' }],
    ['grid', 'assessed', { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国' }],
    ['grid', 'rectified', { action: 'verify', passed: true, note: '合格' }],
    ['admin', 'reported', { action: 'assess', level: 'low', measures: '关注' }],
  ]
  for (const [who, at, body] of refusals)
    it(`is refused with 403 when the ${who} tries to ${body.action} ${a(at)} hazard`, async () => {
      const h = await hazardAt(at)
      const as = who === 'grid' ? grid : await t.as(who)
      await expectRefused(leader, h, () => act(as, h, body), 403)
    })

  it('lets the leader comment, which changes no status', async () => {
    const h = await hazardAt('assigned')
    const { hazard } = await read<{ hazard: HazardProps }>(act(leader, h, { action: 'comment', note: '请加快进度' }))
    expect(hazard.status).toBe('assigned')
    expect((await detail(h.id)).events.at(-1)).toMatchObject({ action: 'comment', actor: 'leader', note: '请加快进度' })
  })
})

/**
 * domain.md's roles table: a district officer may "assess, assign, verify" and a lead unit
 * "assess, assign, verify, close, escalate"; rectifying is the village's (grid worker's) work,
 * and whoever verifies a rectification should not be the one who made it.
 */
describe('rectification by those who verify it', () => {
  it('is refused with 403 when the district officer reports a hazard rectified', async () => {
    const h = await hazardAt('rectifying')
    await expectRefused(leader, h, () => act(district, h, { action: 'rectify', note: '已整改' }), 403)
  })

  it('is refused with 403 when the lead unit reports a hazard rectified', async () => {
    const h = await hazardAt('rectifying')
    const safety = await t.as('safety')
    await expectRefused(leader, h, () => act(safety, h, { action: 'rectify', note: '已整改' }), 403)
  })
})

describe('a step the status does not allow', () => {
  const refusals: Array<[at: Status, role: 'grid' | 'district', body: ActionBody]> = [
    ['reported', 'district', { action: 'verify', passed: true, note: '合格' }],
    ['reported', 'grid', { action: 'start' }],
    ['reported', 'district', { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国' }],
    ['assigned', 'district', { action: 'assess', level: 'low', measures: '关注' }],
    ['closed', 'grid', { action: 'rectify', note: '再整改' }],
    ['closed', 'district', { action: 'escalate', reason: '紧急' }],
  ]
  for (const [at, role, body] of refusals)
    it(`is refused with 422 when ${a(at)} hazard is given ${body.action}`, async () => {
      const h = await hazardAt(at)
      await expectRefused(leader, h, () => act(by(role), h, body), 422)
    })
})

describe('a stale version', () => {
  it('is refused with 409 and nothing changes', async () => {
    const h = await hazardAt('assessed')
    await expectRefused(leader, h, () => act(district, { ...h, version: h.version - 1 }, { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国' }), 409)
  })
})

describe('acting outside one’s reach', () => {
  it('answers 404 when the police act on a safety hazard', async () => {
    const h = await hazardAt('reported')
    const police = await t.as('police')
    await expectRefused(leader, h, () => act(police, h, { action: 'assess', level: 'low', measures: '关注' }), 404)
  })

  it('lets the safety lead unit act on a safety hazard', async () => {
    const h = await hazardAt('reported')
    const { hazard } = await read<{ hazard: HazardProps }>(act(await t.as('safety'), h, { action: 'assess', level: 'low', measures: '关注' }))
    expect(hazard.status).toBe('assessed')
  })

  it('answers 404 when another district’s officer acts', async () => {
    const h = await hazardAt('reported')
    const districts = await areasOf(leader, 'district')
    const other = await t.as(await districtAccount(t, districts.find((d) => d.id !== village.parentId)!.id))
    await expectRefused(leader, h, () => act(other, h, { action: 'assess', level: 'low', measures: '关注' }), 404)
  })

  it('answers 404 when another village’s grid worker acts', async () => {
    const h = await hazardAt('assigned')
    const other = (await areasOf(leader, 'village')).find((v) => v.id !== village.id)!
    const otherWorker = await t.as(gridAccount(other.id))
    await expectRefused(leader, h, () => act(otherWorker, h, { action: 'start' }), 404)
  })

  it('answers 404 for an id that does not exist', async () => {
    expect((await district.post('/api/hazards/99999999/actions', { action: 'comment', version: 1, note: '看过' })).status).toBe(404)
  })
})
