/**
 * 挂牌督办 (listed supervision) and extensions (issue 13): who lists what, taking a listing down
 * only after close-out, extensions asked before the notice and decided by the listing unit, the
 * bulletin's section, and confidential titles withheld from uncleared readers of the list.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bulletin } from '../../../server/domain/contract/bulletins'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { ExtensionAnswer, SupervisionAnswer, SupervisionList } from '../../../server/domain/contract/supervision'
import { addDays } from '../../../server/domain/days'
import { unitNames } from '../../../server/domain/supervision'
import { chinaToday } from '../../../server/env'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardDetail, type HazardProps, areasOf, districtAccount, gridAccount, ok, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { act, expectRefused, hazardFactory } from '../support/walk'

let t: TestApp
let leader: Client
let grid: Client
let district: Client
let safety: Client
let police: Client
let analyst: Client
let village: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[5]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
  safety = await t.as('safety')
  police = await t.as('police')
  analyst = await t.as('analyst')
}, 120_000)
afterAll(() => t.close())

const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))
const store = () => t.services.store
const detail = (id: number, as = leader) => read<HazardDetail>(as.get(`/api/hazards/${id}`))
const list = (as: Client, h: { id: number }, body: unknown) => as.post(`/api/hazards/${h.id}/supervision`, body)
const closeListing = (as: Client, h: { id: number }, note = '已销号，予以摘牌') => as.post(`/api/hazards/${h.id}/supervision/close`, { note })
const ask = (as: Client, h: { id: number }, body: unknown) => as.post(`/api/hazards/${h.id}/extensions`, body)
const decide = (as: Client, h: { id: number }, eid: number, body: unknown) => as.post(`/api/hazards/${h.id}/extensions/${eid}/decision`, body)
const audits = (action: string) => store().audit.query({ action, limit: 1000 })
const notes = (username: string) => store().notifications.list(username, { limit: 100 }).map((n) => n.message)

/** Default major period (7 days) from the pinned today. */
const MAJOR_DEADLINE = addDays(AS_OF, 7)
const listing = (deadline: string, supervisingUnit = 'safety') => ({ supervisingUnit, deadline, reason: '重大火灾隐患，挂牌督办' })

