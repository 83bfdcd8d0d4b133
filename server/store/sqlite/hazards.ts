import type Database from 'better-sqlite3'
import type { Hazard, HazardEvent } from '../../domain/schemas'
import { seededEvents } from '../history'
import { foundOnDay } from '../port/hazards'
import { textGrams, textQuery } from './text-search'
import type { HazardInsert, HazardPatch, HazardStore, IndexedHazard, NewEvent } from '../types'

interface HazardRow {
  id: number; code: string; title: string; description: string; category: string; item: string
  status: string; level: string | null; source: string; lon: number; lat: number
  area_id: string; village_id: string; district_id: string; town_id: string; site_id: string | null
  discovered_at: string; found_at: string | null; reported_at: string | null; received_at: string | null; reported_by: string; measures: string | null; lead_unit: string
  responsible_unit: string | null; responsible_person: string | null; deadline: string | null
  handling_level: string | null; escalated: number; rectified_at: string | null; closed_at: string | null
  campaign_id: number | null; version: number; updated_at: string
  location_accuracy: number | null; location_method: string | null; pin_reason: string | null
}

/** Column ↔ field pairs; the single place the ledger's SQL names are spelled. */
const columns = [
  ['id', 'id'], ['code', 'code'], ['title', 'title'], ['description', 'description'], ['category', 'category'],
  ['item', 'item'], ['status', 'status'], ['level', 'level'], ['source', 'source'], ['area_id', 'areaId'],
  ['village_id', 'villageId'], ['district_id', 'districtId'], ['town_id', 'townId'], ['site_id', 'siteId'],
  ['discovered_at', 'discoveredAt'], ['found_at', 'foundAt'], ['reported_at', 'reportedAt'], ['received_at', 'receivedAt'],
  ['reported_by', 'reportedBy'], ['measures', 'measures'],
  ['lead_unit', 'leadUnit'], ['responsible_unit', 'responsibleUnit'], ['responsible_person', 'responsiblePerson'],
  ['deadline', 'deadline'], ['handling_level', 'handlingLevel'], ['escalated', 'escalated'],
  ['rectified_at', 'rectifiedAt'], ['closed_at', 'closedAt'], ['campaign_id', 'campaignId'],
  ['version', 'version'], ['updated_at', 'updatedAt'],
] as const
/**
 * How the place was taken (migration 11): read and written with the rest, but not in insertColumns,
 * whose order the bulk load's flat rows share (a bulk-loaded hazard has none of them).
 */
const placeColumns = [['location_accuracy', 'locationAccuracy'], ['location_method', 'locationMethod'], ['pin_reason', 'pinReason']] as const
const sqlOf = Object.fromEntries([...columns, ...placeColumns].map(([col, field]) => [field, col])) as Record<string, string>
/** The place's columns a hazard without them is written with. */
const noPlace = Object.fromEntries(placeColumns.map(([col]) => [col, null]))

/** A row written before the three times (found_at NULL) reads as migration 9 filled them. */
function fromRow(r: HazardRow): Hazard {
  const foundAt = r.found_at ?? foundOnDay(r.discovered_at)
  const reportedAt = r.reported_at ?? foundAt
  return {
    id: r.id, code: r.code, title: r.title, description: r.description,
    category: r.category as Hazard['category'], item: r.item, status: r.status as Hazard['status'],
    level: r.level as Hazard['level'], source: r.source as Hazard['source'], location: [r.lon, r.lat],
    areaId: r.area_id, villageId: r.village_id, districtId: r.district_id, townId: r.town_id,
    siteId: r.site_id, discoveredAt: r.discovered_at, foundAt, reportedAt, receivedAt: r.received_at ?? reportedAt, reportedBy: r.reported_by, measures: r.measures,
    leadUnit: r.lead_unit as Hazard['leadUnit'], responsibleUnit: r.responsible_unit,
    responsiblePerson: r.responsible_person, deadline: r.deadline,
    handlingLevel: r.handling_level as Hazard['handlingLevel'], escalated: r.escalated === 1,
    rectifiedAt: r.rectified_at, closedAt: r.closed_at, campaignId: r.campaign_id, version: r.version,
    updatedAt: r.updated_at,
    // How the place was taken: present only when known, as a record without it was written.
    ...(r.location_accuracy !== null ? { locationAccuracy: r.location_accuracy } : {}),
    ...(r.location_method !== null ? { locationMethod: r.location_method as NonNullable<Hazard['locationMethod']> } : {}),
    ...(r.pin_reason !== null ? { pinReason: r.pin_reason } : {}),
  }
}

