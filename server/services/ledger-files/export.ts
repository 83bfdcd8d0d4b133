import ExcelJS from 'exceljs'
import { isConfidential } from '../../domain/categories'
import type { LedgerFormat } from '../../domain/files'
import type { HazardFilter } from '../../domain/filters'
import { filterToQuery } from '../../domain/filters'
import type { ActingUser, Actor } from '../../domain/roles'
import { audit } from '../audit'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { type HazardView, hazardViewer } from '../hazard-view'
import { type Cell, addSheet, neutralise, workbookBytes } from '../spreadsheet'
import { selectHazards } from '../statistics'
import { ledgerColumns } from './columns'
import { toCsv } from './csv'

/** Beyond this the export would hold the server for long; a narrower filter is asked for instead. */
export const EXPORT_MAX_ROWS = 100_000

export interface LedgerFile {
  bytes: Uint8Array
  contentType: string
  filename: { ascii: string; utf8: string }
  rows: number
}

/** The hazards a filter keeps within the caller's reach, newest first, as the caller may see them. */
function viewsFor(s: Services, actor: Actor, filter: HazardFilter): HazardView[] {
  const sel = selectHazards(s, actor, filter)
  if (sel.length > EXPORT_MAX_ROWS) throw new ApiError(413, 'too_large', `The export would hold ${sel.length} hazards; narrow the filters to at most ${EXPORT_MAX_ROWS}.`)
  const ids = s.ledger.newest(sel, sel.length)
  const view = hazardViewer(s, actor)
  const out: HazardView[] = []
  for (let i = 0; i < ids.length; i += 2000)
    for (const h of s.store.hazards.getMany(ids.slice(i, i + 2000))) out.push(view(h))
  return out
}

/**
 * The ledger for the current filters and the caller's reach, as .xlsx, .csv (UTF-8 with BOM) or
 * GeoJSON. Confidential hazards the caller is not cleared for come generalised (no text, the
 * village's point); an export holding confidential detail is written to the audit log.
 */
export async function exportLedger(s: Services, actor: ActingUser, filter: HazardFilter, format: LedgerFormat): Promise<LedgerFile> {
  if (actor.role === 'wall') throw forbidden('The wall display shows aggregates only.')
  const views = viewsFor(s, actor, filter)
  const secret = views.filter((v) => !v.generalised && isConfidential(v.item))
  if (secret.length) audit(s, actor, 'export_hazards', `${format}:${secret.length}/${views.length}:${new URLSearchParams(filterToQuery(filter)).toString()}`)
  const ctx = { areas: s.ledger.areas }
  const day = s.today()
  const name = (ext: string) => ({ ascii: `pingan-ledger-${day}.${ext}`, utf8: `隐患台账-${day}.${ext}` })
  if (format === 'geojson') {
    const features = views.map((v) => ({
      type: 'Feature' as const,
      id: v.id,
      properties: Object.fromEntries([...ledgerColumns.filter((c) => c.key !== 'lon' && c.key !== 'lat').map((c) => [c.key, (c.raw ?? c.cell)(v, ctx)]), ['generalised', v.generalised]]),
      geometry: { type: 'Point' as const, coordinates: v.location },
    }))
    const text = JSON.stringify({ type: 'FeatureCollection', features })
    return { bytes: new TextEncoder().encode(text), contentType: 'application/geo+json; charset=utf-8', filename: name('geojson'), rows: views.length }
  }
  const header = ledgerColumns.map((c) => c.zh)
  const rows: Cell[][] = views.map((v) => ledgerColumns.map((c) => c.cell(v, ctx)))
  if (format === 'csv') {
    const safe = rows.map((r) => r.map((v) => (typeof v === 'string' ? neutralise(v) : v)))
    return { bytes: new TextEncoder().encode(toCsv([header, ...safe])), contentType: 'text/csv; charset=utf-8', filename: name('csv'), rows: views.length }
  }
  const wb = new ExcelJS.Workbook()
  wb.creator = '平安一张图'
  addSheet(wb, '隐患台账', header, rows)
  addSheet(wb, '字段说明', ['列 (header)', '键 (key)', '导入 (import)', '说明 (note)'], ledgerColumns.map((c) => [c.zh, c.key, c.required ? '必填 required' : c.importable ? '可选 optional' : '不读 ignored', c.note]))
  return {
    bytes: await workbookBytes(wb), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: name('xlsx'), rows: views.length,
  }
}