describe('listing (挂牌)', () => {
  it('is refused for a hazard not assessed major, and for roles that do not list, changing nothing', async () => {
    const general = await hazardAt('assigned', 'general')
    expect((await expectRefused(leader, general, () => list(leader, general, listing(MAJOR_DEADLINE)), 422)).error.code).toBe('not_major')
    const major = await hazardAt('assigned', 'major')
    for (const as of [district, grid, analyst]) expect((await expectRefused(leader, major, () => list(as, major, listing(MAJOR_DEADLINE)), 403)).error.code).toBe('forbidden')
    // Another category's lead unit does not reach the hazard at all.
    expect((await expectRefused(leader, major, () => list(police, major, listing(MAJOR_DEADLINE)), 404)).error.code).toBe('not_found')
    const past = await expectRefused<FieldErrorBody>(leader, major, () => list(leader, major, listing(addDays(AS_OF, -1))), 400)
    expect(past.error.details).toEqual([{ field: 'deadline', message: 'in the past' }])
    const bad = await expectRefused<FieldErrorBody>(leader, major, () => list(leader, major, { supervisingUnit: 'mayor', deadline: MAJOR_DEADLINE, reason: '' }), 400)
    expect(bad.error.details!.map((d) => d.field).sort()).toEqual(['reason', 'supervisingUnit'])
    expect(store().supervision.forHazard(major.id)).toEqual([])
  })

  it('by the lead unit of the category lists in its own name; a second listing is 409', async () => {
    const major = await hazardAt('assigned', 'major')
    const answer = await read<SupervisionAnswer>(list(safety, major, listing(addDays(AS_OF, 10), 'town')), 201)
    expect(answer.supervision).toMatchObject({
      hazardId: major.id, listingUnit: 'safety', listedBy: 'safety', supervisingUnit: 'town', deadline: addDays(AS_OF, 10),
      reason: '重大火灾隐患，挂牌督办', closedAt: null, daysLeft: 10, onTime: null,
    })
    // The listing's deadline is later than the hazard's: the hazard keeps its own.
    expect(answer.hazardDeadline).toBe(MAJOR_DEADLINE)
    expect((await expectRefused(leader, major, () => list(leader, major, listing(MAJOR_DEADLINE)), 409)).error.code).toBe('already_listed')
  })

  it('by the leader lists for the town, brings the hazard’s deadline forward, tells the chain, the audit log and the responsible side', async () => {
    const major = await hazardAt('assigned', 'major')
    const deadline = addDays(AS_OF, 5)
    const answer = await read<SupervisionAnswer>(list(leader, major, listing(deadline)), 201)
    expect(answer.supervision.listingUnit).toBe('town')
    expect(answer.hazardDeadline).toBe(deadline)
    const d = await detail(major.id)
    expect(d.hazard.deadline).toBe(deadline)
    expect(d.hazard.version).toBe(major.version + 1)
    expect(d.events.at(-1)).toMatchObject({
      action: 'comment', actor: 'leader', from: 'assigned', to: 'assigned',
      note: `挂牌督办（镇领导小组挂牌，安监办督办，督办期限${deadline}）：重大火灾隐患，挂牌督办；整改期限由${MAJOR_DEADLINE}改为${deadline}`,
    })
    expect(d.supervision).toMatchObject({ id: answer.supervision.id, deadline, daysLeft: 5 })
    // The grid worker's queue marks it 督.
    const queue = await read<{ items: Array<{ id: number; listed?: boolean }> }>(grid.get('/api/work?limit=2000'))
    expect(queue.items.find((i) => i.id === major.id)!.listed).toBe(true)
    expect(queue.items.filter((i) => i.listed).every((i) => store().supervision.openFor(i.id) !== undefined)).toBe(true)
    expect(d.supervisionRights).toMatchObject({ list: false, close: false, ask: false, decide: false, lastDayToAsk: addDays(deadline, -3), noticeDays: 3 })
    expect(audits('supervision.list').find((a) => a.target === String(major.id))).toMatchObject({ username: 'leader', reason: null })
    const told = `隐患 ${major.code}「农资店消防器材过期」 已被镇领导小组挂牌督办，督办单位安监办，期限 ${deadline}`
    for (const who of [gridAccount(village.id), await districtAccount(t, village.parentId!), 'safety']) expect(notes(who)).toContain(told)
    expect(notes('leader')).not.toContain(told)
  })

  it('what each reader may do is in the hazard’s detail', async () => {
    const major = await hazardAt('assigned', 'major')
    expect((await detail(major.id, leader)).supervisionRights).toMatchObject({ list: true, close: false, ask: false, decide: false })
    expect((await detail(major.id, safety)).supervisionRights).toMatchObject({ list: true, ask: true })
    expect((await detail(major.id, grid)).supervisionRights).toEqual({ list: false, close: false, ask: true, decide: false, lastDayToAsk: addDays(MAJOR_DEADLINE, -3), noticeDays: 3 })
    expect((await detail(major.id, analyst)).supervisionRights).toMatchObject({ list: false, close: false, ask: false, decide: false })
  })
})

