import { afterEach, describe, expect, it } from 'vitest'
import type { NewExtension, NewPostRecord, NewSupervision } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { hazard, smallTown } from './duties-fixture'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const post = (over: Partial<NewPostRecord>): NewPostRecord => ({
  kind: 'grid_worker', placeId: 'g-01', name: '张三', phone: '13800000000', username: null, validFrom: '2026-01-01',
  createdBy: 'admin', createdAt: '2026-01-01T08:00:00Z', ...over,
})

describe('the store (each adapter): posts held over time', () => {
  it('keeps each holder’s record, closes it, and answers who held a post on a day', async () => {
    open = await openBareStore()
    const { posts } = open.store
    const first = posts.insert(post({ name: '张三' }))
    expect(first).toEqual({ ...post({ name: '张三' }), id: first.id, validTo: null })
    posts.close(first.id, '2026-03-31')
    const second = posts.insert(post({ name: '李四', phone: null, username: 'lisi', validFrom: '2026-04-01' }))
    const head = posts.insert(post({ kind: 'district_head', placeId: 'd1', name: '王五', validFrom: '2026-02-01' }))
    const other = posts.insert(post({ placeId: 'g-02', name: '赵六' }))

    expect(posts.list({}).map((p) => p.id)).toEqual([head.id, first.id, second.id, other.id])
    expect(posts.list({ kind: 'grid_worker', placeIds: ['g-01'] })).toEqual([{ ...first, validTo: '2026-03-31' }, second])
    expect(posts.list({ placeIds: [] })).toEqual([])
    expect(posts.holdersOn('2026-03-31', { kind: 'grid_worker' }).map((p) => p.name)).toEqual(['张三', '赵六'])
    expect(posts.holdersOn('2026-04-01', { placeIds: ['g-01', 'd1'] }).map((p) => p.name)).toEqual(['王五', '李四'])
    expect(posts.holdersOn('2025-12-31', {})).toEqual([])
  })

  it('refuses a record that ends before it starts', async () => {
    open = await openBareStore()
    const { posts } = open.store
    expect(() => posts.insert(post({ validFrom: '2026-05-01', validTo: '2026-04-30' }))).toThrow()
    const p = posts.insert(post({ validFrom: '2026-05-01' }))
    expect(() => posts.close(p.id, '2026-04-30')).toThrow()
    expect(posts.list({})).toEqual([p])
  })
})

describe('the store (each adapter): scorecards', () => {
  it('freezes a month once: a second freeze keeps the first body', async () => {
    open = await openBareStore()
    const { scorecards } = open.store
    expect(scorecards.get('2026-10')).toBeUndefined()
    const first = { month: '2026-10', frozenAt: '2026-11-01T00:00:00Z', body: '{"units":[{"id":"police","score":91.5}]}' }
    expect(scorecards.freeze(first)).toEqual(first)
    expect(scorecards.freeze({ ...first, frozenAt: '2026-11-02T00:00:00Z', body: '{}' })).toEqual(first)
    expect(scorecards.get('2026-10')).toEqual(first)
  })

  it('reads quiet self-checks, the lead units’ accounts and the hazards they reported', async () => {
    open = await openBareStore()
    const { store } = open
    smallTown(store, [hazard(1, '2026-10-03', 'police1'), hazard(2, '2026-10-20', 'grid1'), hazard(3, '2026-11-02', 'police1'), hazard(4, '2026-10-31', 'safety1')])
    const user = (username: string, role: 'lead_unit' | 'grid', leadUnit: 'police' | 'safety' | null) =>
      store.users.insert({ username, name: username, role, areaId: role === 'grid' ? 'v1' : null, leadUnit, passwordHash: 'x' })
    user('police1', 'lead_unit', 'police')
    user('grid1', 'grid', null)
    user('safety1', 'lead_unit', 'safety')
    const check = (id: number, date: string, over: { source?: 'routine' | 'focused'; hazardsFound?: number; villageId?: boolean } = {}) => ({
      id, source: over.source ?? 'routine', areaId: over.villageId === false ? 'd1' : 'v1', date, inspectors: '张三', checked: '全村',
      findings: null, hazardsFound: over.hazardsFound ?? 0, createdBy: 'grid1',
    })
    store.inspections.insertMany([
      check(1, '2026-10-05'), check(2, '2026-10-01'), check(3, '2026-10-06', { hazardsFound: 2 }), check(4, '2026-10-07', { source: 'focused' }),
      check(5, '2026-10-08', { villageId: false }), check(6, '2026-11-01'), check(7, '2026-10-01'),
    ])
    expect(store.scorecards.quietSelfChecks('2026-10-01', '2026-10-31')).toEqual([
      { id: 2, villageId: 'v1', date: '2026-10-01' }, { id: 7, villageId: 'v1', date: '2026-10-01' }, { id: 1, villageId: 'v1', date: '2026-10-05' },
    ])
    expect(store.scorecards.unitAccounts()).toEqual(new Map([['police1', 'police'], ['safety1', 'safety']]))
    // in no particular order: the scorecards make a map of it
    const reports = store.scorecards.unitReports('2026-10-01', '2026-10-31').sort((x, y) => x.hazardId - y.hazardId)
    expect(reports).toEqual([{ hazardId: 1, unit: 'police' }, { hazardId: 4, unit: 'safety' }])
  })
})