function toParams(h: Partial<Hazard>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(h)) {
    // Left out is not written (an optional field of a record, e.g. the place's).
    if (value === undefined) continue
    if (key === 'location') {
      const [lon, lat] = value as [number, number]
      out.lon = lon
      out.lat = lat
    } else if (key === 'escalated') out.escalated = value ? 1 : 0
    else if (key in sqlOf) out[sqlOf[key]!] = value
  }
  return out
}

export const insertColumns = [...columns.map(([c]) => c), 'lon', 'lat']
/** Every column a hazard is read from and written with one at a time. */
const rowColumns = [...insertColumns, ...placeColumns.map(([c]) => c)]
const insertSql = `INSERT INTO hazards (${rowColumns.join(',')}) VALUES (${rowColumns.map((c) => '@' + c).join(',')})`
const placeSql = `UPDATE hazards SET ${placeColumns.map(([c]) => `${c} = @${c}`).join(', ')} WHERE id = @id`
const eventSql = `INSERT INTO hazard_events (hazard_id, at, actor, action, note, from_status, to_status, no_photo_reason)
  VALUES (@hazardId, @at, @actor, @action, @note, @from, @to, @noPhotoReason)`

/** Rows per multi-row INSERT in insertMany: far fewer statement runs, well under SQLite's parameter cap. */
const BULK = 50
/** The SQL name of a hazard's field (lon and lat are their own). */
export const columnOf = (field: string): string => sqlOf[field] ?? field
const eventColumns = ['hazard_id', 'at', 'actor', 'action', 'note', 'from_status', 'to_status', 'no_photo_reason']
export const bulkSql = (table: string, cols: readonly string[], rows = BULK) =>
  `INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(rows).fill(`(${cols.map(() => '?').join(',')})`).join(',')}`

/** A hazard's values in insertColumns order, read field by field: no intermediate objects in bulk loads. */
function hazardValues(h: Hazard, out: unknown[]): void {
  out.push(
    h.id, h.code, h.title, h.description, h.category, h.item, h.status, h.level, h.source, h.areaId, h.villageId,
    h.districtId, h.townId, h.siteId, h.discoveredAt, h.foundAt, h.reportedAt, h.receivedAt, h.reportedBy, h.measures, h.leadUnit, h.responsibleUnit,
    h.responsiblePerson, h.deadline, h.handlingLevel, h.escalated ? 1 : 0, h.rectifiedAt, h.closedAt, h.campaignId,
    h.version, h.updatedAt, h.location[0], h.location[1],
  )
}

