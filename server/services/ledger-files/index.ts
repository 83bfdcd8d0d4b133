import type { LedgerImportResult } from '../../domain/contract/ledger-files'
import type { HazardFilter } from '../../domain/filters'
import type { LedgerFormat } from '../../domain/files'
import type { ActingUser } from '../../domain/roles'
import type { Services } from '../context'
import { fileJobs } from '../file-jobs'
import { type LedgerFile, exportLedger } from './export'
import { importLedger } from './import'

export { EXPORT_MAX_ROWS, type LedgerFile, exportLedger } from './export'
export { IMPORT_MAX_ROWS, importLedger } from './import'
export { ledgerColumns } from './columns'
export { readTable } from './read'

/** The export as a file job: at most FILE_JOBS imports and exports at once, beyond that a 429. */
export function exportLedgerFile(s: Services, actor: ActingUser, filter: HazardFilter, format: LedgerFormat): Promise<LedgerFile> {
  return fileJobs(s).run(() => exportLedger(s, actor, filter, format))
}

/** The import as a file job; the upload's bytes are read only once a slot is free. */
export function importLedgerFile(s: Services, actor: ActingUser, file: Blob): Promise<LedgerImportResult> {
  return fileJobs(s).run(async () => importLedger(s, actor, new Uint8Array(await file.arrayBuffer())))
}
