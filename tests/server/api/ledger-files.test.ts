import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LedgerImportResult as ImportResult } from '../../../server/domain/contract/ledger-files'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import { ledgerColumns } from '../../../server/services/ledger-files'
import { parseCsv } from '../../../server/services/ledger-files/csv'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardDetail, type HazardFeature, type HazardProps, areasOf, gridAccount, listAll, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let leader: Client
let grid: Client
let village: AreaProperties
let other: AreaProperties
let tricky: HazardProps

const headers = ledgerColumns.map((c) => c.zh)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  const villages = await areasOf(leader, 'village')
  village = villages[4]!
  other = villages.find((v) => v.parentId !== village.parentId)!
  grid = await t.as(gridAccount(village.id))
  // Text a spreadsheet would run as formulas, were it not neutralised.
  tricky = (await read<{ hazard: HazardProps }>(grid.post('/api/hazards', {
    category: 'safety_accident', item: 'fire', title: '=HYPERLINK("http://evil.example","点击")', description: '+cmd|" /C calc"!A0', source: 'routine', location: village.label,
  }), 201)).hazard
}, SEEDING)
afterAll(() => t.close())

const download = async (as: Client, query: string) => {
  const res = await as.get(`/api/hazards/export?${query}`)
  expect(res.status, await res.clone().text().then((x) => x.slice(0, 300))).toBe(200)
  return res
}
const workbook = async (res: Response) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  return wb
}
const upload = (as: Client, bytes: Uint8Array | string, name = 'ledger.csv') => {
  const form = new FormData()
  form.append('file', new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : (bytes as Uint8Array<ArrayBuffer>)], name))
  return as.raw('/api/hazards/import', { method: 'POST', body: form })
}
const csvOf = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')
const importHeader = ['标题', '描述', '风险类别', '排查重点', '发现方式', '发现日期', '经度', '纬度']
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    标题: '出租屋电动车违规充电', 描述: '楼道内充电', 风险类别: '安全事故', 排查重点: '消防安全', 发现方式: '经常性自查', 发现日期: '2026-11-20',
    经度: String(village.label[0]), 纬度: String(village.label[1]),
  }
  return importHeader.map((h) => over[h] ?? base[h]!)
}

