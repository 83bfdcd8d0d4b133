import ExcelJS from 'exceljs'
import { ApiError } from '../errors'
import { unneutralise } from '../spreadsheet'
import { CsvError, parseCsv } from './csv'

/** A table read from a file: its rows of text, each with its row number in the file (1 = first line). */
export interface Table {
  rows: Array<{ row: number; cells: string[] }>
}

const malformed = (message: string) => new ApiError(400, 'malformed', message)

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/** A cell's value as text: formulas by their cached result (never evaluated), dates as YYYY-MM-DD. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null)
    if ('text' in v) return String(v.text)
    if ('error' in v) return ''
    return ''
  }
  return String(v)
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw malformed('The file is not a readable .xlsx workbook.')
  }
  const ws = wb.getWorksheet('隐患台账') ?? wb.worksheets[0]
  if (!ws) throw malformed('The workbook has no sheet.')
  const rows: Table['rows'] = []
  ws.eachRow({ includeEmpty: false }, (r, row) => {
    const values = r.values as ExcelJS.CellValue[]
    rows.push({ row, cells: values.slice(1).map((v) => unneutralise(cellText(v).trim())) })
  })
  return { rows }
}

/** UTF-8 (with or without BOM) as the export writes it; GB18030, as Excel in China saves "CSV", when the bytes are not UTF-8. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      throw malformed('The CSV is neither UTF-8 nor GB18030 text.')
    }
  }
}

function readCsv(bytes: Uint8Array): Table {
  const text = decode(bytes)
  if (text.includes('\u0000')) throw malformed('The file is binary, not CSV text.')
  let parsed: string[][]
  try {
    parsed = parseCsv(text)
  } catch (err) {
    throw malformed(`The CSV is malformed: ${err instanceof CsvError ? err.message : 'unreadable'}.`)
  }
  return { rows: parsed.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => unneutralise(c.trim())) })).filter((r) => r.cells.some((c) => c !== '')) }
}

/** Reads an .xlsx or .csv by its bytes (a zip is a workbook), whatever its name says. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw malformed('The file is empty.')
  return isZip(bytes) ? readXlsx(bytes) : readCsv(bytes)
}
