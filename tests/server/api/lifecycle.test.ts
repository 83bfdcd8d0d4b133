import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardDetail, type HazardList, type HazardProps, areasOf, districtAccount, gridAccount, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { type ActionBody, type Status, act, expectRefused, hazardFactory, reportBody } from '../support/walk'

let t: TestApp
let leader: Client
let grid: Client
let district: Client
let village: AreaProperties
let cells: AreaProperties[]

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[0]!
  cells = await areasOf(leader, 'grid')
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
})
afterAll(() => t.close())

const by = (role: 'grid' | 'district') => (role === 'grid' ? grid : district)
const detail = (id: number, as = leader) => read<HazardDetail>(as.get(`/api/hazards/${id}`))
const { report, hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))

describe('reporting', () => {
  it('registers a grid worker’s report as reported, with its area found from the point', async () => {
    const { hazard } = await read<{ hazard: HazardProps }>(report(), 201)
    expect(hazard).toMatchObject({ status: 'reported', villageId: village.id, districtId: village.parentId, version: 1, discoveredAt: AS_OF })
    expect(cells.find((c) => c.id === hazard.areaId)?.parentId).toBe(village.id)
  })

  it('records the report as the first event, by the worker', async () => {
    const { hazard } = await read<{ hazard: HazardProps }>(report(), 201)
    const { events } = await detail(hazard.id)
    expect(events).toEqual([expect.objectContaining({ action: 'report', from: null, to: 'reported', actor: gridAccount(village.id) })])
  })

  it('counts the new hazard in the summary at once', async () => {
    const before = await summaryOf(leader)
    await read(report(), 201)
    const after = await summaryOf(leader)
    expect(after.total).toBe(before.total + 1)
    expect(after.byStatus.reported).toBe(before.byStatus.reported! + 1)
  })

  it('puts the new hazard at the head of the worker’s list', async () => {
    const { hazard } = await read<{ hazard: HazardProps }>(report(), 201)
    const list = await read<HazardList>(grid.get('/api/hazards?limit=1'))
    expect(list.features[0]!.id).toBe(hazard.id)
  })

  for (const role of ['leader', 'analyst', 'wall'])
    it(`refuses a report from the ${role} with 403`, async () => {
      const res = await (await t.as(role)).post('/api/hazards', { ...reportBody, location: village.label })
      expect(res.status).toBe(403)
    })
})

