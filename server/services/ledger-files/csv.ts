import type { Cell } from '../spreadsheet'

const needsQuotes = /[",\r\n]|^\s|\s$/

/** RFC 4180 CSV, CRLF line ends, UTF-8 with a byte-order mark so spreadsheets read the Chinese. */
export function toCsv(rows: ReadonlyArray<readonly Cell[]>): string {
  const line = (r: readonly Cell[]) =>
    r.map((v) => {
      const s = v === null ? '' : String(v)
      return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s
    }).join(',')
  return '\uFEFF' + rows.map(line).join('\r\n') + '\r\n'
}

export class CsvError extends Error {}

/**
 * How many non-blank records CSV bytes hold, without decoding or parsing them: line ends outside
 * quotes. Quote and line-end bytes never occur inside a UTF-8 or GB18030 multi-byte character.
 */
export function countCsvRows(bytes: Uint8Array): number {
  let rows = 0
  let quoted = false
  let content = false
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if (b === 0x22) {
      quoted = !quoted
      content = true
    } else if (!quoted && (b === 0x0a || b === 0x0d)) {
      if (content) rows++
      content = false
    } else content = true
  }
  return content ? rows + 1 : rows
}

/** Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks); a stray quote is an error. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const endField = () => {
    row.push(field)
    field = ''
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
  }
  while (i < s.length) {
    const ch = s[i]!
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        if (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') throw new CsvError(`line ${rows.length + 1}: text after a closing quote`)
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"') {
      if (field.length > 0) throw new CsvError(`line ${rows.length + 1}: a quote inside an unquoted field`)
      quoted = true
      i++
    } else if (ch === ',') {
      endField()
      i++
    } else if (ch === '\r' || ch === '\n') {
      endRow()
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1
    } else {
      field += ch
      i++
    }
  }
  if (quoted) throw new CsvError('a quoted field is never closed')
  if (field.length > 0 || row.length > 0) endRow()
  return rows
}