describe('taking a listing down (摘牌)', () => {
  it('only once the hazard is closed out, and only by the listing unit', async () => {
    const major = await hazardAt('assigned', 'major')
    const listed = await read<SupervisionAnswer>(list(leader, major, listing(MAJOR_DEADLINE)), 201)
    expect((await expectRefused(leader, major, () => closeListing(leader, major), 422)).error.code).toBe('not_closed_out')
    let h = (await ok(act(grid, await detail(major.id).then((d) => d.hazard), { action: 'start' }))).hazard
    h = (await ok(act(grid, h, { action: 'rectify', note: '已整改', noPhotoReason: '现场已拆除' }))).hazard
    h = (await ok(act(district, h, { action: 'verify', passed: true, note: '验收合格' }))).hazard
    expect(h.status).toBe('closed')
    // The lead unit did not list it: the town did.
    expect((await expectRefused(leader, h, () => closeListing(safety, h), 403)).error.code).toBe('forbidden')
    expect((await detail(h.id)).supervisionRights.close).toBe(true)
    const closed = await read<SupervisionAnswer>(closeListing(leader, h))
    expect(closed.supervision).toMatchObject({ id: listed.supervision.id, closedBy: 'leader', closeNote: '已销号，予以摘牌', daysLeft: null, onTime: true })
    expect((await detail(h.id)).events.at(-1)).toMatchObject({ action: 'comment', note: '摘牌（按期销号）：已销号，予以摘牌' })
    expect(audits('supervision.close').filter((a) => a.target === String(h.id))).toHaveLength(1)
    expect((await read<ErrorBody>(closeListing(leader, h), 422)).error.code).toBe('not_listed')
  })
})

