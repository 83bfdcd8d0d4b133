import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { zipEntries } from '../../../server/services/boundaries/zip'
import { readTable } from '../../../server/services/ledger-files/read'

/**
 * An .xlsx is a zip whose entries may come in any order: ExcelJS's own writer orders them by the
 * timing of its promises, and other programs have their own habits. ExcelJS's streaming reader
 * crashed on a worksheet that came after the shared strings and the workbook's rels but before
 * xl/workbook.xml (it looked the sheet's name up in a workbook it had not read yet), and an import
 * answered "not a readable .xlsx workbook" for a good file — about 1 in 100 files ExcelJS writes.
 */

/**
 * The same archive with its entries in another order: each entry's bytes (local header, data,
 * descriptor) moved whole, and the central directory's offsets pointed at their new places.
 */
function reordered(bytes: Uint8Array, order: (names: string[]) => string[]): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const directoryAt = view.getUint32(bytes.length - 22 + 16, true)
  const entries = zipEntries(bytes).sort((a, b) => a.local - b.local)
  const spans = new Map(entries.map((e, i) => [e.name, bytes.subarray(e.local, entries[i + 1]?.local ?? directoryAt)]))
  const placed = new Map<string, number>()
  const parts: Uint8Array[] = []
  let at = 0
  for (const name of order(entries.map((e) => e.name))) {
    placed.set(name, at)
    parts.push(spans.get(name)!)
    at += spans.get(name)!.length
  }
  const directory = new Uint8Array(bytes.subarray(directoryAt))
  const dir = new DataView(directory.buffer)
  for (let p = 0; dir.getUint32(p, true) === 0x02014b50; p += 46 + dir.getUint16(p + 28, true) + dir.getUint16(p + 30, true) + dir.getUint16(p + 32, true)) {
    const name = new TextDecoder().decode(directory.subarray(p + 46, p + 46 + dir.getUint16(p + 28, true)))
    dir.setUint32(p + 42, placed.get(name)!, true)
  }
  return new Uint8Array(Buffer.concat([...parts, directory]))
}

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const fields = wb.addWorksheet('字段说明')
  fields.addRow(['字段', '说明'])
  const sheet = wb.addWorksheet('隐患台账')
  sheet.addRow(['标题', '风险类别'])
  sheet.addRow(['出租屋电动车违规充电', '安全事故'])
  sheet.addRow(['河道护栏缺失', '安全事故'])
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('an .xlsx import, whatever the order of the entries in its zip', () => {
  it('reads the ledger sheet when worksheets come before xl/workbook.xml', async () => {
    const bytes = reordered(await workbook(), (names) => [
      ...names.filter((n) => n !== 'xl/workbook.xml' && !n.startsWith('xl/worksheets/')),
      ...names.filter((n) => n.startsWith('xl/worksheets/')),
      'xl/workbook.xml',
    ])
    const table = await readTable(bytes)
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['标题', '风险类别'],
      ['出租屋电动车违规充电', '安全事故'],
      ['河道护栏缺失', '安全事故'],
    ])
  })

  it('reads it when every entry comes in reverse order', async () => {
    const table = await readTable(reordered(await workbook(), (names) => [...names].reverse()))
    expect(table.rows.map((r) => r.cells[0])).toEqual(['标题', '出租屋电动车违规充电', '河道护栏缺失'])
  })
})
