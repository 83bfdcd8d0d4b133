import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { chinaToday } from '../../../server/env'
import type { Bulletin, BulletinRow } from '../../../server/domain/contract/bulletins'
import { computeBulletin } from '../../../server/services/bulletins'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardDetail, type HazardFeature, areasOf, gridAccount, listAll, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let analyst: Client
let hazards: HazardFeature[]
let villages: AreaProperties[]
/** escalation day (in China) per escalated hazard, read from each one's history */
const escalatedOn = new Map<number, string>()

beforeAll(async () => {
  t = await openSeededApp()
  analyst = await t.as('analyst')
  hazards = await listAll(analyst)
  villages = await areasOf(analyst, 'village')
  for (const f of hazards.filter((h) => h.properties.escalated)) {
    const { events } = await read<HazardDetail>(analyst.get(`/api/hazards/${f.id}`))
    const e = events.find((x) => x.action === 'escalate')
    if (e) escalatedOn.set(f.id, chinaToday(new Date(e.at)))
  }
}, SEEDING)
afterAll(() => t.close())

const bulletin = (month: string, as = analyst) => read<Bulletin>(as.get(`/api/bulletins/${month}`))
const lastDay = (month: string) => new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).toISOString().slice(0, 10)
const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000)

/** A village's figures for a month, computed here from the hazard list and the coverage API, independently of the bulletin. */
async function expected(month: string) {
  const start = `${month}-01`
  const end = lastDay(month) < AS_OF ? lastDay(month) : AS_OF
  const halves = [start, `${month}-16`].filter((d) => d <= end)
  const inspected = new Map<string, number>()
  for (const period of halves) {
    const cov = await read<{ villages: Array<{ villageId: string; inspected: boolean }> }>(analyst.get(`/api/stats/coverage?period=${period}`))
    for (const v of cov.villages) if (v.inspected) inspected.set(v.villageId, (inspected.get(v.villageId) ?? 0) + 1)
  }
  const per = new Map(villages.map((v) => [v.id, { found: 0, closed: 0, openAtStart: 0, overdue: 0, escalated: 0 }]))
  for (const { id, properties: h } of hazards) {
    const row = per.get(h.villageId)!
    const closedOn = h.status === 'closed' ? (h.closedAt ?? h.discoveredAt) : null
    const rectifiedAt = (h as unknown as { rectifiedAt: string | null }).rectifiedAt
    if (h.discoveredAt > end) continue
    if (h.discoveredAt >= start) row.found++
    else if (!closedOn || closedOn >= start) row.openAtStart++
    if (closedOn && closedOn >= start && closedOn <= end) row.closed++
    if (h.deadline && h.deadline < end && (!closedOn || closedOn > end) && (!rectifiedAt || rectifiedAt > end)) row.overdue++
    const esc = escalatedOn.get(id)
    if (esc && esc >= start && esc <= end) row.escalated++
  }
  return new Map(
    [...per].map(([id, r]) => [id, { ...r, closeRate: rate(r.closed, r.openAtStart + r.found), coverage: rate(inspected.get(id) ?? 0, halves.length) }]),
  )
}

const figures = (r: BulletinRow) => ({ found: r.found, closed: r.closed, openAtStart: r.openAtStart, overdue: r.overdue, escalated: r.escalated, closeRate: r.closeRate, coverage: r.coverage })

/** Ranks are 1-based, ordered, and follow the stated rule: fewer overdue, higher close rate, higher coverage; ties share. */
function expectRanked(rows: BulletinRow[]) {
  const key = (r: BulletinRow) => [r.overdue, -(r.closeRate ?? 1), -(r.coverage ?? 0)]
  expect(rows[0]!.rank).toBe(1)
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [key(rows[i - 1]!), key(rows[i]!)]
    const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!
    expect(cmp).toBeLessThanOrEqual(0)
    expect(rows[i]!.rank).toBe(cmp === 0 ? rows[i - 1]!.rank : i + 1)
  }
}

