import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bulletin } from '../../../server/domain/contract/bulletins'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import type { Services } from '../../../server/services/context'
import { itemCode } from '../../../server/services/ledger/codes'
import { issueWarnings } from '../../../server/services/warnings/engine'
import type { Client, TestApp } from '../support/app'
import { ok, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { fakeDetect, hotSpot, overdue, placeOf } from './signals'

/**
 * /api/warnings (issue 14) through the typed client: scopes as for hazards, a confidential item
 * withheld from the uncleared, the wall's summary only, the lifecycle's 403/404/409/422, ?asOf=.
 */

let t: TestApp
let s: Services
const ids: Record<'fire' | 'other' | 'secret' | 'district' | 'early', number> = { fire: 0, other: 0, secret: 0, district: 0, early: 0 }
let village: string
let otherVillage: string
let fireHazard: number
let secretHazard: number
let districtUser: string
/** The open counts and the 预警响应率 figures before the test's warnings (the demo has warnings of its own: server/seed/warnings.ts). */
let baseOpen: Record<string, number>
let baseFigures: Map<string, [number, number]>

/** The first hazard of an item in the ledger index, and its village. */
function hazardOf(item: string): { id: number; villageId: string } {
  const c = s.ledger.columns
  const code = itemCode.get(item)!
  for (let i = 0; i < c.n; i++)
    if (c.item[i] === code) return { id: c.id[i]!, villageId: s.ledger.areas.ancestorAt(s.ledger.areas.grids[c.grid[i]!]!.id, 'village')!.id }
  throw new Error(`no ${item} hazard`)
}

beforeAll(async () => {
  t = await openSeededApp()
  s = t.services
  const secret = hazardOf('key_persons')
  village = secret.villageId
  secretHazard = secret.id
  const fire = s.ledger.columns
  fireHazard = (() => {
    for (let i = 0; i < fire.n; i++)
      if (fire.item[i] === itemCode.get('fire') && s.ledger.areas.ancestorAt(s.ledger.areas.grids[fire.grid[i]!]!.id, 'village')!.id === village) return fire.id[i]!
    return hazardOf('fire').id
  })()
  const place = placeOf(s, village)
  otherVillage = s.ledger.areas.byLevel.get('village')!.find((v) => v.id !== village && v.parentId !== place.districtId)!.id
  districtUser = s.store.users.list().find((u) => u.role === 'district' && u.areaId === place.districtId)!.username
  const leader = await t.as('leader')
  baseOpen = (await ok(leader.api.warnings.$get({ query: {} }))).open
  baseFigures = new Map()
  for (const level of ['unit', 'district'] as const)
    for (const r of (await ok(leader.api.scorecards.$get({ query: { month: '2026-11', level } }))).rows) {
      const v = r.indicators.find((i) => i.id === 'warning_response')!
      baseFigures.set(`${level}:${r.id}`, [v.numerator, v.denominator])
    }
  const early = await issueWarnings(s, '2026-11-20', fakeDetect(() => [hotSpot(s, { key: 'early', category: 'safety_accident', item: 'road_traffic' }, village)]))
  ids.early = early.issued[0]!.id
  const { issued } = await issueWarnings(s, '2026-11-28', fakeDetect(() => [
    hotSpot(s, { evidence: [fireHazard] }, village),
    hotSpot(s, { key: 'other' }, otherVillage),
    hotSpot(s, { key: 'secret', level: 'orange', ruleId: 'R4', category: 'violent_terror', item: 'key_persons', evidence: [secretHazard], responsible: { kind: 'lead_unit', id: 'police' } }, village),
    overdue(s, {}, village),
    hotSpot(s, { key: 'early', category: 'safety_accident', item: 'road_traffic' }, village),
  ]))
  ;[ids.fire, ids.other, ids.secret, ids.district] = issued.map((w) => w.id) as [number, number, number, number]
}, 120_000)
afterAll(() => t.close())

/** The test's own warnings of a list, apart from the demo's. */
const ours = <W extends { id: number }>(ws: readonly W[]) => ws.filter((w) => Object.values(ids).includes(w.id))
const plus = (base: Record<string, number>, add: Record<string, number>) => Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v + (add[k] ?? 0)]))
const list = async (who: string, query: Record<string, string> = {}) => {
  const answer = await ok((await t.as(who)).api.warnings.$get({ query }))
  return { ...answer, warnings: ours(answer.warnings) }
}
const detail = async (who: string, id: number) => (await t.as(who)).api.warnings[':id'].$get({ param: { id: String(id) } })
const act = async (who: string | Client, id: number, json: Parameters<Client['api']['warnings'][':id']['actions']['$post']>[0]['json']) =>
  (typeof who === 'string' ? await t.as(who) : who).api.warnings[':id'].actions.$post({ param: { id: String(id) }, json })

