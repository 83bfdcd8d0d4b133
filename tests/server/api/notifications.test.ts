import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InAppNotification, WorkItem } from '../../../server/domain/contract/work'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { ErrorBody } from '../../../server/domain/contract/common'
import type { Sequenced } from '../../../server/services/context'
import { messageFor } from '../../../server/services/live'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardProps, areasOf, districtAccount, gridAccount, listAll, ok, queryOf, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000
import { act, hazardFactory } from '../support/walk'

let t: TestApp
let leader: Client
let grid: Client
let district: Client
let safety: Client
let village: AreaProperties
const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[1]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
  safety = await t.as('safety')
}, SEEDING)
afterAll(() => t.close())

const notices = (as: Client, query = '') => ok(as.api.notifications.$get({ query: queryOf(query) }))
const work = (as: Client, query = '') => ok(as.api.work.$get({ query: queryOf(query) }))

describe('escalation notifies the lead unit', () => {
  it('writes a notification for the lead unit of the hazard’s category, naming the hazard and the reason', async () => {
    const h = await hazardAt('assigned')
    const before = await notices(safety)
    await read(act(grid, h, { action: 'escalate', reason: '需安监办会诊' }))
    const after = await notices(safety)
    expect(after.unread).toBe(before.unread + 1)
    expect(after.notifications[0]).toMatchObject({ hazardId: h.id, readAt: null })
    expect(after.notifications[0]!.message).toContain(h.code)
    expect(after.notifications[0]!.message).toContain('需安监办会诊')
  })

  it('tells no other lead unit, nor the escalating worker', async () => {
    const others = ['police', 'masswork', 'governance']
    const before = await Promise.all(others.map(async (u) => (await notices(await t.as(u))).unread))
    const mine = (await notices(grid)).unread
    const h = await hazardAt('rectifying')
    await read(act(grid, h, { action: 'escalate', reason: '紧急' }))
    expect(await Promise.all(others.map(async (u) => (await notices(await t.as(u))).unread))).toEqual(before)
    expect((await notices(grid)).unread).toBe(mine)
  })

  it('publishes the notification on the live bus, and the stream gives it to that user only', async () => {
    const seen: Sequenced[] = []
    const listen = (e: Sequenced) => seen.push(e)
    t.services.live.on('live', listen)
    const h = await hazardAt('assigned')
    await read(act(district, h, { action: 'escalate', reason: '跨部门' }))
    t.services.live.off('live', listen)
    const notice = seen.find((e) => e.type === 'notification')
    expect(notice).toMatchObject({ type: 'notification', username: 'safety', hazardId: h.id })
    expect(messageFor(t.services, { role: 'lead_unit', leadUnit: 'safety', username: 'safety' }, notice!)).toMatchObject({ event: 'notification', data: { hazardId: h.id } })
    expect(messageFor(t.services, { role: 'lead_unit', leadUnit: 'police', username: 'police' }, notice!)).toBeNull()
  })

  it('records no notification when the escalation is refused', async () => {
    let h = await hazardAt('assigned')
    h = (await read<{ hazard: HazardProps }>(act(grid, h, { action: 'escalate', reason: '一' }))).hazard
    const before = await notices(safety)
    await read(act(grid, h, { action: 'escalate', reason: '二' }), 422)
    expect((await notices(safety)).unread).toBe(before.unread)
  })
})