describe('the figures of a past month (2026-10)', () => {
  let b: Bulletin
  beforeAll(async () => {
    b = await bulletin('2026-10')
  })

  it('are per village exactly what the ledger’s lists and coverage say', async () => {
    const want = await expected('2026-10')
    expect(b.villages).toHaveLength(villages.length)
    for (const row of b.villages) expect(figures(row), row.name).toEqual(want.get(row.areaId))
  })

  it('add up per district and for the town', () => {
    for (const d of b.districts) {
      const mine = b.villages.filter((v) => v.districtId === d.areaId)
      for (const k of ['found', 'closed', 'openAtStart', 'overdue', 'escalated'] as const) expect(d[k], `${d.name} ${k}`).toBe(mine.reduce((s, v) => s + v[k], 0))
      expect(d.closeRate).toBe(rate(d.closed, d.openAtStart + d.found))
    }
    for (const k of ['found', 'closed', 'openAtStart', 'overdue', 'escalated'] as const) expect(b.town[k]).toBe(b.districts.reduce((s, d) => s + d[k], 0))
    expect(b.town.found).toBe(hazards.filter((h) => h.properties.discoveredAt.startsWith('2026-10')).length)
  })

  it('rank districts and villages by the stated rule', () => {
    expectRanked(b.districts)
    expectRanked(b.villages)
    expect(b.ranking.zh).toContain('逾期')
  })

  it('name the most overdue hazards first, and the month’s escalations', () => {
    expect(b.topOverdue.length).toBeGreaterThan(0)
    const days = b.topOverdue.map((i) => i.daysOverdue!)
    expect(days).toEqual([...days].sort((x, y) => y - x))
    const end = Date.parse('2026-10-31')
    const overdueDays = hazards
      .map((h) => h.properties as typeof h.properties & { rectifiedAt: string | null })
      .filter((h) => h.deadline && h.deadline < '2026-10-31' && h.discoveredAt <= '2026-10-31' && !(h.closedAt && h.closedAt <= '2026-10-31') && !(h.rectifiedAt && h.rectifiedAt <= '2026-10-31'))
      .map((h) => Math.round((end - Date.parse(h.deadline!)) / 864e5))
    expect(b.topOverdue).toHaveLength(Math.min(10, b.town.overdue))
    expect(b.topOverdue[0]!.daysOverdue).toBe(Math.max(...overdueDays))
    expect(b.topEscalated.length).toBe(Math.min(10, b.town.escalated))
    for (const i of b.topEscalated) expect(i.escalatedOn! >= '2026-10-01' && i.escalatedOn! <= '2026-10-31').toBe(true)
  })

  it('show each overdue hazard as it stood at the month’s end: not yet rectified, whatever happened since', () => {
    const open = ['reported', 'assessed', 'assigned', 'rectifying']
    for (const i of b.topOverdue) expect(open).toContain(i.status)
  })

  it('never carry a confidential hazard’s text', async () => {
    const secrets = (await listAll(await t.as('leader'), 'category=violent_terror,individual_extreme')).map((f) => f.properties)
    const text = JSON.stringify(b)
    for (const s of secrets) if (s.title.length > 3) expect(text).not.toContain(s.title)
    for (const i of [...b.topOverdue, ...b.topEscalated].filter((i) => i.confidential)) expect(i.title).toBeNull()
  })

  it('come with a summary in Chinese and English read from the figures', () => {
    expect(b.summary.zh).toContain('2026年10月')
    expect(b.summary.zh).toContain(`新发现隐患${b.town.found}处`)
    expect(b.summary.zh).not.toContain('未定稿')
    expect(b.summary.en).toContain('October 2026')
    expect(b.summary.en).toContain(`found ${b.town.found} new hazards`)
  })
})

describe('the running month (2026-11)', () => {
  it('is provisional, as of today, and says so', async () => {
    const b = await bulletin('2026-11')
    expect(b).toMatchObject({ final: false, asOf: AS_OF })
    expect(b.summary.zh).toContain('未定稿')
    expect(b.summary.en).toContain('Provisional')
    const want = await expected('2026-11')
    for (const row of b.villages) expect(figures(row), row.name).toEqual(want.get(row.areaId))
  })

  it('is live: a hazard reported today counts at once', async () => {
    const before = await bulletin('2026-11')
    const village = villages[3]!
    await read((await t.as(gridAccount(village.id))).post('/api/hazards', { category: 'safety_accident', item: 'fire', title: '新登记', source: 'routine', location: village.label }), 201)
    const after = await bulletin('2026-11')
    expect(after.town.found).toBe(before.town.found + 1)
    expect(after.villages.find((v) => v.areaId === village.id)!.found).toBe(before.villages.find((v) => v.areaId === village.id)!.found + 1)
  })
})