describe('reading warnings', () => {
  it('the leader reads every warning, most severe first, with the open counts by level', async () => {
    const all = await list('leader')
    expect(all.warnings.map((w) => w.id)).toEqual([ids.district, ids.secret, ids.other, ids.fire, ids.early])
    expect(all.open).toEqual(plus(baseOpen, { red: 1, orange: 1, yellow: 3 }))
    const fire = all.warnings.find((w) => w.id === ids.fire)!
    expect([fire.item, fire.evidence, fire.responsible.name, fire.responseDeadline, fire.area.cells.length, fire.internalNotice]).toEqual(['fire', [fireHazard], '安监办', '2026-12-05', 3, false])
    expect(fire.may).toEqual(['acknowledge', 'note', 'raise', 'lower', 'lift'])
    expect(all.warnings.find((w) => w.id === ids.secret)!.internalNotice).toBe(true)
  })

  it('gives the most urgent first `limit` of them, and counts them all', async () => {
    const leader = await t.as('leader')
    const full = await ok(leader.api.warnings.$get({ query: {} }))
    const two = await ok(leader.api.warnings.$get({ query: { limit: '2' } }))
    expect(full.total).toBe(full.warnings.length)
    expect([two.total, two.warnings.map((w) => w.id), two.open]).toEqual([full.total, full.warnings.slice(0, 2).map((w) => w.id), full.open])
    const bad = await leader.api.warnings.$get({ query: { limit: '0' } })
    expect([bad.status, JSON.stringify(await bad.json())]).toEqual([400, expect.stringContaining('limit')])
  })

  it('a grid worker never sees another village’s warning, and reads none as its own to act on', async () => {
    const grid = `grid-${village}`
    const own = await list(grid)
    expect(own.warnings.map((w) => w.id).sort()).toEqual([ids.fire, ids.secret, ids.early].sort())
    expect(own.warnings.every((w) => w.may.length === 0)).toBe(true)
    expect((await detail(grid, ids.other)).status).toBe(404)
    expect((await read<ErrorBody>(act(grid, ids.fire, { action: 'acknowledge' }), 403)).error.code).toBe('forbidden')
  })

  it('a reader not cleared for a confidential item gets the category only: no item, no evidence, the village not the cells', async () => {
    for (const who of [districtUser, `grid-${village}`, 'analyst']) {
      const res = await detail(who, ids.secret)
      const text = await res.clone().text()
      const w = await ok(Promise.resolve(res))
      expect([w.category, w.item, w.evidence, w.area.kind, w.area.id], who).toEqual(['violent_terror', null, [], 'village', village])
      expect(text, who).not.toContain('重点人员')
      expect(text, who).not.toContain('key_persons')
      // The hazard's id as a JSON number anywhere (a list item or a field's value), not digits inside a time.
      expect(text, who).not.toMatch(new RegExp(`(?:[\\[,]|":)${secretHazard}(?![\\d.])`))
    }
    const cleared = await ok(detail('police', ids.secret))
    expect([cleared.item, cleared.evidence, cleared.area.kind]).toEqual(['key_persons', [secretHazard], 'cells'])
    expect(cleared.reason.zh).toContain('重点人员')
    // Read in full, it is audited as a confidential hazard's reading is; generalised readings are not.
    const code = cleared.code
    expect(s.store.audit.list(100).filter((a) => a.action === 'read_warning' && a.target === code).map((a) => a.username)).toEqual(['police'])
  })

  it('a lead unit reads its category’s warnings and its own unit’s, not another’s', async () => {
    expect((await list('police')).warnings.map((w) => w.id)).toEqual([ids.secret])
    expect((await detail('police', ids.fire)).status).toBe(404)
    expect((await list('safety', { mine: 'true' })).warnings.map((w) => w.id)).toEqual([ids.other, ids.fire, ids.early])
  })

  it('filters by level, category, detector, status and area', async () => {
    const q = async (query: Record<string, string>) => (await list('leader', query)).warnings.map((w) => w.id)
    expect(await q({ level: 'red,orange' })).toEqual([ids.district, ids.secret])
    expect(await q({ category: 'violent_terror' })).toEqual([ids.secret])
    expect(await q({ detector: 'overdue' })).toEqual([ids.district])
    expect(await q({ area: otherVillage })).toEqual([ids.other])
    expect((await q({ area: placeOf(s, village).districtId })).sort()).toEqual([ids.district, ids.fire, ids.secret, ids.early].sort())
    expect((await q({ status: 'open' })).length).toBe(5)
    const bad = await read<FieldErrorBody>((await t.as('leader')).get('/api/warnings?level=purple'), 400)
    expect(bad.error.details?.[0]?.field).toMatch(/^level/)
  })
})

