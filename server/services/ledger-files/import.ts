import { categoryById, isItemOf } from '../../domain/categories'
import type { FieldError } from '../../domain/contract/common'
import type { LedgerImportResult } from '../../domain/contract/ledger-files'
import { type ActingUser, actorCategory, mayReport } from '../../domain/roles'
import type { Hazard } from '../../domain/schemas'
import { foundOnDay } from '../../store/port/hazards'
import type { HazardInsert } from '../../store/types'
import { audit } from '../audit'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { inReach } from '../hazards'
import { chinaInstant, ledgerNow } from '../hazard-times'
import { columnByHeader, ledgerColumns, lookup } from './columns'
import { readTable } from './read'

/** A file of more rows than this is refused whole: imports are a village's register, not the city's archive. */
export const IMPORT_MAX_ROWS = 5000

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/

function dateOf(text: string): string | undefined {
  const m = DATE.exec(text)
  if (!m) return undefined
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined
}

/** The header row: which column holds which key; a file missing a required column is refused whole (400, naming them). */
function headerOf(cells: string[]): Map<string, number> {
  const at = new Map<string, number>()
  cells.forEach((h, i) => {
    const key = columnByHeader.get(h.trim()) ?? columnByHeader.get(h.trim().toLowerCase())
    if (key && !at.has(key)) at.set(key, i)
  })
  const missing = ledgerColumns.filter((c) => c.required && !at.has(c.key))
  if (missing.length)
    throw new ApiError(400, 'wrong_columns', `The file lacks the columns ${missing.map((c) => `${c.zh} (${c.key})`).join(', ')}.`, missing.map((c) => ({ field: c.key, message: `missing column ${c.zh}` })))
  return at
}

/**
 * A row's three times: found on the sheet's discovered date (at 09:00, no later than the import),
 * reported and received by the import itself.
 */
function importTimes(discoveredAt: string, nowMs: number): Pick<HazardInsert, 'discoveredAt' | 'foundAt' | 'reportedAt' | 'receivedAt'> {
  const now = chinaInstant(nowMs)
  return { discoveredAt, foundAt: chinaInstant(Math.min(Date.parse(foundOnDay(discoveredAt)), nowMs)), reportedAt: now, receivedAt: now }
}

/**
 * Registers new hazards from an .xlsx or .csv in the export's own columns. Each row is checked
 * whole — category and item, source, the point inside the town and the caller's reach, the date,
 * duplicates — and either taken or rejected with its reasons; the rows taken are written in one
 * transaction, as reported hazards whose first event notes the import.
 */
