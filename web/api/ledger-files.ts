import { postForm } from './client'

export const ledgerFormats = ['xlsx', 'csv', 'geojson'] as const
export type LedgerFormat = (typeof ledgerFormats)[number]

export interface LedgerRejection {
  /** the row's number in the file, as a spreadsheet shows it */
  row: number
  errors: Array<{ field: string; message: string }>
}

export interface LedgerImportResult {
  created: number
  hazards: Array<{ row: number; id: number; code: string }>
  rejected: LedgerRejection[]
}

/** Where the ledger for a filter downloads from (a plain link, so the browser saves it with the server's file name). */
export function ledgerExportUrl(filterQuery: Record<string, string>, format: LedgerFormat): string {
  return `/api/hazards/export?${new URLSearchParams({ ...filterQuery, format })}`
}

/** `POST /api/hazards/import` — each row taken whole or rejected with its reasons. */
export function importLedger(file: File): Promise<LedgerImportResult> {
  const form = new FormData()
  form.append('file', file)
  return postForm<LedgerImportResult>('/api/hazards/import', form)
}
