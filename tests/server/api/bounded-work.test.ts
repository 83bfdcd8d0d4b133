import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { ErrorBody } from '../../../server/domain/contract/common'
import { unzip } from '../../../server/services/boundaries/zip'
import { fileJobs } from '../../../server/services/file-jobs'
import { IMPORT_MAX_ROWS } from '../../../server/services/ledger-files'
import { deflatedRepeat, zipOf } from '../../fixtures/zip'
import type { Client, TestApp } from '../support/app'
import { areasOf, gridAccount, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let grid: Client
let leader: Client
let village: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[0]!
  grid = await t.as(gridAccount(village.id))
}, SEEDING)
afterAll(() => t.close())

const upload = (as: Client, bytes: Uint8Array | string, name = 'ledger.csv') => {
  const form = new FormData()
  form.append('file', new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : (bytes as Uint8Array<ArrayBuffer>)], name))
  return as.raw('/api/hazards/import', { method: 'POST', body: form })
}
const header = ['标题', '风险类别', '排查重点', '发现方式', '经度', '纬度']
const row = () => ['楼道电动车充电', '安全事故', '消防安全', '经常性自查', String(village.label[0]), String(village.label[1])]

/** An .xlsx as ExcelJS writes it, its entries by name, for bombs to be made from. */
async function workbookEntries(rows: string[][]): Promise<Map<string, Uint8Array>> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('隐患台账')
  for (const r of rows) ws.addRow(r)
  return unzip(new Uint8Array(await wb.xlsx.writeBuffer()))
}

describe('an .xlsx that unpacks to far more than it weighs', () => {
  it('is refused with 413 from its zip directory, before anything is inflated or written', async () => {
    const entries = await workbookEntries([header, row()])
    const sheet = new TextDecoder().decode(entries.get('xl/worksheets/sheet1.xml'))
    const cut = sheet.indexOf('</sheetData>')
    // 120 MB of blanks after a good row: deflates to about 120 KB.
    const bomb = await deflatedRepeat(sheet.slice(0, cut), ' '.repeat(1024), 120 * 1024, sheet.slice(cut))
    const file = zipOf({ ...Object.fromEntries([...entries].filter(([n]) => n !== 'xl/worksheets/sheet1.xml')), 'xl/worksheets/sheet1.xml': bomb }, { deflate: true })
    expect(file.length).toBeLessThan(1024 * 1024)
    const before = await summaryOf(leader)
    const body = await read<ErrorBody>(upload(grid, file, 'bomb.xlsx'), 413)
    expect(body.error.code).toBe('too_large')
    expect(body.error.message).toMatch(/unpacks to/)
    expect((await summaryOf(leader)).total).toBe(before.total)
  })

  it('stops reading rows at the cap: a sheet of more rows than allowed is refused with 413', async () => {
    const entries = await workbookEntries([header, row()])
    const sheet = new TextDecoder().decode(entries.get('xl/worksheets/sheet1.xml'))
    const cut = sheet.indexOf('</sheetData>')
    // 900,000 more rows (≈ 56 MB unpacked, within the budget): the cap is found by reading, not after reading all.
    const flood = await deflatedRepeat(sheet.slice(0, cut), '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>', 900_000, sheet.slice(cut))
    const file = zipOf({ ...Object.fromEntries([...entries].filter(([n]) => n !== 'xl/worksheets/sheet1.xml')), 'xl/worksheets/sheet1.xml': flood }, { deflate: true })
    const before = await summaryOf(leader)
    const body = await read<ErrorBody>(upload(grid, file, 'flood.xlsx'), 413)
    expect(body.error.message).toContain(`at most ${IMPORT_MAX_ROWS} rows`)
    expect((await summaryOf(leader)).total).toBe(before.total)
  })

  it('still takes a good workbook, rows numbered as in the file', async () => {
    const entries = await workbookEntries([header, row(), row()])
    const result = await read<{ created: number; hazards: Array<{ row: number }> }>(upload(grid, zipOf(Object.fromEntries(entries), { deflate: true }), 'ok.xlsx'))
    expect(result.created).toBe(2)
    expect(result.hazards.map((h) => h.row)).toEqual([2, 3])
  })
})