const listing = (hazardId: number, listedAt: string, over: Partial<NewSupervision> = {}): NewSupervision => ({
  hazardId, listingUnit: 'town', listedBy: 'leader', listedAt, supervisingUnit: 'safety', deadline: '2026-12-31', reason: '重大隐患', ...over,
})
const request = (hazardId: number, supervisionId: number | null, requestedAt: string): NewExtension => ({
  hazardId, supervisionId, requestedBy: 'district1', requestedAt, reason: '材料未到', oldDeadline: '2026-12-31', newDeadline: '2027-01-31',
})

describe('the store (each adapter): listed supervision and extensions', () => {
  it('keeps one open listing per hazard, takes it down once, and lists by state, events and deadline', async () => {
    open = await openBareStore()
    const { store } = open
    smallTown(store, [hazard(1, '2026-09-01', 'grid1'), hazard(2, '2026-09-02', 'grid1'), hazard(3, '2026-09-03', 'grid1')])
    const { supervision } = store
    const a = supervision.insert(listing(1, '2026-10-01T02:00:00.000Z'))
    expect(a).toEqual({ ...listing(1, '2026-10-01T02:00:00.000Z'), id: a.id, closedAt: null, closedBy: null, closeNote: null })
    expect(() => supervision.insert(listing(1, '2026-10-02T02:00:00.000Z'))).toThrow()
    const b = supervision.insert(listing(2, '2026-10-15T02:00:00.000Z', { listingUnit: 'police', deadline: '2026-11-15' }))
    const c = supervision.insert(listing(3, '2026-10-15T02:00:00.000Z'))

    expect(supervision.close(a.id, '2026-11-03T01:00:00.000Z', 'leader', '已整改')).toBe(true)
    expect(supervision.close(a.id, '2026-11-04T01:00:00.000Z', 'leader', 'again')).toBe(false)
    const closedA = { ...a, closedAt: '2026-11-03T01:00:00.000Z', closedBy: 'leader', closeNote: '已整改' }
    expect(supervision.get(a.id)).toEqual(closedA)
    expect(supervision.openFor(1)).toBeUndefined()
    const again = supervision.insert(listing(1, '2026-11-10T02:00:00.000Z'))
    expect(supervision.openFor(1)).toEqual(again)
    expect(supervision.forHazard(1)).toEqual([again, closedA])
    supervision.setDeadline(b.id, '2026-11-30')
    const movedB = { ...b, deadline: '2026-11-30' }

    const ids = (f: Parameters<typeof supervision.list>[0]) => supervision.list(f).map((r) => r.id)
    expect(ids({})).toEqual([again.id, c.id, b.id, a.id])
    expect(ids({ state: 'open' })).toEqual([again.id, c.id, b.id])
    expect(ids({ state: 'closed' })).toEqual([a.id])
    expect(ids({ eventsFrom: '2026-11-01T00:00:00.000Z', eventsTo: '2026-12-01T00:00:00.000Z' })).toEqual([again.id, a.id])
    expect(ids({ eventsFrom: '2026-10-15T00:00:00.000Z' })).toEqual([again.id, c.id, b.id, a.id])
    expect(ids({ deadlineFrom: '2026-11-01', deadlineTo: '2026-11-30' })).toEqual([b.id])
    expect(supervision.list({ deadlineTo: '2026-11-30', state: 'open' })).toEqual([movedB])
    expect(supervision.get(999)).toBeUndefined()
  })

  it('keeps extension requests newest first and records one decision on each', async () => {
    open = await openBareStore()
    const { store } = open
    smallTown(store, [hazard(1, '2026-09-01', 'grid1'), hazard(2, '2026-09-02', 'grid1')])
    const { supervision } = store
    const listed = supervision.insert(listing(1, '2026-10-01T02:00:00.000Z'))
    const first = supervision.insertExtension(request(1, listed.id, '2026-10-05T02:00:00.000Z'))
    expect(first).toEqual({ ...request(1, listed.id, '2026-10-05T02:00:00.000Z'), id: first.id, decision: null, decidedBy: null, decidedAt: null, decisionNote: null })
    const second = supervision.insertExtension(request(2, null, '2026-10-06T02:00:00.000Z'))
    const third = supervision.insertExtension(request(1, listed.id, '2026-10-07T02:00:00.000Z'))
    expect(() => supervision.insertExtension({ ...request(1, null, '2026-10-08T02:00:00.000Z'), newDeadline: '2026-12-01' })).toThrow()

    expect(supervision.decide(first.id, 'refused', 'leader', '2026-10-06T03:00:00.000Z', '理由不足')).toBe(true)
    expect(supervision.decide(first.id, 'granted', 'leader', '2026-10-06T04:00:00.000Z', 'changed my mind')).toBe(false)
    const decided = { ...first, decision: 'refused', decidedBy: 'leader', decidedAt: '2026-10-06T03:00:00.000Z', decisionNote: '理由不足' }
    expect(supervision.extension(first.id)).toEqual(decided)
    expect(supervision.extension(999)).toBeUndefined()
    expect(supervision.extensionsOf(1)).toEqual([third, decided])
    expect(supervision.extensionsOfMany([1, 2]).map((e) => e.id)).toEqual([third.id, second.id, first.id])
    expect(supervision.extensionsOfMany([2, 7])).toEqual([second])
    expect(supervision.extensionsOfMany([])).toEqual([])
  })
})
