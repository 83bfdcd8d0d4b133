import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { Traceback, TracebackFlag } from '../../../server/domain/contract/traceback'
import { addDays, toDay } from '../../../server/domain/days'
import type { PostRecord } from '../../../server/store/types'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { districtAccount, gridAccount, ok, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let leader: Client
const store = () => t.services.store

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
}, SEEDING)
afterAll(() => t.close())

const trace = (as: Client, query: Record<string, string>, status = 200) => read<Traceback>(as.get(`/api/traceback?${new URLSearchParams(query)}`), status)
const refused = (as: Client, query: Record<string, string>, status: number) => read<FieldErrorBody>(as.get(`/api/traceback?${new URLSearchParams(query)}`), status)
const flagsOf = (tb: Traceback, kind: TracebackFlag['kind']) => tb.flags.filter((f) => f.kind === kind)
const flag = (kind: TracebackFlag['kind'], f: Partial<TracebackFlag>): TracebackFlag => ({ kind, hazardIds: [], inspectionIds: [], check: null, amount: null, timeliness: null, ...f })
const labelOf = (village: string) => store().areas.get(village)!.label

/** A hazard reported through the API by a village's grid worker (or whoever `as` is), at a point. */
async function report(as: Client, location: [number, number], extra: Record<string, unknown> = {}): Promise<number> {
  const body = { category: 'safety_accident', item: 'fire', title: '倒查测试：楼道堆放杂物', location, source: 'routine', ...extra }
  return (await read<{ hazard: { id: number } }>(as.post('/api/hazards', body), 201)).hazard.id
}

describe('the demo ledger', () => {
  // First, while the seed is untouched: the page has something true to show for every flag.
  it('holds, near its key sites, a place for each of the five flags', async () => {
    const seen = new Map<TracebackFlag['kind'], string>()
    for (const site of store().sites.list()) {
      const tb = await trace(leader, { site: site.id, radius: '500', months: '6' })
      for (const f of tb.flags) if (!seen.has(f.kind)) seen.set(f.kind, site.id)
      if (seen.size === 5) break
    }
    expect([...seen.keys()].sort()).toEqual(['false_closeout', 'late_report', 'missed', 'overdue', 'unchecked'])
  })
})