describe('the wall', () => {
  it('gets only the summary: counts by level, the red and orange as area + category + level', async () => {
    const wall = await t.as('wall')
    expect((await wall.get('/api/warnings')).status).toBe(403)
    expect((await wall.get(`/api/warnings/${ids.fire}`)).status).toBe(403)
    expect((await wall.get('/api/warnings/rules')).status).toBe(403)
    const summary = await ok(wall.api.warnings.summary.$get())
    expect(summary.open).toEqual(plus(baseOpen, { red: 1, orange: 1, yellow: 3 }))
    const open = await list('leader', { status: 'open' })
    expect(summary.urgent.length).toBe(summary.open.red + summary.open.orange)
    for (const u of summary.urgent) expect(Object.keys(u).sort()).toEqual(['areaName', 'areaNameEn', 'at', 'category', 'cells', 'level'])
    expect(open.warnings.length).toBe(5)
    // The confidential one is placed at its village, as a generalised hazard is.
    const secret = summary.urgent.filter((u) => u.category === 'violent_terror' && u.areaName === s.ledger.areas.byId.get(village)!.name)
    expect(secret.map((u) => [u.level, u.cells.length])).toContainEqual(['orange', s.ledger.areas.gridsInside(village).length])
    expect(JSON.stringify(summary)).not.toContain('key_persons')
  })
})

