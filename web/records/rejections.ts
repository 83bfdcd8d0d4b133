import type { FeatureRejection } from '../../server/domain/contract/boundaries'
import type { LedgerRejection } from '../../server/domain/contract/ledger-files'
import { CallError } from '../api/client'

export interface RejectionLine {
  /** the row (spreadsheet numbering) or the feature (from 0) that was refused */
  at: number
  key: string | null
  field: string
  message: string
}

/** One line per reason, in file order: a table the person fixing the file can work down. */
export function rejectionLines<T extends FeatureRejection | LedgerRejection>(rejected: readonly T[], at: (r: T) => number): RejectionLine[] {
  return [...rejected]
    .sort((a, b) => at(a) - at(b))
    .flatMap((r) => r.errors.map((e) => ({ at: at(r), key: 'key' in r ? r.key : null, field: e.field, message: e.message })))
}

function isFeatureRejection(v: unknown): v is FeatureRejection {
  if (typeof v !== 'object' || v === null) return false
  const r = v as Record<string, unknown>
  return typeof r.feature === 'number' && Array.isArray(r.errors)
}

/**
 * A boundary import refuses the whole file (422 `invalid_features`) with each refused feature in
 * the error's details; any other failure has none to list.
 */
export function featureRejectionsOf(error: unknown) {
  if (!(error instanceof CallError) || error.code !== 'invalid_features' || !Array.isArray(error.details)) return []
  return error.details.filter(isFeatureRejection)
}

/**
 * The ledger file's importable columns by their key, as the export's Chinese headers name them
 * (server/services/ledger-files/columns.ts), so a rejection names the column the user sees.
 */
const ledgerHeaders: Record<string, string> = {
  code: '隐患编号', title: '标题', description: '描述', category: '风险类别', item: '排查重点', source: '发现方式',
  villageId: '村庄代码', discoveredAt: '发现日期', lon: '经度', lat: '纬度',
}

/** A rejected field as the file's header shows it: the Chinese header, or the English key in English. */
export function ledgerFieldName(field: string, locale: 'zh-CN' | 'en'): string {
  return locale === 'zh-CN' && ledgerHeaders[field] ? `${ledgerHeaders[field]}（${field}）` : field
}