describe('reading notifications', () => {
  it('lists one’s own newest first', async () => {
    const { notifications } = await notices(safety)
    const ids = notifications.map((n) => n.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
  })

  it('marks one read, lowering the unread count', async () => {
    const before = await notices(safety, '?unread=true')
    const first = before.notifications[0]!
    const { notification } = await read<{ notification: InAppNotification }>(safety.post(`/api/notifications/${first.id}/read`))
    expect(notification.readAt).not.toBeNull()
    const after = await notices(safety, '?unread=true')
    expect(after.unread).toBe(before.unread - 1)
    expect(after.notifications.map((n) => n.id)).not.toContain(first.id)
  })

  it('answers 404 for another user’s notification and leaves it unread', async () => {
    const { notifications } = await notices(safety, '?unread=true')
    const theirs = notifications[0]!
    const body = await read<ErrorBody>(leader.post(`/api/notifications/${theirs.id}/read`), 404)
    expect(body.error.code).toBe('not_found')
    expect((await notices(safety, '?unread=true')).notifications.map((n) => n.id)).toContain(theirs.id)
  })

  it('marks all read at once', async () => {
    await read(safety.post('/api/notifications/read-all'))
    expect((await notices(safety)).unread).toBe(0)
  })

  it('needs a session', async () => {
    expect((await t.anonymous.get('/api/notifications')).status).toBe(401)
  })
})

/** Items in queue order: overdue (negative daysLeft) first, then by days left; those without a deadline last. */
function expectQueueOrder(items: WorkItem[]) {
  const key = (i: WorkItem) => (i.daysLeft === null ? Infinity : i.daysLeft)
  const keys = items.map(key)
  expect(keys).toEqual([...keys].sort((a, b) => a - b))
}

describe('my work', () => {
  it('gives the grid worker what waits in its village: assigned and rectifying to rectify, new reports to fix on the spot', async () => {
    const assigned = await hazardAt('assigned')
    const reported = await hazardAt('reported')
    const { items, counts } = await work(grid, '?limit=2000')
    expect(items.every((i) => i.villageId === village.id)).toBe(true)
    expect(items.find((i) => i.id === assigned.id)).toMatchObject({ task: 'rectify', nextSteps: expect.arrayContaining(['start', 'rectify']) })
    expect(items.find((i) => i.id === reported.id)).toMatchObject({ task: 'on_the_spot', nextSteps: expect.arrayContaining(['rectify']) })
    expect(items.every((i) => ['assigned', 'rectifying', 'reported'].includes(i.status))).toBe(true)
    expect(counts.rectify! + counts.on_the_spot!).toBe(items.length)
  })

  it('holds exactly the village’s assigned, rectifying and reported hazards the list shows', async () => {
    const listed = await listAll(grid, 'status=assigned,rectifying,reported')
    const { items, total } = await work(grid, '?limit=2000')
    expect(total).toBe(listed.length)
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(listed.map((f) => f.id)))
  })

  it('counts days left to the deadline while it runs, negative when overdue', async () => {
    const h = await hazardAt('assigned', 'major')
    const { items } = await work(grid, '?limit=2000')
    expect(items.find((i) => i.id === h.id)!.daysLeft).toBe(7)
    for (const i of items.filter((i) => i.daysLeft !== null)) expect(i.daysLeft! < 0).toBe(i.overdue)
    expectQueueOrder(items)
  })

  it('gives the district officer what waits for assessment, assignment and verification in its district, and its overdue to chase', async () => {
    const { items, counts, overdue } = await work(district, '?limit=2000')
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((i) => i.districtId === village.parentId)).toBe(true)
    const statusOf = { assess: ['reported'], assign: ['assessed'], verify: ['rectified'], chase: ['assigned', 'rectifying'] } as Record<string, string[]>
    for (const i of items) expect(statusOf[i.task], `${i.task} ${i.status}`).toContain(i.status)
    expect(items.filter((i) => i.task === 'chase').every((i) => i.overdue)).toBe(true)
    expect(overdue).toBe(counts.chase)
    const reported = await listAll(district, 'status=reported')
    expect(counts.assess).toBe(reported.length)
    expectQueueOrder(items)
  })

  it('puts overdue items first', async () => {
    const { items } = await work(district, '?limit=2000')
    const firstOnTime = items.findIndex((i) => !i.overdue)
    expect(items.slice(firstOnTime).some((i) => i.overdue)).toBe(false)
  })

  it('gives a lead unit the same steps for its category across the town', async () => {
    const { items, counts } = await work(safety, '?limit=2000')
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((i) => i.category === 'safety_accident')).toBe(true)
    expect(counts.verify).toBe((await listAll(safety, 'status=rectified')).length)
  })

  it('shows a confidential hazard generalised to the village worker, in full to its lead unit', async () => {
    const police = await t.as('police')
    // One the village's queue holds too: a new report, or an overdue one being rectified.
    const secret = (await work(police, '?limit=2000')).items.find((i) => i.category === 'violent_terror' && (i.status === 'reported' || i.overdue))
    expect(secret).toMatchObject({ generalised: false })
    expect(secret!.title).not.toBe('')
    const villageWorker = await t.as(gridAccount(secret!.villageId))
    const theirs = (await work(villageWorker, '?limit=2000')).items.find((i) => i.id === secret!.id)
    expect(theirs).toMatchObject({ generalised: true, title: '', description: '' })
  })

  it('gives the leadership group the overdue and escalated hazards to oversee', async () => {
    const { items } = await work(leader, '?limit=2000')
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((i) => i.overdue || (i.escalated && i.status !== 'closed'))).toBe(true)
    expect(items.every((i) => i.nextSteps.every((s) => s === 'comment'))).toBe(true)
  })

  for (const role of ['analyst', 'admin'])
    it(`gives the ${role} no hazards, only its notifications`, async () => {
      const w = await work(await t.as(role))
      expect(w).toMatchObject({ items: [], total: 0 })
      expect(Array.isArray(w.notifications)).toBe(true)
    })

  it('refuses the wall display, which has no work and reads aggregates only, with 403', async () => {
    expect((await (await t.as('wall')).get('/api/work')).status).toBe(403)
  })

  it('carries the unread notifications with the queue', async () => {
    const h = await hazardAt('assigned')
    await read(act(grid, h, { action: 'escalate', reason: '请会诊' }))
    const w = await work(safety)
    expect(w.unread).toBeGreaterThan(0)
    expect(w.notifications[0]).toMatchObject({ hazardId: h.id, readAt: null })
  })

  it(`uses today (${AS_OF}) for the countdown`, async () => {
    const h = await hazardAt('assessed')
    const { hazard } = await read<{ hazard: HazardProps }>(act(district, h, { action: 'assign', responsibleUnit: '农资店', responsiblePerson: '王立国', deadline: '2026-12-08' }))
    const item = (await work(grid, '?limit=2000')).items.find((i) => i.id === hazard.id)
    expect(item?.daysLeft).toBe(10)
  })
})
