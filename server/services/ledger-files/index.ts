export { EXPORT_MAX_ROWS, type ExportFormat, type LedgerFile, exportLedger } from './export'
export { IMPORT_MAX_ROWS, type ImportResult, importLedger } from './import'
export { ledgerColumns } from './columns'
export { readTable } from './read'