describe('extensions (延期)', () => {
  it('asked before the notice and granted move the hazard’s and the listing’s deadline, with an event, an audit row and a notice to the asker', async () => {
    const major = await hazardAt('assigned', 'major')
    const listed = await read<SupervisionAnswer>(list(leader, major, listing(MAJOR_DEADLINE)), 201)
    const newDeadline = addDays(MAJOR_DEADLINE, 10)
    const asked = await read<ExtensionAnswer>(ask(grid, major, { newDeadline, reason: '需更换整套消防管网，工期较长' }), 201)
    expect(asked.extension).toMatchObject({
      hazardId: major.id, supervisionId: listed.supervision.id, requestedBy: gridAccount(village.id), oldDeadline: MAJOR_DEADLINE, newDeadline, decision: null,
    })
    expect(notes('leader')).toContain(`${gridAccount(village.id)} 申请隐患 ${major.code}「农资店消防器材过期」 整改期限由 ${MAJOR_DEADLINE} 延至 ${newDeadline}，待审批`)
    // One pending at a time, whoever asks.
    expect((await read<ErrorBody>(ask(district, major, { newDeadline, reason: '同上' }), 409)).error.code).toBe('pending')
    // The town listed it: not the lead unit, nor the one who asked, decides.
    expect((await read<ErrorBody>(decide(safety, major, asked.extension.id, { decision: 'granted', note: '同意' }), 403)).error.code).toBe('forbidden')
    expect((await read<ErrorBody>(decide(grid, major, asked.extension.id, { decision: 'granted', note: '同意' }), 403)).error.code).toBe('forbidden')
    expect((await detail(major.id, leader)).supervisionRights.decide).toBe(true)
    const version = (await detail(major.id)).hazard.version
    const granted = await read<ExtensionAnswer>(decide(leader, major, asked.extension.id, { decision: 'granted', note: '同意延期，按期完成' }))
    expect(granted.extension).toMatchObject({ decision: 'granted', decidedBy: 'leader', decisionNote: '同意延期，按期完成' })
    expect(granted.supervision!.deadline).toBe(newDeadline)
    expect(granted.hazardDeadline).toBe(newDeadline)
    const d = await detail(major.id)
    expect(d.hazard.deadline).toBe(newDeadline)
    expect(d.hazard.version).toBe(version + 1)
    expect(d.supervision!.deadline).toBe(newDeadline)
    expect(d.events.at(-1)).toMatchObject({ action: 'comment', actor: 'leader', note: `准予延期：整改期限由${MAJOR_DEADLINE}延至${newDeadline}。同意延期，按期完成` })
    expect(d.extensions).toHaveLength(1)
    expect(audits('extension.decide').find((a) => a.target === `${major.id}/${asked.extension.id}`)).toMatchObject({ username: 'leader', reason: 'granted' })
    expect(notes(gridAccount(village.id))).toContain(`隐患 ${major.code}「农资店消防器材过期」 的延期申请（至 ${newDeadline}）已准予：同意延期，按期完成`)
    expect((await read<ErrorBody>(decide(leader, major, asked.extension.id, { decision: 'refused', note: '改判' }), 409)).error.code).toBe('decided')
  })

  it('refused moves nothing: the hazard is unchanged, only the decision and its audit row are written', async () => {
    const major = await hazardAt('assigned', 'major')
    const asked = await read<ExtensionAnswer>(ask(district, major, { newDeadline: addDays(MAJOR_DEADLINE, 3), reason: '材料未到' }), 201)
    expect(asked.supervision).toBeNull()
    const before = await detail(major.id)
    // Not listed: the lead unit decides.
    const refused = await read<ExtensionAnswer>(decide(safety, major, asked.extension.id, { decision: 'refused', note: '期限内可完成' }))
    expect(refused.extension.decision).toBe('refused')
    expect(refused.hazardDeadline).toBe(MAJOR_DEADLINE)
    const after = await detail(major.id)
    expect(after.hazard).toEqual(before.hazard)
    expect(after.events).toEqual(before.events)
    expect(after.extensions[0]).toMatchObject({ decision: 'refused', decidedBy: 'safety' })
    expect(audits('extension.decide').find((a) => a.target === `${major.id}/${asked.extension.id}`)!.reason).toBe('refused')
  })

  it('the one who asked never decides, even where the role would', async () => {
    const major = await hazardAt('assigned', 'major')
    const asked = await read<ExtensionAnswer>(ask(safety, major, { newDeadline: addDays(MAJOR_DEADLINE, 3), reason: '需专业单位施工' }), 201)
    expect((await read<ErrorBody>(decide(safety, major, asked.extension.id, { decision: 'granted', note: '同意' }), 403)).error.code).toBe('four_eyes')
    expect((await detail(major.id, safety)).supervisionRights.decide).toBe(false)
    expect((await read<ExtensionAnswer>(decide(leader, major, asked.extension.id, { decision: 'granted', note: '同意' }))).hazardDeadline).toBe(addDays(MAJOR_DEADLINE, 3))
  })

  it('a late request (inside the notice) is 422 late and writes nothing', async () => {
    const major = await hazardAt('assigned', 'major')
    // The listing brings the deadline to two days from today: inside the three days' notice.
    const deadline = addDays(AS_OF, 2)
    await read(list(leader, major, listing(deadline)), 201)
    const asked = audits('extension.ask').length
    const body = await expectRefused<FieldErrorBody>(leader, major, () => ask(grid, major, { newDeadline: addDays(deadline, 5), reason: '来不及' }), 422)
    expect(body.error.code).toBe('late')
    expect(body.error.details).toEqual([{ field: 'newDeadline', message: `asked on ${AS_OF}, after the last day ${addDays(deadline, -3)}` }])
    expect(store().supervision.extensionsOf(major.id)).toEqual([])
    expect(audits('extension.ask')).toHaveLength(asked)
    expect((await detail(major.id, grid)).supervisionRights).toMatchObject({ ask: false, lastDayToAsk: addDays(deadline, -3) })
  })

  it('a new deadline not after the current one is 400 naming newDeadline; roles not responsible are 403', async () => {
    const major = await hazardAt('assigned', 'major')
    const body = await expectRefused<FieldErrorBody>(leader, major, () => ask(grid, major, { newDeadline: MAJOR_DEADLINE, reason: '同日' }), 400)
    expect(body.error.details).toEqual([{ field: 'newDeadline', message: `not after the current deadline ${MAJOR_DEADLINE}` }])
    for (const as of [leader, analyst]) expect((await read<ErrorBody>(ask(as, major, { newDeadline: addDays(MAJOR_DEADLINE, 1), reason: '试' }), 403)).error.code).toBe('forbidden')
    const unassigned = await hazardAt('assessed', 'major')
    expect((await read<ErrorBody>(ask(grid, unassigned, { newDeadline: MAJOR_DEADLINE, reason: '试' }), 422)).error.code).toBe('no_deadline')
  })
})

/** A confidential major hazard listed by its lead unit (set up below, read by the bulletin's test too). */
let secret: HazardProps