describe('exporting the ledger', () => {
  it('gives an .xlsx of the filtered ledger with Chinese headers, a field sheet and a dated name', async () => {
    const res = await download(leader, 'category=safety_accident&format=xlsx')
    expect(res.headers.get('content-type')).toBe(XLSX)
    expect(res.headers.get('content-disposition')).toContain(`pingan-ledger-${AS_OF}.xlsx`)
    const wb = await workbook(res)
    const sheet = wb.getWorksheet('隐患台账')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers)
    const listed = await listAll(leader, 'category=safety_accident')
    expect(sheet.rowCount - 1).toBe(listed.length)
    expect(sheet.getRow(2).getCell(4).value).toBe('安全事故')
    const fields = wb.getWorksheet('字段说明')!
    expect(fields.getColumn(2).values.slice(2)).toEqual(ledgerColumns.map((c) => c.key))
  })

  it('gives a UTF-8 CSV with a byte-order mark, one line per hazard, newest first', async () => {
    const res = await download(leader, `area=${village.id}&format=csv`)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(new TextDecoder().decode(bytes))
    expect(rows[0]).toEqual(headers)
    const listed = await listAll(leader, `area=${village.id}`)
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((f) => f.properties.code))
  })

  it('gives GeoJSON points with the documented keys and ids for enumerations', async () => {
    const res = await download(leader, `area=${village.id}&format=geojson`)
    const fc = (await res.json()) as { type: string; features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: number[] } }> }
    expect(fc.type).toBe('FeatureCollection')
    const f = fc.features.find((x) => x.properties.code === tricky.code)!
    expect(Object.keys(f.properties)).toEqual([...ledgerColumns.filter((c) => c.key !== 'lon' && c.key !== 'lat').map((c) => c.key), 'generalised'])
    expect(f.properties).toMatchObject({ category: 'safety_accident', item: 'fire', status: 'reported', escalated: false })
    expect(f.geometry.coordinates).toEqual(village.label)
  })

  it('neutralises formulas: cells starting with = + - @ are written as text after an apostrophe', async () => {
    const rows = parseCsv(await (await download(leader, `area=${village.id}&format=csv`)).text())
    const line = rows.find((r) => r[0] === tricky.code)!
    expect(line[1]).toBe(`'${tricky.title}`)
    expect(line[2]).toBe(`'${tricky.description}`)
    const sheet = (await workbook(await download(leader, `area=${village.id}&format=xlsx`))).getWorksheet('隐患台账')!
    const cells = sheet.getColumn(1).values.indexOf(tricky.code)
    const title = sheet.getRow(cells).getCell(2)
    expect(title.type).toBe(ExcelJS.ValueType.String)
    expect(title.value).toBe(`'${tricky.title}`)
  })

  it('keeps to the caller’s reach: a grid worker’s export holds its own village only', async () => {
    const rows = parseCsv(await (await download(grid, 'format=csv')).text()).slice(1)
    expect(rows.length).toBe((await listAll(grid)).length)
    expect(new Set(rows.map((r) => r[8]))).toEqual(new Set([village.id]))
  })

  it('generalises confidential hazards for the uncleared (no text, the village’s point) and audits none', async () => {
    // Logged in first: a login is audited too, and this counts the export's rows only.
    const analyst = await t.as('analyst')
    const auditBefore = t.services.store.audit.list(1000).length
    const rows = parseCsv(await (await download(analyst, 'category=violent_terror&format=csv')).text()).slice(1)
    expect(rows.length).toBeGreaterThan(0)
    const labels = new Map((await areasOf(leader, 'village')).map((v) => [v.id, v.label]))
    const at = (key: string) => ledgerColumns.findIndex((c) => c.key === key)
    for (const r of rows) {
      expect(['title', 'description', 'responsibleUnit', 'responsiblePerson'].map((k) => r[at(k)])).toEqual(['', '', '', ''])
      expect([Number(r[at('lon')]), Number(r[at('lat')])]).toEqual(labels.get(r[at('villageId')]!))
    }
    expect(t.services.store.audit.list(1000).length).toBe(auditBefore)
  })

  it('audits an export holding confidential detail', async () => {
    await download(await t.as('police'), 'category=violent_terror&format=xlsx')
    expect(t.services.store.audit.list(1)[0]).toMatchObject({ username: 'police', action: 'export_hazards', target: expect.stringContaining('category=violent_terror') })
  })

  it('refuses the wall display with 403, and bad filters or formats with 400', async () => {
    expect((await (await t.as('wall')).get('/api/hazards/export?format=csv')).status).toBe(403)
    expect((await leader.get('/api/hazards/export?format=pdf')).status).toBe(400)
    expect((await leader.get('/api/hazards/export?area=nowhere')).status).toBe(400)
  })
})