describe('acting on a warning', () => {
  it('the analyst reads only; another unit is told it is not found', async () => {
    expect((await act('analyst', ids.fire, { action: 'acknowledge' })).status).toBe(403)
    expect((await act('police', ids.fire, { action: 'acknowledge' })).status).toBe(404)
  })

  it('walks 签收 → 处置中 → 解除, each step audited, refusing what the state does not allow', async () => {
    const safety = await t.as('safety')
    const early = await read<{ error: { code: string; message: string } }>(act(safety, ids.fire, { action: 'respond', note: '已部署' }), 409)
    expect(early.error.message).toBe('Acknowledge (签收) the warning first.')
    const acked = await ok(act(safety, ids.fire, { action: 'acknowledge' }))
    expect([acked.status, acked.may]).toEqual(['acknowledged', ['respond', 'note', 'link', 'raise', 'lower', 'lift']])
    expect((await read<FieldErrorBody>(act(safety, ids.fire, { action: 'respond' }), 422)).error.details?.[0]?.field).toBe('note')
    expect((await read<FieldErrorBody>(act(safety, ids.fire, { action: 'raise', note: '升级', level: 'blue' }), 422)).error.details?.[0]?.field).toBe('level')
    expect((await read<FieldErrorBody>(act(safety, ids.fire, { action: 'link', hazardIds: [99_999_999] }), 422)).error.details?.[0]?.field).toBe('hazardIds')
    const responding = await ok(act(safety, ids.fire, { action: 'respond', note: '已组织专项检查', hazardIds: [fireHazard] }))
    expect([responding.status, responding.actions.at(-1)!.hazardIds, responding.actions.at(-1)!.note]).toEqual(['responding', [fireHazard], '已组织专项检查'])
    const raised = await ok(act(safety, ids.fire, { action: 'raise', note: '涉及人员密集场所', level: 'orange' }))
    expect([raised.level, raised.detectedLevel]).toEqual(['orange', 'yellow'])
    expect((await read<FieldErrorBody>(act(safety, ids.fire, { action: 'lift' }), 422)).error.details?.[0]?.field).toBe('note')
    const lifted = await ok(act(safety, ids.fire, { action: 'lift', note: '隐患已整改销号' }))
    expect([lifted.status, lifted.liftReason, lifted.may]).toEqual(['lifted', '隐患已整改销号', []])
    expect(lifted.actions.map((a) => [a.action, a.actor])).toEqual([['issue', 'system'], ['acknowledge', 'safety'], ['respond', 'safety'], ['raise', 'safety'], ['lift', 'safety']])
    expect((await read<ErrorBody>(act(safety, ids.fire, { action: 'note', note: '补充' }), 409)).error.code).toBe('wrong_state')
    const code = lifted.code
    expect(s.store.audit.list(50).filter((a) => a.target === code).map((a) => [a.action, a.username, a.reason]).reverse()).toEqual([
      ['warning.issue', 'system', null], ['warning.acknowledge', 'safety', null], ['warning.respond', 'safety', null],
      ['warning.raise', 'safety', null], ['warning.lift', 'safety', null],
    ])
  })

  it('the district acts on its own; the leader on any, and the unit is told', async () => {
    expect((await ok(act(districtUser, ids.district, { action: 'acknowledge' }))).status).toBe('acknowledged')
    const lowered = await ok(act('leader', ids.district, { action: 'lower', note: '已安排专人盯办', level: 'orange' }))
    expect(lowered.level).toBe('orange')
    const told = s.store.notifications.list(districtUser, { limit: 1 })[0]!
    expect([told.warningId, told.message]).toEqual([ids.district, `预警 ${lowered.code} 等级调整为橙色（leader）`])
  })
})

describe('as of a past day', () => {
  it('lists the warnings issued by then, each in its state then', async () => {
    const then = await list('leader', { asOf: '2026-11-27' })
    expect(then.warnings.map((w) => [w.id, w.status, w.may])).toEqual([[ids.early, 'issued', []]])
    expect((await list('leader', { asOf: '2026-11-19' })).warnings).toEqual([])
    const now = await list('leader', { asOf: '2026-11-28' })
    expect(now.warnings.find((w) => w.id === ids.fire)!.status).toBe('lifted')
    const bad = await read<FieldErrorBody>((await t.as('leader')).get('/api/warnings?asOf=2026-12-01'), 400)
    expect(bad.error.details?.[0]?.field).toBe('asOf')
  })
})