describe('GET /api/supervisions', () => {
  beforeAll(async () => {
    // A confidential major hazard (暴恐·重点人员), listed by its own lead unit.
    let h = (await ok(police.api.hazards.$post({ json: { category: 'violent_terror', item: 'key_persons', title: '涉恐重点人员异常聚集', source: 'routine', location: village.label } }), 201)).hazard
    h = (await ok(act(police, h, { action: 'assess', level: 'major', measures: '落实稳控' }))).hazard
    secret = h
    await read(list(police, h, { supervisingUnit: 'police', deadline: addDays(AS_OF, 9), reason: '涉恐人员稳控，挂牌督办' }), 201)
  })

  it('withholds a confidential hazard’s title and the listing’s text from an uncleared reader, and shows them to the cleared', async () => {
    const seen = (answer: SupervisionList) => answer.supervisions.find((x) => x.hazardId === secret.id)!
    const uncleared = seen(await read<SupervisionList>(analyst.get('/api/supervisions?state=open')))
    expect(uncleared.hazard).toMatchObject({ code: secret.code, title: '', generalised: true, category: 'violent_terror', level: 'major' })
    expect(uncleared).toMatchObject({ reason: '', listedBy: '', listingUnit: 'police', supervisingUnit: 'police', deadline: addDays(AS_OF, 9), daysLeft: 9 })
    const cleared = seen(await read<SupervisionList>(police.get('/api/supervisions?state=open')))
    expect(cleared.hazard).toMatchObject({ title: '涉恐重点人员异常聚集', generalised: false })
    expect(cleared.reason).toBe('涉恐人员稳控，挂牌督办')
    expect(audits('list_supervisions').at(0)).toMatchObject({ username: 'police' })
  })

  it('answers only listings in reach, by state and month; the wall is 403; a bad month is 400', async () => {
    const all = await read<SupervisionList>(leader.get('/api/supervisions'))
    expect(all.today).toBe(AS_OF)
    const safetyOnly = await read<SupervisionList>(safety.get('/api/supervisions'))
    expect(safetyOnly.supervisions.every((x) => x.hazard.category === 'safety_accident')).toBe(true)
    expect(safetyOnly.supervisions.length).toBe(all.supervisions.filter((x) => x.hazard.category === 'safety_accident').length)
    const open = await read<SupervisionList>(leader.get('/api/supervisions?state=open'))
    expect(open.supervisions.every((x) => x.closedAt === null)).toBe(true)
    const closed = await read<SupervisionList>(leader.get('/api/supervisions?state=closed'))
    expect(closed.supervisions.every((x) => x.closedAt !== null)).toBe(true)
    expect(open.supervisions.length + closed.supervisions.length).toBe(all.supervisions.length)
    // Listings are stamped by the clock, not the pinned day: this month's, and the month before's.
    const thisMonth = chinaToday().slice(0, 7)
    const now = await read<SupervisionList>(leader.get(`/api/supervisions?month=${thisMonth}`))
    expect(now.supervisions.map((x) => x.hazardId)).toContain(secret.id)
    const before = await read<SupervisionList>(leader.get(`/api/supervisions?month=${addDays(`${thisMonth}-01`, -1).slice(0, 7)}`))
    expect(before.supervisions.map((x) => x.hazardId)).not.toContain(secret.id)
    expect((await (await t.as('wall')).get('/api/supervisions')).status).toBe(403)
    expect((await read<FieldErrorBody>(leader.get('/api/supervisions?month=2026-13'), 400)).error.details![0]!.field).toBe('month')
  })
})

