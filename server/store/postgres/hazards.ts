import type { Hazard, HazardEvent } from '../../domain/schemas'
import { seededEvents } from '../history'
import type { HazardInsert, HazardStore, NewEvent } from '../types'
import type { PgSync } from './bridge'
import { copyLine, eventColumns, eventOf, eventValues, fromRow, patchColumns, rowColumns, rowValues, selectList } from './hazards-rows'
import { scanIndexed } from './hazards-scan'
import { hazardTables } from './hazards-schema'
import { searchText, textGrams } from './text-search'

/** The ledger's tables (hazards, hazard_events, histories, the text index) in PostgreSQL; part of migration 1 (migrations.ts). */
export const hazardSchema = hazardTables

const hazardSeq = "pg_get_serial_sequence('hazards', 'id')"
/**
 * After rows with ids of their own, the next hazard gets the next id after them, as SQLite's
 * max(id) + 1 would (an identity does not follow explicit ids by itself).
 */
export const followIds = `SELECT setval(${hazardSeq}, coalesce((SELECT max(id) FROM hazards), 0) + 1, false)`

const eventParams = (first: number) => eventColumns.slice(1).map((_, i) => `$${first + i}`).join(', ')
/** A hazard's event, written by the statement that writes the hazard (`h` is that statement's row). */
const eventInsert = (first: number) =>
  `e AS (INSERT INTO hazard_events (${eventColumns.join(', ')}) SELECT h.id, ${eventParams(first)} FROM h)`

const insertSql = `WITH h AS (INSERT INTO hazards (${rowColumns.join(', ')}) VALUES (${rowColumns.map((_, i) => `$${i + 1}`).join(', ')})
  RETURNING ${selectList}),
  ${eventInsert(rowColumns.length + 1)},
  t AS (INSERT INTO hazard_text (id, grams) SELECT h.id, $${rowColumns.length + eventColumns.length}::int[] FROM h)
  SELECT * FROM h`

/**
 * The optimistic write: one statement sets the fields and bumps the version only where the version
 * is still the one read, and records the event only if it did. Two instances racing for a hazard
 * both reach the row; the second waits for the first's commit, finds the version moved and writes
 * nothing.
 */
function updateSql(sets: readonly string[], withText: boolean): string {
  const first = sets.length + 3
  const text = withText ? `, t AS (UPDATE hazard_text SET grams = $${first + eventColumns.length - 1}::int[] FROM h WHERE hazard_text.id = h.id)` : ''
  return `WITH h AS (UPDATE hazards SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = $1 AND version = $2
    RETURNING ${selectList}),
    ${eventInsert(first)}${text}
    SELECT * FROM h`
}

const codeOf = (discoveredAt: string, id: number) => `YH${discoveredAt.slice(0, 4)}${String(id).padStart(7, '0')}`

const eventsSql = `SELECT (SELECT events FROM hazard_histories WHERE hazard_id = $1) AS history,
  (SELECT coalesce(json_agg(json_build_object('at', at, 'actor', actor, 'action', action, 'note', note,
     'from', from_status, 'to', to_status, 'noPhotoReason', no_photo_reason) ORDER BY id), '[]')
   FROM hazard_events WHERE hazard_id = $1) AS later`

/** Hazards and events through COPY: the ledger's text index with them; ids followed after. */
export function copyHazards(db: PgSync, hazards: readonly Hazard[], events: readonly HazardEvent[]): void {
  if (hazards.length) {
    db.copyFrom(`COPY hazards (${rowColumns.join(', ')}) FROM STDIN`, hazards.map((h) => copyLine(rowValues(h))).join(''))
    db.copyFrom('COPY hazard_text (id, grams) FROM STDIN', hazards.map((h) => `${h.id}\t${textGrams(h.code, h.title, h.description)}\n`).join(''))
    db.run(followIds)
  }
  if (events.length) db.copyFrom(`COPY hazard_events (${eventColumns.join(', ')}) FROM STDIN`, events.map((e) => copyLine(eventValues(e))).join(''))
}

export function hazardStore(db: PgSync): HazardStore {
  return {
    insertMany: (hazards, events) => copyHazards(db, hazards, events),
    insert(hazard: HazardInsert, event: NewEvent) {
      // The id first: a code made from it is part of the text the index is written with.
      const id = db.value<number>(`SELECT nextval(${hazardSeq})`)!
      const code = hazard.code ?? codeOf(hazard.discoveredAt, id)
      const row = { ...hazard, id, code, version: 1 } as Hazard
      const values = [...rowValues(row), ...eventValues({ ...event, hazardId: id }).slice(1), textGrams(code, hazard.title, hazard.description)]
      return fromRow(db.one(insertSql, values)!)
    },
    update(id, version, patch, event) {
      const sets = patchColumns(patch)
      const params: unknown[] = [id, version, ...sets.map(([, v]) => v), ...eventValues({ ...event, hazardId: id }).slice(1)]
      const withText = 'title' in patch || 'description' in patch
      if (withText) {
        // The text as it will stand: the row at the version given (a code never changes), patched.
        const now = db.one<{ code: string; title: string; description: string }>('SELECT code, title, description FROM hazards WHERE id = $1 AND version = $2', [id, version])
        if (!now) return undefined
        params.push(textGrams(now.code, patch.title ?? now.title, patch.description ?? now.description))
      }
      const row = db.one(updateSql(sets.map(([col], i) => `${col} = $${i + 3}`), withText), params)
      return row && fromRow(row)
    },
    get(id) {
      const row = db.one(`SELECT ${selectList} FROM hazards WHERE id = $1`, [id])
      return row && fromRow(row)
    },
    getMany(ids) {
      if (ids.length === 0) return []
      const rows = new Map<number, Hazard>()
      for (const r of db.query(`SELECT ${selectList} FROM hazards WHERE id = ANY ($1::int[])`, [ids])) rows.set(r.id as number, fromRow(r))
      return ids.flatMap((id) => rows.get(id) ?? [])
    },
    events(id) {
      const { history, later } = db.one<{ history: Uint8Array | null; later: HazardEvent[] }>(eventsSql, [id])!
      const recorded = later.map((e) => eventOf({ ...e, hazardId: id }))
      return history ? [...seededEvents(id, history), ...recorded] : recorded
    },
    scanIndexed: () => scanIndexed(db),
    searchText: (q, hiddenItems) => searchText(db, q, hiddenItems),
    count: () => db.value<number>('SELECT count(*) FROM hazards') ?? 0,
  }
}
