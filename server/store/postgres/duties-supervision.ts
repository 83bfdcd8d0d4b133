import type { ExtensionRecord, SupervisionFilter, SupervisionRecord, SupervisionStore } from '../types'
import type { PgSync } from './bridge'

const listingCols = `id, hazard_id AS "hazardId", listing_unit AS "listingUnit", listed_by AS "listedBy", listed_at AS "listedAt",
  supervising_unit AS "supervisingUnit", deadline, reason, closed_at AS "closedAt", closed_by AS "closedBy", close_note AS "closeNote"`
const extensionCols = `id, hazard_id AS "hazardId", supervision_id AS "supervisionId", requested_by AS "requestedBy",
  requested_at AS "requestedAt", reason, old_deadline AS "oldDeadline", new_deadline AS "newDeadline", decision,
  decided_by AS "decidedBy", decided_at AS "decidedAt", decision_note AS "decisionNote"`
const newestListed = 'ORDER BY listed_at DESC, id DESC'

/**
 * The filter's conditions and their values: only the bounds given become conditions. An events
 * window without its end runs to the end of time ('9999'), as SQLite's adapter reads it.
 */
function filtered(f: SupervisionFilter): { where: string; values: unknown[] } {
  const conditions: string[] = []
  const values: unknown[] = []
  const $ = (v: unknown) => `$${values.push(v)}`
  if (f.state) conditions.push(f.state === 'open' ? 'closed_at IS NULL' : 'closed_at IS NOT NULL')
  if (f.eventsFrom !== undefined) {
    const [from, to] = [$(f.eventsFrom), $(f.eventsTo ?? '9999')]
    conditions.push(`((listed_at >= ${from} AND listed_at < ${to}) OR (closed_at >= ${from} AND closed_at < ${to}))`)
  }
  if (f.deadlineFrom !== undefined) conditions.push(`deadline >= ${$(f.deadlineFrom)}`)
  if (f.deadlineTo !== undefined) conditions.push(`deadline <= ${$(f.deadlineTo)}`)
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values }
}

/**
 * Listed supervision and extensions (tables `supervisions`, `extensions`), as
 * server/store/sqlite/supervision.ts. A second open listing of a hazard is refused by the unique
 * partial index, whichever instance writes it; closing and deciding change a row only while it is
 * still open or pending, so of two instances doing it at once exactly one is told true.
 */
export function supervisionStore(db: PgSync): SupervisionStore {
  const listing = (where: string, values: unknown[]) => db.one<SupervisionRecord>(`SELECT ${listingCols} FROM supervisions ${where}`, values)
  const extension = (id: number) => db.one<ExtensionRecord>(`SELECT ${extensionCols} FROM extensions WHERE id = $1`, [id])
  return {
    insert: (row) =>
      db.one<SupervisionRecord>(
        `INSERT INTO supervisions (hazard_id, listing_unit, listed_by, listed_at, supervising_unit, deadline, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${listingCols}`,
        [row.hazardId, row.listingUnit, row.listedBy, row.listedAt, row.supervisingUnit, row.deadline, row.reason],
      )!,
    get: (id) => listing('WHERE id = $1', [id]),
    openFor: (hazardId) => listing('WHERE hazard_id = $1 AND closed_at IS NULL', [hazardId]),
    forHazard: (hazardId) => db.query<SupervisionRecord>(`SELECT ${listingCols} FROM supervisions WHERE hazard_id = $1 ${newestListed}`, [hazardId]),
    list(filter) {
      const { where, values } = filtered(filter)
      return db.query<SupervisionRecord>(`SELECT ${listingCols} FROM supervisions ${where} ${newestListed}`, values)
    },
    setDeadline: (id, deadline) => void db.run('UPDATE supervisions SET deadline = $2 WHERE id = $1', [id, deadline]),
    close: (id, closedAt, closedBy, note) =>
      db.run('UPDATE supervisions SET closed_at = $2, closed_by = $3, close_note = $4 WHERE id = $1 AND closed_at IS NULL', [id, closedAt, closedBy, note]) === 1,
    insertExtension: (row) =>
      db.one<ExtensionRecord>(
        `INSERT INTO extensions (hazard_id, supervision_id, requested_by, requested_at, reason, old_deadline, new_deadline)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${extensionCols}`,
        [row.hazardId, row.supervisionId, row.requestedBy, row.requestedAt, row.reason, row.oldDeadline, row.newDeadline],
      )!,
    extension,
    extensionsOf: (hazardId) => db.query<ExtensionRecord>(`SELECT ${extensionCols} FROM extensions WHERE hazard_id = $1 ORDER BY id DESC`, [hazardId]),
    extensionsOfMany: (ids) =>
      ids.length ? db.query<ExtensionRecord>(`SELECT ${extensionCols} FROM extensions WHERE hazard_id = ANY($1::int[]) ORDER BY id DESC`, [[...ids]]) : [],
    decide: (id, decision, by, at, note) =>
      db.run('UPDATE extensions SET decision = $2, decided_by = $3, decided_at = $4, decision_note = $5 WHERE id = $1 AND decision IS NULL', [id, decision, by, at, note]) === 1,
  }
}