describe('freezing', () => {
  it('stores an ended month at its first request and serves the stored one after a later change', async () => {
    const first = await bulletin('2026-09')
    expect(first.final).toBe(true)
    expect(t.services.store.bulletins.get('2026-09')).toBeDefined()
    // A back-dated report into September changes the ledger's September…
    const village = villages[0]!
    await read((await t.as(gridAccount(village.id))).post('/api/hazards', { category: 'safety_accident', item: 'fire', title: '补录九月隐患', source: 'routine', location: village.label, discoveredAt: '2026-09-10' }), 201)
    expect(computeBulletin(t.services, '2026-09').town.found).toBe(first.town.found + 1)
    // …but not the published bulletin.
    expect(await bulletin('2026-09')).toEqual(first)
    expect(await bulletin('2026-09', await t.as('leader'))).toEqual(first)
  })
})

describe('formats', () => {
  it('prints as a self-contained A4 page', async () => {
    const res = await analyst.get('/api/bulletins/2026-10?format=html')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).toContain('平安一张图 · 2026年10月通报')
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/)
    expect(html).toContain('thead { display: table-header-group; }')
    expect(html).toMatch(/生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    expect(html).not.toMatch(/<script|<link|@import|url\(|https?:\/\//i)
    expect((html.match(/<tr>/g) ?? []).length).toBeGreaterThan(villages.length)
  })

  it('prints the running month marked 未定稿, and in English with lang=en', async () => {
    expect(await (await analyst.get('/api/bulletins/2026-11?format=html')).text()).toContain('未定稿')
    const en = await (await analyst.get('/api/bulletins/2026-10?format=html&lang=en')).text()
    expect(en).toContain('Ping&#39;an Map · Bulletin for October 2026')
    expect(en).toContain('<html lang="en">')
  })

  it('comes as a workbook of sheets matching the JSON', async () => {
    const res = await analyst.get('/api/bulletins/2026-10?format=xlsx')
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('content-disposition')).toContain('2026-10')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '管区', '村庄', '逾期与上报', '挂牌督办', '预测预警', '考核排名'])
    const b = await bulletin('2026-10')
    const districts = wb.getWorksheet('管区')!
    expect(districts.rowCount).toBe(b.districts.length + 1)
    expect(districts.getRow(2).values).toEqual([undefined, b.districts[0]!.rank, b.districts[0]!.code, b.districts[0]!.name, b.districts[0]!.found, b.districts[0]!.closed, b.districts[0]!.openAtStart, b.districts[0]!.closeRate, b.districts[0]!.overdue, b.districts[0]!.escalated, b.districts[0]!.coverage])
    expect(wb.getWorksheet('村庄')!.rowCount).toBe(villages.length + 1)
    expect(wb.getWorksheet('逾期与上报')!.rowCount).toBe(b.topOverdue.length + b.topEscalated.length + 1)
  })
})

describe('who receives it', () => {
  for (const who of ['analyst', 'leader', 'police', 'district-2'])
    it(`is given to the ${who}`, async () => {
      expect((await (await t.as(who)).get('/api/bulletins/2026-10')).status).toBe(200)
    })

  for (const who of ['wall', 'admin'])
    it(`is refused to the ${who} with 403`, async () => {
      expect((await (await t.as(who)).get('/api/bulletins/2026-10')).status).toBe(403)
    })

  it('is refused to a grid worker with 403', async () => {
    expect((await (await t.as(gridAccount(villages[0]!.id))).get('/api/bulletins/2026-10')).status).toBe(403)
  })

  it('refuses a malformed month, a month not yet begun or before the campaign, and an unknown format with 400', async () => {
    for (const path of ['/api/bulletins/2026-13', '/api/bulletins/202610', '/api/bulletins/2027-01', '/api/bulletins/2020-01', '/api/bulletins/2026-10?format=pdf'])
      expect((await analyst.get(path)).status, path).toBe(400)
  })
})