describe('importing hazards', () => {
  it('creates the good rows as reported hazards and rejects each bad one whole, with its reasons', async () => {
    const before = await summaryOf(leader)
    const file = csvOf([
      importHeader,
      row(),
      row({ 风险类别: '天灾' }),
      row({ 排查重点: '重点人员' }),
      row({ 经度: '121.9', 纬度: '30.1' }),
      row({ 经度: String(other.label[0]), 纬度: String(other.label[1]) }),
      row({ 发现日期: '2027-01-01' }),
      row({ 发现日期: '2026-02-30' }),
      row({ 标题: '' }),
      row({ 经度: '东经120度' }),
      row({ 发现方式: '路人' }),
      row({ 标题: '第二条好记录', 发现日期: '' }),
    ])
    const result = await read<ImportResult>(upload(grid, file))
    expect(result.created).toBe(2)
    expect(result.hazards.map((h) => h.row)).toEqual([2, 12])
    expect(result.rejected.map((r) => [r.row, r.errors.map((e) => e.field)])).toEqual([
      [3, ['category']], [4, ['item']], [5, ['lon']], [6, ['lon']], [7, ['discoveredAt']], [8, ['discoveredAt']], [9, ['title']], [10, ['lon']], [11, ['source']],
    ])
    expect(result.rejected.find((r) => r.row === 6)!.errors[0]!.message).toContain('outside your area')
    expect((await summaryOf(leader)).total).toBe(before.total + 2)
    const [first, second] = await Promise.all(result.hazards.map(async (h) => (await read<HazardDetail>(leader.get(`/api/hazards/${h.id}`)))))
    expect(first!.hazard).toMatchObject({ status: 'reported', title: '出租屋电动车违规充电', category: 'safety_accident', item: 'fire', villageId: village.id, discoveredAt: '2026-11-20', reportedBy: gridAccount(village.id) })
    expect(first!.events).toEqual([expect.objectContaining({ action: 'report', to: 'reported', note: expect.stringContaining('批量导入') })])
    expect(second!.hazard.discoveredAt).toBe(AS_OF)
  })

  it('accepts the English keys as headers and ids as values', async () => {
    const file = csvOf([['title', 'category', 'item', 'source', 'lon', 'lat'], ['英文表头', 'safety_accident', 'road_traffic', 'concentrated', String(village.label[0]), String(village.label[1])]])
    expect((await read<ImportResult>(upload(grid, file))).created).toBe(1)
  })

  it('refuses a file missing required columns with 400 naming them, and writes nothing', async () => {
    const before = await summaryOf(leader)
    const body = await read<FieldErrorBody>(upload(grid, csvOf([['标题', '风险类别', '排查重点', '发现方式'], ['x', '安全事故', '消防安全', '经常性自查']])), 400)
    expect(body.error.code).toBe('wrong_columns')
    expect(body.error.details?.map((d) => d.field)).toEqual(['lon', 'lat'])
    expect(body.error.message).toContain('经度')
    expect((await summaryOf(leader)).total).toBe(before.total)
  })

  const malformed: Array<[string, Uint8Array | string, string]> = [
    ['an unterminated quote', `${importHeader.join(',')}\r\n"未闭合,安全事故`, 'bad.csv'],
    ['a broken workbook', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...Array(300).fill(1)]), 'bad.xlsx'],
    ['binary bytes', Uint8Array.from({ length: 400 }, (_, i) => (i * 37) % 256), 'bad.csv'],
    ['an empty file', new Uint8Array(0), 'empty.csv'],
  ]
  for (const [what, bytes, name] of malformed)
    it(`refuses ${what} with 400`, async () => {
      const body = await read<ErrorBody>(upload(grid, bytes, name), 400)
      expect(['malformed', 'wrong_columns']).toContain(body.error.code)
    })

  it('refuses a file over 5 MB with 413', async () => {
    const big = `${importHeader.join(',')}\r\n` + 'x'.repeat(6 * 1024 * 1024)
    expect((await upload(grid, big)).status).toBe(413)
  })

  it('refuses roles that may not report with 403', async () => {
    for (const who of ['leader', 'analyst', 'wall']) expect((await upload(await t.as(who), csvOf([importHeader, row()]))).status, who).toBe(403)
  })

  it('keeps a lead unit to its own category, row by row', async () => {
    const file = csvOf([importHeader, row(), row({ 风险类别: '群体性事件', 排查重点: '劳资关系问题' })])
    const result = await read<ImportResult>(upload(await t.as('masswork'), file))
    expect(result.created).toBe(1)
    expect(result.rejected).toEqual([{ row: 2, errors: [expect.objectContaining({ field: 'category' })] }])
  })
})

describe('export → import round trip', () => {
  let exported: HazardFeature[]
  let bytes: Uint8Array
  beforeAll(async () => {
    exported = await listAll(grid, 'item=fire')
    bytes = new Uint8Array(await (await download(grid, 'item=fire&format=xlsx')).arrayBuffer())
  })

  it('rejects every row of an unchanged export as already in the ledger', async () => {
    const result = await read<ImportResult>(upload(grid, bytes, 'export.xlsx'))
    expect(result.created).toBe(0)
    expect(result.rejected).toHaveLength(exported.length)
    expect(result.rejected.every((r) => r.errors.some((e) => e.field === 'code' && e.message.includes('already in the ledger')))).toBe(true)
  })

  it('registers the rows again once their codes are cleared, with the same fields, formulas restored as text', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('隐患台账')!
    sheet.getColumn(1).eachCell((cell, n) => {
      if (n > 1) cell.value = null
    })
    const edited = new Uint8Array(await wb.xlsx.writeBuffer())
    const result = await read<ImportResult>(upload(grid, edited, 'again.xlsx'))
    expect(result.rejected).toEqual([])
    expect(result.created).toBe(exported.length)
    const byRow = new Map(result.hazards.map((h) => [h.row, h.id]))
    for (const [i, f] of exported.entries()) {
      const { hazard } = await read<HazardDetail>(leader.get(`/api/hazards/${byRow.get(i + 2)}`))
      const was = f.properties
      expect(hazard).toMatchObject({
        status: 'reported', title: was.title, description: was.description, category: was.category, item: was.item, source: was.source,
        discoveredAt: was.discoveredAt, villageId: was.villageId, location: f.geometry.coordinates,
      })
    }
    expect(exported.some((f) => f.properties.title === tricky.title)).toBe(true)
  })
})
