import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { Bulletin } from '../../../server/domain/contract/bulletins'
import type { ScorecardRow } from '../../../server/domain/contract/scorecards'
import { isConfidential } from '../../../server/domain/categories'
import { deductionIds, defaultIndicatorTable, indicatorIds, measureIds } from '../../../server/domain/scorecards'
import type { TestApp } from '../support/app'
import { districtAccount, gridAccount, ok, queryOf, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/**
 * Scorecards (考核) through the API on the seeded demo town (today 28 November 2026): reach by role,
 * the wall's allowance, October frozen with its bulletin and unchanged by a later edit, every figure
 * equal to its drill-down, the indicator table, the workbook. Exact scores are counted by hand on a
 * small fixture in tests/server/domain/scorecards.test.ts.
 */

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

const get = async (user: string, query: string) => ok((await t.as(user)).api.scorecards.$get({ query: queryOf(query) }))
const status = async (user: string, path: string) => (await (await t.as(user)).get(path)).status

describe('reach', () => {
  it('the bulletin’s readers and the admin read every row of every level', async () => {
    const villages = t.services.ledger.areas.byLevel.get('village')!.length
    const districts = t.services.ledger.areas.byLevel.get('district')!.length
    for (const user of ['leader', 'analyst', 'admin', 'police', 'district-1']) {
      expect((await get(user, 'level=village&month=2026-11')).rows).toHaveLength(villages)
      expect((await get(user, 'level=district&month=2026-11')).rows).toHaveLength(districts)
      expect((await get(user, 'level=unit&month=2026-11')).rows.map((r) => r.id).sort()).toEqual(['governance', 'masswork', 'police', 'safety'])
    }
  })

  it('a village reads its own row only, and no other level', async () => {
    const village = t.services.ledger.areas.byLevel.get('village')![3]!
    const answer = await get(gridAccount(village.id), 'level=village&month=2026-11')
    expect(answer.rows.map((r) => r.id)).toEqual([village.id])
    expect(await status(gridAccount(village.id), '/api/scorecards?level=district')).toBe(403)
    expect(await status(gridAccount(village.id), '/api/scorecards?level=unit')).toBe(403)
  })

  it('the wall reads the districts’ scores and nothing else of the scorecards', async () => {
    const answer = await get('wall', 'level=district')
    expect(answer.rows).toHaveLength(t.services.ledger.areas.byLevel.get('district')!.length)
    for (const path of ['/api/scorecards?level=village', '/api/scorecards?level=unit', '/api/scorecards/indicators', '/api/scorecards/export?level=district',
      `/api/scorecards/records?month=2026-11&level=district&id=${answer.rows[0]!.id}&measure=coverage`])
      expect([path, await status('wall', path)]).toEqual([path, 403])
  })

  it('drill-downs stay inside the reader’s reach of records', async () => {
    const [d1, d2] = t.services.ledger.areas.byLevel.get('district')!
    const inD1 = t.services.ledger.areas.byLevel.get('village')!.find((v) => v.parentId === d1!.id)!
    const inD2 = t.services.ledger.areas.byLevel.get('village')!.find((v) => v.parentId === d2!.id)!
    const officer = await districtAccount(t, d1!.id)
    const drill = (level: string, id: string) => `/api/scorecards/records?month=2026-11&level=${level}&id=${id}&measure=coverage`
    expect(await status(officer, drill('district', d1!.id))).toBe(200)
    expect(await status(officer, drill('village', inD1.id))).toBe(200)
    expect(await status(officer, drill('district', d2!.id))).toBe(403)
    expect(await status(officer, drill('village', inD2.id))).toBe(403)
    expect(await status('police', drill('unit', 'police'))).toBe(200)
    expect(await status('police', drill('unit', 'safety'))).toBe(403)
    expect(await status(gridAccount(inD1.id), drill('village', inD1.id))).toBe(200)
    expect(await status(gridAccount(inD1.id), drill('village', inD2.id))).toBe(403)
  })
})

describe('refusals', () => {
  it('a month not begun, before the campaign, or malformed: 400 naming month', async () => {
    for (const month of ['2026-12', '2020-01', '2026-13', 'November']) {
      const body = await read<FieldErrorBody>((await t.as('leader')).get(`/api/scorecards?month=${month}`), 400)
      expect([month, body.error.details?.map((d) => d.field)]).toEqual([month, ['month']])
    }
  })

  it('a drill-down of no such row: 400 naming id', async () => {
    const body = await read<FieldErrorBody>((await t.as('leader')).get('/api/scorecards/records?month=2026-11&level=village&id=nowhere&measure=coverage'), 400)
    expect(body.error.details?.map((d) => d.field)).toEqual(['id'])
  })
})

/** Every figure of every row of a month and level against the records its drill-down lists. */
async function drillsAgree(month: string, level: 'village' | 'district' | 'unit', rows: readonly ScorecardRow[]) {
  const leader = await t.as('leader')
  const mismatches: string[] = []
  for (const row of rows)
    for (const measure of measureIds) {
      const d = await ok(leader.api.scorecards.records.$get({ query: { month, level, id: row.id, measure } }))
      const figure = row.indicators.find((i) => i.id === measure)
      const counted = d.records.filter((r) => r.counted).length
      const want = figure ? [figure.numerator, figure.denominator] : [row.deductions.find((x) => x.id === measure)!.count, row.deductions.find((x) => x.id === measure)!.count]
      const got = figure ? [counted, d.records.length] : [d.records.length, d.records.length]
      if (want.join() !== got.join() || d.numerator !== want[0] || d.denominator !== got[1]) mismatches.push(`${level} ${row.id} ${measure}: ${want} ≠ ${got}`)
    }
  return mismatches
}

describe('drill-down', () => {
  it('every figure of every row, at every level, equals the number of its records (November)', async () => {
    for (const level of ['village', 'district', 'unit'] as const) {
      const answer = await get('leader', `level=${level}&month=2026-11`)
      expect(await drillsAgree('2026-11', level, answer.rows)).toEqual([])
    }
  }, 120_000)

  it('a confidential hazard’s title is withheld from a reader not cleared for it', async () => {
    const query = { month: '2026-11', level: 'unit' as const, id: 'police', measure: 'rectified_on_time' as const }
    const analystView = await ok((await t.as('analyst')).api.scorecards.records.$get({ query }))
    const leaderView = await ok((await t.as('leader')).api.scorecards.records.$get({ query }))
    expect(leaderView.records.map((r) => r.id)).toEqual(analystView.records.map((r) => r.id))
    const hazardOf = (id: number | null) => t.services.store.hazards.get(id!)!
    const secret = analystView.records.filter((r) => isConfidential(hazardOf(r.hazardId).item))
    expect(secret.length).toBeGreaterThan(0)
    for (const r of secret) expect(r.label).toBe(hazardOf(r.hazardId).code)
    for (const r of leaderView.records) expect(r.label).toBe(`${hazardOf(r.hazardId).code} ${hazardOf(r.hazardId).title}`)
  })
})

describe('frozen with the bulletin', () => {
  it('October is published with its bulletin; a later edit leaves the published figures and shows the recomputed ones beside them', async () => {
    const before = await get('leader', 'level=village&month=2026-10')
    expect(before.frozen).toBe(true)
    expect(before.frozenAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(before.rows.every((r) => r.recomputed === null)).toBe(true)
    expect(await drillsAgree('2026-10', 'village', before.rows.slice(0, 3))).toEqual([])

    // The bulletin ranks the same figures: its districts and units, its red list.
    const bulletin = await read<Bulletin>((await t.as('leader')).get('/api/bulletins/2026-10'))
    const districts = await get('leader', 'level=district&month=2026-10')
    expect(bulletin.scorecards!.districts.map((r) => [r.id, r.score, r.rank])).toEqual(districts.rows.map((r) => [r.id, r.score, r.rank]))
    expect(bulletin.scorecards!.redList.filter((r) => r.level === 'village').map((r) => r.id).sort()).toEqual(before.rows.filter((r) => r.redList).map((r) => r.id).sort())

    // A self-check recorded late for a week that had none (one that found something: a quiet one could make 漏报 of later finds).
    const leader = await t.as('leader')
    let row: ScorecardRow | undefined
    let missed: { date: string } | undefined
    for (const r of before.rows) {
      const records = (await ok(leader.api.scorecards.records.$get({ query: { month: '2026-10', level: 'village', id: r.id, measure: 'coverage' } }))).records
      missed = records.find((x) => !x.counted && x.id.startsWith('self_check:'))
      row = r
      if (missed) break
    }
    if (!row || !missed) throw new Error('the demo has no missed self-check in October')
    const res = await (await t.as(gridAccount(row.id))).post('/api/inspections', { source: 'routine', areaId: row.id, date: missed.date, inspectors: '网格员', checked: '补录自查', hazardsFound: 1 })
    expect(res.status).toBe(201)

    const after = await get('leader', 'level=village&month=2026-10')
    const published = after.rows.find((r) => r.id === row.id)!
    expect({ ...published, recomputed: null }).toEqual(row)
    expect(published.recomputed!.indicators[0]).toMatchObject({ id: 'coverage', numerator: row.indicators[0]!.numerator + 1, denominator: row.indicators[0]!.denominator })
    expect(published.recomputed!.score!).toBeGreaterThan(row.score!)
    // Only that row moved; the bulletin is as published.
    expect(after.rows.filter((r) => r.recomputed !== null).map((r) => r.id)).toEqual([row.id])
    const again = await read<Bulletin>((await t.as('leader')).get('/api/bulletins/2026-10'))
    expect(again.scorecards).toEqual(bulletin.scorecards)
  })
})

describe('the indicator table', () => {
  const input = {
    weights: { coverage: 40, rectified_on_time: 20, reported_on_time: 10, verified_on_time: 10, supervision_done: 10, warning_response: 10 },
    points: { overdue: 1, late_report: 5, missed_report: 5, concealed_report: 20, false_close_out: 5 },
    redLine: 70,
  }

  it('is the default until the admin sets one', async () => {
    expect(await ok((await t.as('district-1')).api.scorecards.indicators.$get())).toEqual(defaultIndicatorTable)
  })

  it('only the admin sets it; a refusal changes nothing', async () => {
    for (const user of ['leader', 'analyst', 'police', 'district-1']) {
      const res = await (await t.as(user)).api.scorecards.indicators.$put({ json: input })
      expect([user, res.status]).toEqual([user, 403])
    }
    const admin = await t.as('admin')
    for (const [body, field] of [
      [{ ...input, weights: { ...input.weights, coverage: -1 } }, 'weights.coverage'],
      [{ ...input, weights: { ...input.weights, extra: 5 } }, 'weights.extra'],
      [{ ...input, redLine: 101 }, 'redLine'],
      [{ ...input, version: 9 }, 'version'],
      [{ ...input, weights: Object.fromEntries(indicatorIds.map((id) => [id, 0])) }, 'weights'],
    ] as const) {
      const res = await admin.raw('/api/scorecards/indicators', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
      const answer = await read<FieldErrorBody>(res, 400)
      expect([field, answer.error.details?.map((d) => d.field)]).toEqual([field, [field]])
    }
    expect(await ok(admin.api.scorecards.indicators.$get())).toEqual(defaultIndicatorTable)
    expect(t.services.store.audit.list(20).filter((e) => e.action === 'scorecards.table')).toEqual([])
  })

  it('the admin’s table is the next version, audited, and scores the running month; a published month keeps its own', async () => {
    const before = await get('leader', 'level=district&month=2026-11')
    const admin = await t.as('admin')
    expect(await ok(admin.api.scorecards.indicators.$put({ json: input }))).toEqual({ ...input, version: 2 })
    expect(t.services.store.audit.list(5).find((e) => e.action === 'scorecards.table')).toMatchObject({ username: 'admin', target: 'v2' })
    const after = await get('leader', 'level=district&month=2026-11')
    expect(after.table).toEqual({ ...input, version: 2 })
    const row = after.rows[0]!
    expect(row.indicators.find((i) => i.id === 'coverage')!.weight).toBe(40)
    expect(row.deductions.find((d) => d.id === 'concealed_report')!.points).toBe(row.deductions.find((d) => d.id === 'concealed_report')!.count * 20)
    expect(after.rows.map((r) => r.indicators[0]!.effectiveWeight)).not.toEqual(before.rows.map((r) => r.indicators[0]!.effectiveWeight))
    expect((await get('leader', 'level=district&month=2026-10')).table.version).toBe(1)
  })
})

describe('the workbook', () => {
  it('one row a place with each indicator’s numerator, denominator and rate, and the table on a second sheet', async () => {
    const res = await (await t.as('leader')).get('/api/scorecards/export?month=2026-11&level=district')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('pingan-scorecards-2026-11-district.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考核得分 2026-11 管区', '指标表'])
    const answer = await get('leader', 'level=district&month=2026-11')
    const sheet = wb.worksheets[0]!
    expect(sheet.rowCount).toBe(answer.rows.length + 1)
    const first = answer.rows[0]!
    const cells = (sheet.getRow(2).values as unknown[]).slice(1)
    expect(cells.slice(0, 5)).toEqual([first.rank, first.name, first.indicators[0]!.numerator, first.indicators[0]!.denominator, first.indicators[0]!.rate])
    expect(cells[2 + 3 * indicatorIds.length + 2 * deductionIds.length]).toBe(first.score)
    expect(wb.worksheets[1]!.rowCount).toBe(1 + indicatorIds.length + deductionIds.length + 3)
  })
})