describe('the rule table and the calendar', () => {
  it('cites the versioned rules and the days to respond', async () => {
    const rules = await ok((await t.as('analyst')).api.warnings.rules.$get())
    expect([rules.version, rules.responseDays, rules.rules.length]).toEqual(['YJ-2026.1', { red: 1, orange: 3, yellow: 7, blue: 15 }, 10])
  })

  it('the administrator edits the calendar as a new version, audited; others may not', async () => {
    const before = await ok((await t.as('leader')).api.warnings.calendar.$get())
    expect([before.version, before.entries.length]).toEqual([0, 6])
    const entries = [{ id: 'flood', zh: '汛期防汛', en: 'Flood season', from: '06-01', to: '09-15', leadDays: 10, items: ['natural_disasters'] }]
    expect((await (await t.as('leader')).api.warnings.calendar.$put({ json: { entries, reason: '调整汛期' } })).status).toBe(403)
    const twice = await read<FieldErrorBody>((await t.as('admin')).api.warnings.calendar.$put({ json: { entries: [...entries, ...entries], reason: '重复' } }), 400)
    expect(twice.error.details?.[0]?.field).toBe('entries.1.id')
    const saved = await ok((await t.as('admin')).api.warnings.calendar.$put({ json: { entries, reason: '调整汛期' } }))
    expect([saved.version, saved.updatedBy, saved.entries]).toEqual([1, 'admin', entries])
    expect(s.store.audit.list(5).find((a) => a.action === 'warning.calendar')).toMatchObject({ target: 'v1', reason: '调整汛期' })
  })
})

describe('the monthly bulletin', () => {
  it('lists the month’s warnings, responses and lifts as they stand, a confidential item by its category only', async () => {
    const bulletin = await read<Bulletin>((await t.as('district-1')).get('/api/bulletins/2026-11'))
    const codes = new Set((await list('leader')).warnings.map((w) => w.code))
    const rows = bulletin.warnings!.filter((w) => codes.has(w.code))
    expect(rows.map((w) => [w.issuedOn, w.level, w.status, w.responses, w.liftedOn])).toEqual([
      ['2026-11-20', 'yellow', 'issued', 0, null],
      ['2026-11-28', 'orange', 'lifted', 1, '2026-11-28'],
      ['2026-11-28', 'yellow', 'issued', 0, null],
      ['2026-11-28', 'orange', 'issued', 0, null],
      ['2026-11-28', 'orange', 'acknowledged', 0, null],
    ])
    expect(rows[1]!.liftReason).toBe('隐患已整改销号')
    const secret = rows.find((w) => w.category === 'violent_terror')!
    expect([secret.areaName, secret.responsibleName]).toEqual([s.ledger.areas.byId.get(village)!.name, '派出所'])
    expect(JSON.stringify(rows)).not.toContain('重点人员')
    expect(secret.reason).toContain('暴力恐怖事件类隐患')
  })
})

describe('the scorecards’ 预警响应率', () => {
  it('counts the month’s warnings to a unit or district: acknowledged by the deadline, over those answered or past it', async () => {
    const leader = await t.as('leader')
    /** The figure less what it was before the test's warnings. */
    const figure = async (level: 'unit' | 'district', id: string) => {
      const { rows } = await ok(leader.api.scorecards.$get({ query: { month: '2026-11', level } }))
      const v = rows.find((r) => r.id === id)!.indicators.find((i) => i.id === 'warning_response')!
      const [n, d] = baseFigures.get(`${level}:${id}`)!
      return [v.numerator - n, v.denominator - d]
    }
    // Safety: the fire warning acknowledged in time; the early one never and past its deadline; the other still within its own.
    expect(await figure('unit', 'safety')).toEqual([1, 2])
    expect(await figure('unit', 'police')).toEqual([0, 0])
    expect(await figure('district', placeOf(s, village).districtId)).toEqual([1, 1])
    const drill = await ok(leader.api.scorecards.records.$get({ query: { month: '2026-11', level: 'unit', id: 'safety', measure: 'warning_response' } }))
    expect(drill.records.filter((r) => Object.values(ids).includes(Number(r.id))).map((r) => [r.kind, r.date, r.counted, r.note])).toEqual([
      ['warning', '2026-11-20', false, 'not_acknowledged_in_time'],
      ['warning', '2026-11-28', true, 'acknowledged_in_time'],
    ])
  })
})