/** Every step the brief names, from the status it leaves to the status it reaches. */
const steps: Array<[name: string, from: Status, role: 'grid' | 'district', body: ActionBody, to: Status]> = [
  ['assess', 'reported', 'district', { action: 'assess', level: 'major', measures: '立即清理通道' }, 'assessed'],
  ['assign', 'assessed', 'district', { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国', deadline: '2026-12-20' }, 'assigned'],
  ['start', 'assigned', 'grid', { action: 'start' }, 'rectifying'],
  ['rectify', 'rectifying', 'grid', { action: 'rectify', note: '已整改' }, 'rectified'],
  ['a failed verify', 'rectified', 'district', { action: 'verify', passed: false, note: '仍有堆放' }, 'rectifying'],
  ['a passed verify', 'rectified', 'district', { action: 'verify', passed: true, note: '验收合格' }, 'closed'],
  ['on-the-spot rectify', 'reported', 'grid', { action: 'rectify', note: '当场整改' }, 'rectified'],
]

for (const [name, from, role, body, to] of steps)
  describe(`${name} by the ${role === 'grid' ? 'grid worker' : 'district officer'}`, () => {
    it(`moves the hazard from ${from} to ${to} and raises its version`, async () => {
      const h = await hazardAt(from)
      const { hazard } = await read<{ hazard: HazardProps }>(act(by(role), h, body))
      expect(hazard.status).toBe(to)
      expect(hazard.version).toBe(h.version + 1)
    })

    it('adds exactly one event saying what, from, to and who', async () => {
      const h = await hazardAt(from)
      const before = (await detail(h.id)).events
      await read(act(by(role), h, body))
      const after = (await detail(h.id)).events
      expect(after.slice(0, -1)).toEqual(before)
      expect(after.at(-1)).toMatchObject({ action: body.action, from, to, actor: role === 'grid' ? gridAccount(village.id) : expect.stringMatching(/^district-\d$/) })
    })

    it(`moves one hazard from ${from} to ${to} in the summary at once`, async () => {
      const h = await hazardAt(from)
      const before = await summaryOf(leader)
      await read(act(by(role), h, body))
      const after = await summaryOf(leader)
      expect(after.byStatus[from]).toBe(before.byStatus[from]! - 1)
      expect(after.byStatus[to]).toBe(before.byStatus[to]! + 1)
      expect(after.total).toBe(before.total)
    })
  })

describe('the whole path', () => {
  it('runs report → assess → assign → start → rectify → failed verify → rectify → verify, ending closed today', async () => {
    const h = await hazardAt('rectified')
    let { hazard } = await read<{ hazard: HazardProps }>(act(district, h, { action: 'verify', passed: false, note: '不合格' }))
    ;({ hazard } = await read<{ hazard: HazardProps }>(act(grid, hazard, { action: 'rectify', note: '再次整改', noPhotoReason: '杂物已清运，现场无可拍摄之物' })))
    ;({ hazard } = await read<{ hazard: HazardProps }>(act(district, hazard, { action: 'verify', passed: true, note: '合格' })))
    expect(hazard).toMatchObject({ status: 'closed', closedAt: AS_OF })
    const { events } = await detail(h.id)
    expect(events.map((e) => e.action)).toEqual(['report', 'assess', 'assign', 'start', 'rectify', 'verify', 'rectify', 'verify'])
    expect(events.map((e) => e.to)).toEqual(['reported', 'assessed', 'assigned', 'rectifying', 'rectified', 'rectifying', 'rectified', 'closed'])
  })

  it('keeps the level and measures an assessment sets', async () => {
    const h = await hazardAt('assessed', 'significant')
    expect(h).toMatchObject({ level: 'significant', measures: '清理更换灭火器' })
  })

  it('keeps the responsible unit, person and deadline an assignment sets', async () => {
    const h = await hazardAt('assessed')
    const { hazard } = await read<{ hazard: HazardProps }>(act(district, h, { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国', deadline: '2026-12-20' }))
    expect(hazard).toMatchObject({ responsibleUnit: '农资店', responsiblePerson: '王立国', deadline: '2026-12-20' })
  })
})

describe('closing a hazard', () => {
  const trendToday = async () => (await read<Array<{ closed: number; openAtEnd: number }>>(leader.get(`/api/stats/trend?to=${AS_OF}`))).at(-1)!
  const villageRow = async () =>
    (await read<Array<{ areaId: string; open: number; closed: number }>>(leader.get('/api/stats/areas?level=village'))).find((r) => r.areaId === village.id)!

  it('shows at once in the trend’s last bucket: one more closed, one less open', async () => {
    const h = await hazardAt('rectified')
    const before = await trendToday()
    await read(act(district, h, { action: 'verify', passed: true, note: '合格' }))
    const after = await trendToday()
    expect([after.closed, after.openAtEnd]).toEqual([before.closed + 1, before.openAtEnd - 1])
  })

  it('shows at once in its village’s row of stats/areas', async () => {
    const h = await hazardAt('rectified')
    const before = await villageRow()
    await read(act(district, h, { action: 'verify', passed: true, note: '合格' }))
    const after = await villageRow()
    expect([after.open, after.closed]).toEqual([before.open - 1, before.closed + 1])
  })
})

describe('the default deadline of an assignment', () => {
  for (const [level, deadline] of [['major', '2026-12-05'], ['significant', '2026-12-13'], ['general', '2026-12-28'], ['low', '2027-01-27']] as const)
    it(`is ${deadline} for a ${level} hazard assigned on ${AS_OF}`, async () => {
      const h = await hazardAt('assessed', level)
      const { hazard } = await read<{ hazard: HazardProps }>(act(district, h, { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国' }))
      expect(hazard.deadline).toBe(deadline)
    })

  it('refuses a deadline in the past with 400 and changes nothing', async () => {
    const h = await hazardAt('assessed')
    await read(act(district, h, { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国', deadline: '2026-11-01' }), 400)
    expect((await detail(h.id)).hazard).toMatchObject({ status: 'assessed', version: h.version })
  })
})

describe('escalation', () => {
  it('flags the hazard without changing its status', async () => {
    const h = await hazardAt('assigned')
    const { hazard } = await read<{ hazard: HazardProps }>(act(grid, h, { action: 'escalate', reason: '涉及多个部门' }))
    expect(hazard).toMatchObject({ escalated: true, status: 'assigned' })
  })

  it('shows at once in summary.escalated', async () => {
    const h = await hazardAt('rectifying')
    const before = await summaryOf(leader)
    await read(act(district, h, { action: 'escalate', reason: '涉及多个部门' }))
    expect((await summaryOf(leader)).escalated).toBe(before.escalated + 1)
  })

  it('is refused with 422 the second time', async () => {
    let h = await hazardAt('assigned')
    h = (await read<{ hazard: HazardProps }>(act(grid, h, { action: 'escalate', reason: '紧急' }))).hazard
    await expectRefused(leader, h, () => act(grid, h, { action: 'escalate', reason: '仍紧急' }), 422)
  })
})
