import ExcelJS from 'exceljs'

/**
 * Spreadsheet formula injection (CSV injection): a cell beginning with = + - @, a tab or a carriage
 * return may be run as a formula when the file is opened. Such text is written with a leading
 * apostrophe, which spreadsheets show as plain text; an import removes it again.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** The inverse of `neutralise`, for a file this server wrote. */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text
}

export type Cell = string | number | boolean | null

/** A worksheet from a header and rows: bold, frozen header, column widths from the content. */
export function addSheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.addRow([...header]).font = { bold: true }
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutralise(v) : v)))
  ws.columns.forEach((col, i) => {
    const longest = Math.max(String(header[i] ?? '').length * 2, ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length * (/[^\x00-\xff]/.test(String(r[i] ?? '')) ? 2 : 1)))
    col.width = Math.min(60, Math.max(8, longest + 2))
  })
  return ws
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