describe('the five flags, each from a scenario built through the API or found in the seed', () => {
  it('未查: a due check not done is flagged with its index, and recording it clears the flag and shows the record', async () => {
    // A village whose self-check lapsed in November (the seed lets some villages lapse for weeks).
    const { missed } = await ok(leader.api['check-plans'].missed.$get({ query: { period: '2026-11-15', bucket: 'month', level: 'village' } }))
    const lapse = missed.find((m) => m.kind === 'self_check')!
    const at = labelOf(lapse.villageId!).join(',')
    const before = await trace(leader, { at, months: '1' })
    const index = before.checks.findIndex((c) => c.kind === 'self_check' && c.start === lapse.start && c.subjectId === lapse.villageId)
    expect(before.checks[index]).toMatchObject({ done: false, records: [] })
    // Every check not done is flagged, and nothing else is.
    expect(flagsOf(before, 'unchecked')).toEqual(before.checks.flatMap((c, i) => (c.done ? [] : [flag('unchecked', { check: i })])))

    const grid = await t.as(gridAccount(lapse.villageId!))
    const { inspection } = await ok(grid.api.inspections.$post({ json: { source: 'routine', areaId: lapse.villageId!, date: lapse.start, inspectors: '倒查测试自查组', hazardsFound: 0 } }), 201)
    const after = await trace(leader, { at, months: '1' })
    expect(after.checks[index]).toMatchObject({ done: true, records: [{ id: inspection.id, date: lapse.start, inspectors: '倒查测试自查组', hazardsFound: 0, generalised: false }] })
    expect(flagsOf(after, 'unchecked').map((f) => f.check)).not.toContain(index)
    expect(flagsOf(after, 'unchecked')).toHaveLength(flagsOf(before, 'unchecked').length - 1)

    // 漏查: that self-check found nothing, and three days later the district's round found a hazard there.
    const district = await t.as(await districtAccount(t, store().areas.get(lapse.villageId!)!.parentId!))
    const spot: [number, number] = [labelOf(lapse.villageId!)[0] + 0.0003, labelOf(lapse.villageId!)[1]]
    const found = await report(district, spot, { source: 'concentrated', discoveredAt: addDays(lapse.start, 3) })
    const near = await trace(leader, { at: spot.join(','), radius: '20', months: '1' })
    expect(near.hazards.map((h) => h.hazard.id)).toContain(found)
    expect(flagsOf(near, 'missed')).toContainEqual(flag('missed', { hazardIds: [found], inspectionIds: [inspection.id] }))
    // A hazard the village itself found is no one's miss.
    const own = await report(grid, spot, { discoveredAt: addDays(lapse.start, 3) })
    expect(flagsOf(await trace(leader, { at: spot.join(','), radius: '20', months: '1' }), 'missed').filter((f) => f.hazardIds.includes(own))).toEqual([])
  })

  it('超期: a seeded hazard past its deadline and still being rectified, by the days to today', async () => {
    const page = await ok(leader.api.hazards.$get({ query: { overdue: 'true', limit: '1' } }))
    const h = page.features[0]!.properties
    const tb = await trace(leader, { hazard: String(h.id) })
    expect(flagsOf(tb, 'overdue').filter((f) => f.hazardIds[0] === h.id)).toEqual([flag('overdue', { hazardIds: [h.id], amount: toDay(AS_OF) - toDay(h.deadline!) })])
  })

  it('虚假销号: a hazard closed out today and the same item back at the same spot the same day', async () => {
    const village = store().areas.list('village')[5]!
    const spot: [number, number] = [village.label[0] - 0.0004, village.label[1] + 0.0002]
    const grid = await t.as(gridAccount(village.id))
    const district = await t.as(await districtAccount(t, village.parentId!))
    // Fixed on the spot, with the reason for no after-photo; the district verifies it: closed out.
    const closed = await report(grid, spot, { onTheSpot: { note: '当场清理杂物', noPhotoReason: '手机无法拍照' } })
    const version = store().hazards.get(closed)!.version
    await ok(district.api.hazards[':id'].actions.$post({ param: { id: String(closed) }, json: { action: 'verify', version, passed: true, note: '现场核实已清理' } }))
    expect(store().hazards.get(closed)!.status).toBe('closed')
    const back = await report(grid, spot)
    const tb = await trace(leader, { hazard: String(back), radius: '50' })
    expect(flagsOf(tb, 'false_closeout')).toEqual([flag('false_closeout', { hazardIds: [closed, back], amount: 0 })])
    // The whole chain of the closed one, with the actors' names.
    const chain = tb.hazards.find((h) => h.hazard.id === closed)!.events
    expect(chain.map((e) => [e.action, e.actorName])).toEqual([
      ['report', `${village.name}网格员`], ['rectify', `${village.name}网格员`], ['verify', store().users.byUsername((await ok(district.api.auth.me.$get())).user.username)!.name],
    ])
    expect(chain.at(-1)!.note).toBe('现场核实已清理')
  })

  it('迟报: a report beyond the limit is late, one beyond the concealment limit concealed (瞒报), by the hours between; one within it is not flagged', async () => {
    const village = store().areas.list('village')[7]!
    const grid = await t.as(gridAccount(village.id))
    const spot: [number, number] = [village.label[0] + 0.0005, village.label[1] - 0.0003]
    const at = (date: string, time: string) => `${date}T${time}+08:00`
    // Found at 08:00 two days ago, reported 48 hours later (the limit is 24): late.
    const late = await report(grid, spot, { foundAt: at(addDays(AS_OF, -3), '08:00:00'), reportedAt: at(addDays(AS_OF, -1), '08:00:00') })
    // Reported the same evening: on time.
    const onTime = await report(grid, spot, { foundAt: at(addDays(AS_OF, -1), '08:00:00'), reportedAt: at(addDays(AS_OF, -1), '20:00:00') })
    // Found three weeks ago (at 09:00 of its day) and reported now: held back beyond 7 days.
    const concealed = await report(grid, spot, { discoveredAt: addDays(AS_OF, -21) })
    const tb = await trace(leader, { at: spot.join(','), radius: '10' })
    const mine = new Set([late, onTime, concealed])
    const delay = (id: number) => tb.hazards.find((h) => h.hazard.id === id)!.reportDelayHours
    expect(tb.hazards.find((h) => h.hazard.id === concealed)!.hazard.foundAt).toBe(at(addDays(AS_OF, -21), '09:00:00'))
    expect(delay(late)).toBe(48)
    expect(delay(onTime)).toBe(12)
    expect(delay(concealed)).toBeGreaterThan(20 * 24)
    // In the order the hazards were found.
    expect(flagsOf(tb, 'late_report').filter((f) => mine.has(f.hazardIds[0]!))).toEqual([
      flag('late_report', { hazardIds: [concealed], amount: delay(concealed), timeliness: 'concealed' }),
      flag('late_report', { hazardIds: [late], amount: 48, timeliness: 'late' }),
    ])
  })
})

describe('the posts as they stood on the date', () => {
  it('name the grid worker before and after a replacement', async () => {
    const byCell = new Map<string, PostRecord[]>()
    for (const r of store().posts.list({ kind: 'grid_worker' })) byCell.set(r.placeId, [...(byCell.get(r.placeId) ?? []), r])
    const [old, now] = [...byCell.values()].find((rs) => rs.length === 2)!
    const cell = store().areas.get(old!.placeId)!
    // A point inside the cell: its label.
    const at = cell.label.join(',')
    const holderOn = async (date: string) => (await trace(leader, { at, date })).posts.find((p) => p.kind === 'grid_worker')!
    expect((await holderOn(old!.validTo!)).holder).toMatchObject({ id: old!.id, holder: { name: old!.name }, from: old!.validFrom, to: old!.validTo })
    expect((await holderOn(now!.validFrom)).holder).toMatchObject({ id: now!.id, holder: { name: now!.name }, from: now!.validFrom, to: null })
    const tb = await trace(leader, { at, date: now!.validFrom })
    expect(tb.posts.map((p) => p.kind)).toEqual(['grid_worker', 'district_head', ...(tb.place.site ? ['site_head'] : []), 'lead_unit_head', 'lead_unit_head', 'lead_unit_head', 'lead_unit_head'])
    expect(tb.place.grid).toEqual({ id: cell.id, name: cell.name })
  })
})

