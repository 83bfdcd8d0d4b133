/** A cell of a CSV table: text is written as given (neutralised), numbers as plain decimals. */
export type CsvValue = string | number

/** Excel reads a UTF-8 file as Chinese only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF'

/**
 * Characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`, and tab or
 * carriage return, which some spreadsheets skip before one). Such text is prefixed with a single
 * quote, so a hazard titled `=HYPERLINK(…)` stays text when the export is opened.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell, neutralised against formula injection and quoted where RFC 4180 needs it. */
export function csvCell(value: CsvValue): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A whole file: the byte-order mark, a header row, then one line per row, CRLF-terminated. */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','))
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`
}
