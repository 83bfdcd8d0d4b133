import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { ZipError, type ZipEntry, entryEnd, inflatesAsDeclared, isContiguous, unpackedSize, zipEntries } from '../boundaries/zip'
import { ApiError } from '../errors'
import { unneutralise } from '../spreadsheet'
import { CsvError, countCsvRows, parseCsv } from './csv'

/** A table read from a file: its rows of text, each with its row number in the file (1 = first line). */
export interface Table {
  format: 'xlsx' | 'csv'
  rows: Array<{ row: number; cells: string[] }>
}

const malformed = (message: string) => new ApiError(400, 'malformed', message)
const tooManyRows = (max: number, has?: number) =>
  new ApiError(413, 'too_large', `A file may hold at most ${max} rows${has === undefined ? '' : `; this one has ${has}`}.`)

/**
 * A workbook may unpack to this much: a register of a few thousand rows is a few MB of XML, a zip
 * bomb hundreds of MB or more. Checked from the zip's directory before anything is inflated.
 */
export const XLSX_MAX_UNPACKED = 64 * 1024 * 1024

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

/**
 * The archive as ExcelJS's streaming reader must meet it: the worksheets (and their rels) after
 * every other entry. The reader names a worksheet from xl/workbook.xml as it meets the sheet, and
 * crashed on one met before it (ExcelJS 4.4, `this.model` undefined) when the shared strings and the
 * workbook's rels came earlier still: a good file refused, as about one in a hundred of those
 * ExcelJS itself writes. Entries move whole (isContiguous has checked that they tile the archive);
 * the central directory follows, which a streaming reader does not read.
 */
function worksheetsLast(bytes: Uint8Array, entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => a.local - b.local)
  if (sorted.length === 0) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = entryEnd(bytes, sorted.at(-1)!)
  const spans = sorted.map((e, i) => ({ sheet: e.name.startsWith('xl/worksheets/'), bytes: bytes.subarray(e.local, sorted[i + 1]?.local ?? end) }))
  return Buffer.concat([...spans.filter((s) => !s.sheet), ...spans.filter((s) => s.sheet)].map((s) => s.bytes).concat(bytes.subarray(end)))
}

/**
 * The rows of the sheet named 隐患台账 (else the first), read as a stream and given up as soon as there
 * are more than `maxRows` besides the header. What the zip's directory declares is checked first:
 * the total it unpacks to, that it hides no entry, and that no entry inflates to more than declared.
 */
async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<Table> {
  let entries: ZipEntry[]
  try {
    entries = zipEntries(bytes)
  } catch (err) {
    throw malformed(`The file is not a readable .xlsx workbook${err instanceof ZipError ? ` (${err.message})` : ''}.`)
  }
  const total = unpackedSize(entries)
  if (total > XLSX_MAX_UNPACKED)
    throw new ApiError(413, 'too_large', `The workbook unpacks to ${Math.ceil(total / 1048576)} MB; at most ${XLSX_MAX_UNPACKED / 1048576} MB are read.`)
  if (!isContiguous(bytes, entries)) throw malformed('The file is not a readable .xlsx workbook (entries outside its directory).')
  for (const e of entries) if (!(await inflatesAsDeclared(bytes, e))) throw malformed(`The file is not a readable .xlsx workbook (${e.name} is not what its directory says).`)
  let chosen: Table | undefined
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([worksheetsLast(bytes, entries)]), {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
    })
    for await (const ws of reader) {
      const rows: Table['rows'] = []
      let last = 0
      for await (const r of ws as AsyncIterable<ExcelJS.Row>) {
        // A row without its number (r="…", which Excel always writes) follows the one before.
        last = Number.isInteger(r.number) && r.number > 0 ? r.number : last + 1
        const cells = (r.values as ExcelJS.CellValue[]).slice(1).map((v) => unneutralise(cellText(v).trim()))
        if (!cells.some((c) => c !== '')) continue
        rows.push({ row: last, cells })
        if (rows.length > maxRows + 1) throw tooManyRows(maxRows)
      }
      const name = (ws as unknown as { name?: string }).name
      if (!chosen || name === '隐患台账') chosen = { format: 'xlsx', rows }
      if (name === '隐患台账') break
    }
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw malformed('The file is not a readable .xlsx workbook.')
  }
  if (!chosen) throw malformed('The workbook has no sheet.')
  return chosen
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

function readCsv(bytes: Uint8Array, maxRows: number): Table {
  // Counted on the bytes, before any text is decoded or parsed: a flood of rows costs one pass.
  const count = countCsvRows(bytes)
  if (count > maxRows + 1) throw tooManyRows(maxRows, count - 1)
  const text = decode(bytes)
  if (text.includes('\u0000')) throw malformed('The file is binary, not CSV text.')
  let parsed: string[][]
  try {
    parsed = parseCsv(text)
  } catch (err) {
    throw malformed(`The CSV is malformed: ${err instanceof CsvError ? err.message : 'unreadable'}.`)
  }
  return { format: 'csv', rows: parsed.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => unneutralise(c.trim())) })).filter((r) => r.cells.some((c) => c !== '')) }
}

/**
 * Reads an .xlsx or .csv by its bytes (a zip is a workbook), whatever its name says; a file of more
 * than `maxRows` rows besides its header is refused (413) before it is read whole.
 */
export async function readTable(bytes: Uint8Array, maxRows = Infinity): Promise<Table> {
  if (bytes.length === 0) throw malformed('The file is empty.')
  return isZip(bytes) ? readXlsx(bytes, maxRows) : readCsv(bytes, maxRows)
}
