import type { LedgerFormat } from '../../server/domain/files'
import type { LedgerImportResult } from '../../server/domain/contract/ledger-files'
import { api, call } from './client'

// The answer is defined once, by the contract (server/domain/contract/ledger-files.ts); the formats by the domain.
export type { LedgerImportResult, LedgerRejection } from '../../server/domain/contract/ledger-files'
export { type LedgerFormat, ledgerFormats } from '../../server/domain/files'

/** Where the ledger for a filter downloads from (a plain link, so the browser saves it with the server's file name). */
export function ledgerExportUrl(filterQuery: Record<string, string>, format: LedgerFormat): string {
  return `/api/hazards/export?${new URLSearchParams({ ...filterQuery, format })}`
}

/** `POST /api/hazards/import` — each row taken whole or rejected with its reasons. */
export function importLedger(file: File): Promise<LedgerImportResult> {
  return call(api.hazards.import.$post({ form: { file } }))
}