export async function importLedger(s: Services, actor: ActingUser, bytes: Uint8Array): Promise<LedgerImportResult> {
  if (!mayReport(actor)) throw forbidden('This role may not register hazards.')
  const table = await readTable(bytes, IMPORT_MAX_ROWS)
  const [head, ...body] = table.rows
  if (!head) throw new ApiError(400, 'wrong_columns', 'The file has no header row.')
  const at = headerOf(head.cells)
  // The readers stop at the cap; a CSV's rows of empty cells, counted there, are not counted here.
  if (body.length > IMPORT_MAX_ROWS) throw new ApiError(413, 'too_large', `A file may hold at most ${IMPORT_MAX_ROWS} rows; this one has ${body.length}.`)
  const cell = (cells: string[], key: string) => (at.has(key) ? (cells[at.get(key)!] ?? '').trim() : '')
  const codes = body.map((r) => cell(r.cells, 'code')).filter(Boolean)
  const existing = s.store.ledgerFiles.existingCodes(codes)
  const now = new Date().toISOString().replace('Z', '+00:00')
  const nowMs = ledgerNow(s)
  const seen = new Set<string>()
  const today = s.today()
  const own = actorCategory(actor)
  const good: Array<{ row: number; hazard: HazardInsert }> = []
  const rejected: LedgerImportResult['rejected'] = []
  for (const { row, cells } of body) {
    const errors: FieldError[] = []
    const fail = (field: string, message: string) => void errors.push({ field, message })
    const get = (key: string) => cell(cells, key)
    const code = get('code')
    if (code && existing.has(code)) fail('code', `${code} is already in the ledger`)
    else if (code && seen.has(code)) fail('code', `${code} appears twice in the file`)
    if (code) seen.add(code)
    const title = get('title')
    if (!title) fail('title', 'required')
    else if (title.length > 120) fail('title', 'at most 120 characters')
    const description = get('description')
    if (description.length > 4000) fail('description', 'at most 4000 characters')
    const category = lookup.category.get(get('category').toLowerCase())
    if (!category) fail('category', get('category') ? `unknown category "${get('category')}"` : 'required')
    else if (own && category !== own) fail('category', 'a lead unit registers hazards of its own category')
    const item = lookup.item.get(get('item').toLowerCase())
    if (!item) fail('item', get('item') ? `unknown item "${get('item')}"` : 'required')
    else if (category && !isItemOf(category, item)) fail('item', `not an item of ${categoryById[category].name.zh}`)
    const source = lookup.source.get(get('source').toLowerCase())
    if (!source) fail('source', get('source') ? `unknown source "${get('source')}"` : 'required')
    const discoveredText = get('discoveredAt')
    const discoveredAt = discoveredText ? dateOf(discoveredText) : today
    if (!discoveredAt) fail('discoveredAt', `not a date (YYYY-MM-DD): "${discoveredText}"`)
    else if (discoveredAt > today) fail('discoveredAt', 'in the future')
    const lonText = get('lon')
    const latText = get('lat')
    const lon = Number(lonText)
    const lat = Number(latText)
    let grid: ReturnType<Services['locator']['locate']>
    if (!lonText || !Number.isFinite(lon) || lon < -180 || lon > 180) fail('lon', lonText ? `not a longitude: "${lonText}"` : 'required')
    else if (!latText || !Number.isFinite(lat) || lat < -90 || lat > 90) fail('lat', latText ? `not a latitude: "${latText}"` : 'required')
    else {
      grid = s.locator.locate([lon, lat])
      if (!grid) fail('lon', 'the point lies outside the town')
      else if (category && !(own && category !== own) && !inReach(s, actor, { areaId: grid.id, category })) fail('lon', 'the point lies outside your area')
    }
    const village = grid ? s.ledger.areas.ancestorAt(grid.id, 'village') : undefined
    const villageId = get('villageId')
    if (villageId && village && villageId !== village.id) fail('villageId', `the point lies in ${village.name} (${village.id}), not ${villageId}`)
    if (errors.length || !grid || !village || !category || !item || !source || !discoveredAt) {
      rejected.push({ row, errors })
      continue
    }
    good.push({
      row,
      hazard: {
        title, description, category, item, status: 'reported', level: null, source, location: [lon, lat], areaId: grid.id,
        villageId: village.id, districtId: s.ledger.areas.ancestorAt(grid.id, 'district')!.id, townId: s.ledger.areas.ancestorAt(grid.id, 'town')!.id,
        siteId: null, ...importTimes(discoveredAt, nowMs), reportedBy: actor.username, measures: null, leadUnit: categoryById[category].leadUnit,
        responsibleUnit: null, responsiblePerson: null, deadline: null, handlingLevel: null, escalated: false,
        rectifiedAt: null, closedAt: null, campaignId: null, updatedAt: now,
      },
    })
  }
  // The audit row commits with the hazards it records.
  const created: Array<{ row: number; hazard: Hazard }> = s.store.transaction(() => {
    const rows = good.map(({ row, hazard }) => ({
      row,
      hazard: s.store.hazards.insert(hazard, { at: now, actor: actor.username, action: 'report', note: `批量导入（第${row}行）`, from: null, to: 'reported' }),
    }))
    audit(s, actor, 'import_hazards', `${table.format}:${rows.length} created;${rejected.length} rejected`)
    return rows
  })
  for (const { hazard: h } of created) {
    s.ledger.upsert(h)
    s.live.publish({
      type: 'hazard', id: h.id, status: h.status, version: h.version, level: h.level, escalated: h.escalated, areaId: h.areaId,
      villageId: h.villageId, districtId: h.districtId, category: h.category, item: h.item, kind: 'created',
    })
  }
  if (created.length) s.live.publish({ type: 'stats' })
  return { created: created.length, hazards: created.map(({ row, hazard }) => ({ row, id: hazard.id, code: hazard.code })), rejected }
}