describe('a CSV of 300,000 rows', () => {
  it('is refused with 413 by its count of rows, before it is parsed', async () => {
    // A stray quote at the very end: a parser would stop there with 400; counting the rows first refuses it for its size.
    const csv = `${header.join(',')}\r\n` + 'a,b\r\n'.repeat(300_000) + 'x"y'
    const before = await summaryOf(leader)
    const body = await read<ErrorBody>(upload(grid, csv), 413)
    expect(body.error.code).toBe('too_large')
    expect(body.error.message).toContain('300001')
    expect((await summaryOf(leader)).total).toBe(before.total)
  })

  it('counts rows, not lines: line breaks inside quoted fields do not count', async () => {
    const multiline = `"${'第一行\n'.repeat(IMPORT_MAX_ROWS + 10)}"`
    const csv = [header.join(','), [row()[0], ...row().slice(1)].join(','), [multiline, ...row().slice(1)].join(',')].join('\r\n')
    const result = await read<{ created: number; rejected: Array<{ row: number; errors: Array<{ field: string }> }> }>(upload(grid, csv))
    // The long description lands in the title column and is rejected by its length, not the file by its lines.
    expect(result.created).toBe(1)
    expect(result.rejected).toEqual([{ row: 3, errors: [expect.objectContaining({ field: 'title' })] }])
  })
})

describe('file jobs run a few at a time', () => {
  it('answers 429 with Retry-After while every slot is taken, and works again once one is free', async () => {
    const jobs = fileJobs(t.services)
    const held = Array.from({ length: t.services.env.FILE_JOBS }, () => jobs.tryAcquire())
    expect(held.every(Boolean)).toBe(true)
    try {
      for (const res of [await upload(grid, [header, row()].map((r) => r.join(',')).join('\r\n')), await leader.get('/api/hazards/export?format=csv')]) {
        expect(res.status).toBe(429)
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
        expect(((await res.json()) as ErrorBody).error.code).toBe('busy')
      }
      const admin = await t.as('admin')
      const form = new FormData()
      form.append('file', new File(['{"type":"FeatureCollection","features":[]}'], 'a.geojson'))
      form.append('level', 'grid')
      form.append('codeField', 'CODE')
      expect((await admin.raw('/api/areas/import', { method: 'POST', body: form })).status).toBe(429)
    } finally {
      for (const release of held) release?.()
    }
    expect((await leader.get('/api/hazards/export?format=csv')).status).toBe(200)
  })

  it('frees the slot of a job that fails', async () => {
    for (let i = 0; i < t.services.env.FILE_JOBS + 2; i++) expect((await upload(grid, 'not,the,columns')).status).toBe(400)
    expect((await leader.get('/api/hazards/export?format=csv')).status).toBe(200)
  })

  it('writes each ledger import to the audit log', async () => {
    const result = await read<{ created: number }>(upload(grid, [header, row()].map((r) => r.join(',')).join('\r\n')))
    expect(result.created).toBe(1)
    expect(t.services.store.audit.list(5).find((e) => e.action === 'import_hazards')).toMatchObject({ username: gridAccount(village.id), target: 'csv:1 created;0 rejected' })
  })
})

describe('campaign creation is capped', () => {
  const campaign = (name: string) => ({ name, goal: '整治', deadline: '2026-12-31' })

  it('lets one account set up at most CAMPAIGNS_PER_DAY a day (429), without stopping another', async () => {
    const analyst = await t.as('analyst')
    const perDay = t.services.env.CAMPAIGNS_PER_DAY
    for (let i = 0; i < perDay; i++) expect((await analyst.post('/api/campaigns', campaign(`专项${i}`))).status).toBe(201)
    const before = (await read<{ campaigns: unknown[] }>(analyst.get('/api/campaigns'))).campaigns.length
    const refused = await analyst.post('/api/campaigns', campaign('再来一个'))
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as ErrorBody).error.message).toContain(String(perDay))
    expect((await read<{ campaigns: unknown[] }>(analyst.get('/api/campaigns'))).campaigns.length).toBe(before)
    expect((await (await t.as('safety')).post('/api/campaigns', campaign('安监专项'))).status).toBe(201)
  })

  it('refuses a campaign beyond CAMPAIGNS_OPEN_MAX open ones with 422', async () => {
    const open = (await read<{ campaigns: Array<{ daysLeft: number }> }>(leader.get('/api/campaigns'))).campaigns.filter((c) => c.daysLeft >= 0).length
    const env = t.services.env as { CAMPAIGNS_OPEN_MAX: number }
    const was = env.CAMPAIGNS_OPEN_MAX
    env.CAMPAIGNS_OPEN_MAX = open
    try {
      const res = await (await t.as('police')).post('/api/campaigns', campaign('治安专项'))
      expect(res.status).toBe(422)
      expect(((await res.json()) as ErrorBody).error.code).toBe('too_many_campaigns')
    } finally {
      env.CAMPAIGNS_OPEN_MAX = was
    }
  })
})