describe('who may run it, and what each sees', () => {
  it('a lead unit sees its own category only, and is refused another category’s hazard', async () => {
    const safety = await t.as('safety')
    const site = store().sites.list()[0]!
    const tb = await trace(safety, { site: site.id, months: '6', radius: '2000' })
    expect(tb.category).toBe('safety_accident')
    expect(tb.hazards.length).toBeGreaterThan(0)
    expect(new Set(tb.hazards.map((h) => h.hazard.category))).toEqual(new Set(['safety_accident']))
    expect(tb.checks.every((c) => c.category === null || c.category === 'safety_accident')).toBe(true)
    expect(tb.posts.filter((p) => p.kind === 'lead_unit_head').map((p) => p.place)).toEqual(['safety'])
    const leaderView = await trace(leader, { site: site.id, months: '6', radius: '2000' })
    expect(leaderView.hazards.length).toBeGreaterThan(tb.hazards.length)
    const other = leaderView.hazards.find((h) => h.hazard.category !== 'safety_accident')!
    await refused(safety, { hazard: String(other.hazard.id) }, 403)
  })

  it('the analyst gets a confidential hazard generalised (no text, no actors, no place), the leader in full', async () => {
    const page = await ok(leader.api.hazards.$get({ query: { category: 'violent_terror', limit: '1' } }))
    const id = String(page.features[0]!.id)
    const full = await trace(leader, { hazard: id })
    const analyst = await trace(await t.as('analyst'), { hazard: id })
    const mine = (tb: Traceback) => tb.hazards.find((h) => String(h.hazard.id) === id)!
    expect(mine(full).hazard.generalised).toBe(false)
    expect(mine(full).hazard.title).not.toBe('')
    expect(mine(analyst).hazard).toMatchObject({ generalised: true, title: '', description: '', reportedBy: '' })
    expect(mine(analyst).metres).toBeNull()
    expect(mine(analyst).events.every((e) => e.actor === '' && e.actorName === '' && e.note === null)).toBe(true)
    expect(analyst.place.grid).toBeNull()
    expect(analyst.posts.map((p) => p.kind)).not.toContain('grid_worker')
    // The leader's full read of confidential text is audited as a list of it is.
    expect(store().audit.query({ action: 'list_hazards', username: 'leader', limit: 1 })[0]!.target).toContain(id)
  })

  it('the wall, a district officer, a village and the administrator are refused', async () => {
    for (const who of ['wall', 'district-1', 'admin', gridAccount(store().areas.list('village')[0]!.id)])
      await refused(await t.as(who), { hazard: '1' }, 403)
  })

  it('every run is audited with the place and the date, the export too', async () => {
    const site = store().sites.list()[2]!
    const tb = await trace(leader, { site: site.id, date: '2026-10-01' })
    expect(store().audit.query({ action: 'traceback.run', limit: 1 })[0]).toMatchObject({ username: 'leader', target: `site:${site.id}@2026-10-01` })
    expect(tb.ranBy).toEqual({ name: '领导小组', username: 'leader' })
    const res = await leader.get(`/api/traceback/export?site=${site.id}&date=2026-10-01`)
    expect(res.status).toBe(200)
    expect(store().audit.query({ action: 'traceback.export', limit: 1 })[0]).toMatchObject({ username: 'leader', target: `site:${site.id}@2026-10-01` })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['岗位', '排查', '隐患', '标记'])
    expect(wb.getWorksheet('岗位')!.getCell('B2').value).toBe('2026-10-01')
    expect(wb.getWorksheet('岗位')!.getCell('B3').value).toBe('领导小组（leader）')
    expect(wb.getWorksheet('排查')!.rowCount).toBe(5 + tb.checks.reduce((n, c) => n + Math.max(1, c.records.length), 0))
  })
})

describe('bad questions', () => {
  it('400 naming the field, 404 for an unknown site or hazard', async () => {
    const field = async (query: Record<string, string>) => (await refused(leader, query, 400)).error.details!.map((d) => d.field)
    expect(await field({})).toEqual(['at'])
    expect(await field({ at: '117.1', date: AS_OF })).toEqual(['at'])
    expect(await field({ at: '1,2', site: 'x' })).toEqual(['site'])
    expect(await field({ hazard: '1', radius: '5000' })).toEqual(['radius'])
    expect(await field({ hazard: '1', months: '13' })).toEqual(['months'])
    expect(await field({ hazard: '1', date: '2026-13-01' })).toEqual(['date'])
    expect(await field({ hazard: '1', date: addDays(AS_OF, 1) })).toEqual(['date'])
    expect(await field({ at: '0,0' })).toEqual(['at'])
    await refused(leader, { site: 'no-such-site' }, 404)
    await refused(leader, { hazard: '99999999' }, 404)
  })
})