export function hazardStore(db: Database.Database): HazardStore {
  const bulkHazards = db.prepare(bulkSql('hazards', insertColumns))
  const historyOf = db.prepare('SELECT events FROM hazard_histories WHERE hazard_id = ?').pluck()
  const bulkEvents = db.prepare(bulkSql('hazard_events', eventColumns))
  const insertHazard = db.prepare(insertSql)
  const insertEvent = db.prepare(eventSql)
  const byId = db.prepare(`SELECT ${rowColumns.join(',')} FROM hazards WHERE id = ?`)
  const setPlace = db.prepare(placeSql)
  const eventsOf = db.prepare(
    'SELECT hazard_id AS hazardId, at, actor, action, note, from_status AS "from", to_status AS "to", no_photo_reason AS noPhotoReason FROM hazard_events WHERE hazard_id = ? ORDER BY id',
  )
  // Most events carry no reason: the field is left out rather than null, as in the compact histories.
  const eventOf = (e: HazardEvent): HazardEvent => {
    if (e.noPhotoReason == null) delete e.noPhotoReason
    return e
  }
  const runEvent = (e: HazardEvent) => insertEvent.run({ ...e, noPhotoReason: e.noPhotoReason ?? null })
  const maxId = db.prepare('SELECT coalesce(max(id), 0) AS n FROM hazards')
  const count = db.prepare('SELECT count(*) AS n FROM hazards')
  // The text search's index, kept in the same transaction as each write of a hazard's text.
  const textInsert = db.prepare('INSERT INTO hazard_text (rowid, grams) VALUES (?, ?)')
  const textDelete = db.prepare('DELETE FROM hazard_text WHERE rowid = ?')
  const indexText = (h: { id: number; code: string; title: string; description: string }) => void textInsert.run(h.id, textGrams(h.code, h.title, h.description))
  const scan = db.prepare(
    `SELECT id, area_id AS areaId, item, status, level, source, discovered_at AS discoveredAt, deadline,
            closed_at AS closedAt, escalated, campaign_id AS campaignId, lon, lat, site_id AS siteId, rectified_at AS rectifiedAt,
            coalesce(found_at, discovered_at || 'T09:00:00+08:00') AS foundAt,
            coalesce(reported_at, found_at, discovered_at || 'T09:00:00+08:00') AS reportedAt FROM hazards ORDER BY id`,
  )

  const nextCode = (discoveredAt: string, id: number) => `YH${discoveredAt.slice(0, 4)}${String(id).padStart(7, '0')}`

  return {
    insertMany(hazards, events) {
      const values: unknown[] = []
      let i = 0
      for (; i + BULK <= hazards.length; i += BULK) {
        values.length = 0
        for (let k = i; k < i + BULK; k++) hazardValues(hazards[k]!, values)
        bulkHazards.run(values)
      }
      for (; i < hazards.length; i++) insertHazard.run({ ...noPlace, ...toParams(hazards[i]!), id: hazards[i]!.id })
      // The flat rows carry no place: the few hazards that have one get it after.
      for (const h of hazards) {
        const place = toParams({ locationAccuracy: h.locationAccuracy, locationMethod: h.locationMethod, pinReason: h.pinReason })
        if (Object.values(place).some((v) => v != null)) setPlace.run({ ...noPlace, ...place, id: h.id })
      }
      for (const h of hazards) indexText(h)
      let j = 0
      for (; j + BULK <= events.length; j += BULK) {
        values.length = 0
        for (let k = j; k < j + BULK; k++) {
          const e = events[k]!
          values.push(e.hazardId, e.at, e.actor, e.action, e.note, e.from, e.to, e.noPhotoReason ?? null)
        }
        bulkEvents.run(values)
      }
      for (; j < events.length; j++) runEvent(events[j]!)
    },
    insert(hazard: HazardInsert, event: NewEvent) {
      const id = (maxId.get() as { n: number }).n + 1
      const code = hazard.code ?? nextCode(hazard.discoveredAt, id)
      insertHazard.run({ ...noPlace, ...toParams(hazard), id, code, version: 1 })
      runEvent({ ...event, hazardId: id })
      const row = fromRow(byId.get(id) as HazardRow)
      indexText(row)
      return row
    },
    update(id: number, version: number, patch: HazardPatch, event: NewEvent) {
      const params = toParams(patch)
      const sets = Object.keys(params).map((c) => `${c} = @${c}`)
      const sql = `UPDATE hazards SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = @id AND version = @expected`
      const changed = db.prepare(sql).run({ ...params, id, expected: version }).changes
      if (changed === 0) return undefined
      runEvent({ ...event, hazardId: id })
      const row = fromRow(byId.get(id) as HazardRow)
      if ('title' in patch || 'description' in patch) {
        textDelete.run(id)
        indexText(row)
      }
      return row
    },
    get(id) {
      const row = byId.get(id) as HazardRow | undefined
      return row && fromRow(row)
    },
    getMany(ids) {
      if (ids.length === 0) return []
      const rows = new Map<number, Hazard>()
      // SQLite caps bound parameters; 500 per statement stays far below it.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500)
        const stmt = db.prepare(`SELECT ${rowColumns.join(',')} FROM hazards WHERE id IN (${chunk.map(() => '?').join(',')})`)
        for (const r of stmt.all(...chunk) as HazardRow[]) rows.set(r.id, fromRow(r))
      }
      return ids.flatMap((id) => rows.get(id) ?? [])
    },
    events(id) {
      const history = historyOf.get(id) as Uint8Array | null | undefined
      const later = (eventsOf.all(id) as HazardEvent[]).map(eventOf)
      if (!history) return later
      return [...seededEvents(id, history), ...later]
    },
    *scanIndexed() {
      type Row = Omit<IndexedHazard, 'location' | 'escalated'> & { escalated: number; lon: number; lat: number }
      for (const r of scan.iterate() as IterableIterator<Row>) {
        yield { ...r, escalated: r.escalated === 1, location: [r.lon, r.lat] }
      }
    },
    searchText(q, hiddenItems) {
      const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
      // The index names the candidates; the LIKE, as before the index, decides.
      const text = "id IN (SELECT rowid FROM hazard_text WHERE hazard_text MATCH ?) AND (code LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"
      // Confidential text must not be searchable by those who may not read it, or a search leaks it.
      const guard = hiddenItems.length
        ? ` AND (item NOT IN (${hiddenItems.map(() => '?').join(',')}) OR code LIKE ? ESCAPE '\\')`
        : ''
      const params = hiddenItems.length ? [textQuery(q), like, like, like, ...hiddenItems, like] : [textQuery(q), like, like, like]
      return new Set(db.prepare(`SELECT id FROM hazards WHERE ${text}${guard}`).pluck().all(...params) as number[])
    },
    count() {
      return (count.get() as { n: number }).n
    },
  }
}