describe('the demo’s listings and the bulletin’s 挂牌督办 section', () => {
  const seeded = () => store().supervision.list({}).filter((r) => r.listedBy === 'leader' ? r.reason.startsWith('重大隐患，整改难度大') : r.reason === '重大隐患，牵头单位挂牌督办')

  it('the demo has a listing still open (deadline ahead), one closed on time, two extensions granted and one refused, deadlines as granted', () => {
    const [open, closed] = [seeded().find((r) => r.closedAt === null)!, seeded().find((r) => r.closedAt !== null)!]
    expect(open).toMatchObject({ listingUnit: 'town', listedBy: 'leader' })
    expect(open.listedAt < new Date(Date.parse(`${AS_OF}T00:00:00+08:00`)).toISOString()).toBe(true)
    expect(open.deadline > AS_OF).toBe(true)
    const openHazard = store().hazards.get(open.hazardId)!
    expect(openHazard.level).toBe('major')
    expect(openHazard.deadline).toBe(open.deadline)
    const closedHazard = store().hazards.get(closed.hazardId)!
    expect(closedHazard.status).toBe('closed')
    expect(closedHazard.closedAt! <= closed.deadline).toBe(true)
    const seededExtensions = store().supervision.extensionsOfMany(store().supervision.list({}).map((r) => r.hazardId))
      .filter((e) => e.requestedAt < new Date(Date.parse(`${AS_OF}T00:00:00+08:00`)).toISOString())
    const granted = seededExtensions.filter((e) => e.decision === 'granted')
    expect(granted.map((e) => e.hazardId).sort()).toEqual([open.hazardId, closed.hazardId].sort())
    for (const e of granted) expect(store().hazards.get(e.hazardId)!.deadline).toBe(e.newDeadline)
    const refused = store().supervision.extensionsOfMany(store().hazards.getMany([...Array(3000).keys()].map((i) => i + 1)).map((h) => h.id))
      .filter((e) => e.decision === 'refused' && e.requestedBy.startsWith('grid-') && e.reason === '村里人手不足，申请延期半个月')
    expect(refused).toHaveLength(1)
    expect(store().hazards.get(refused[0]!.hazardId)!.deadline).toBe(refused[0]!.oldDeadline)
  })

  it('lists the month’s listings and the listings taken down, with units, deadline and result', async () => {
    const [open, closed] = [seeded().find((r) => r.closedAt === null)!, seeded().find((r) => r.closedAt !== null)!]
    const h = store().hazards.get(open.hazardId)!
    const listedIn = await read<Bulletin>(analyst.get(`/api/bulletins/${chinaToday(new Date(open.listedAt)).slice(0, 7)}`))
    expect(listedIn.supervision!.listed).toContainEqual(expect.objectContaining({
      hazardId: h.id, code: h.code, title: h.title, confidential: false, listingUnit: 'town', listingUnitName: '镇领导小组',
      supervisingUnit: h.leadUnit, listedOn: chinaToday(new Date(open.listedAt)), deadline: open.deadline, closedOn: null, onTime: null,
    }))
    const c = store().hazards.get(closed.hazardId)!
    const takenDown = addDays(c.closedAt!, 2)
    const month = await read<Bulletin>(analyst.get(`/api/bulletins/${takenDown.slice(0, 7)}`))
    expect(month.supervision!.closed).toContainEqual(expect.objectContaining({
      hazardId: c.id, code: c.code, listingUnit: c.leadUnit, supervisingUnit: c.leadUnit, deadline: closed.deadline, closedOn: takenDown, onTime: true,
    }))
    const html = await (await analyst.get(`/api/bulletins/${takenDown.slice(0, 7)}?format=html`)).text()
    expect(html).toContain('<h2>挂牌督办</h2>')
    expect(html).toContain(c.code)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await (await analyst.get(`/api/bulletins/${takenDown.slice(0, 7)}?format=xlsx`)).arrayBuffer())
    const rows = (wb.getWorksheet('挂牌督办')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1))
    expect(rows[0]).toEqual(['类别', '隐患编号', '隐患', '村庄', '挂牌单位', '督办单位', '挂牌日期', '督办期限', '摘牌日期', '完成情况'])
    expect(rows).toContainEqual(['当月摘牌', c.code, c.title, store().areas.get(c.villageId)!.name, unitNames[c.leadUnit].zh, unitNames[c.leadUnit].zh,
      chinaToday(new Date(closed.listedAt)), closed.deadline, takenDown, '按期'])
  })
})
