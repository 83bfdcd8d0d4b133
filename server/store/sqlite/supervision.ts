import type Database from 'better-sqlite3'
import type { ExtensionRecord, SupervisionFilter, SupervisionRecord, SupervisionStore } from '../types'

const listingCols = `id, hazard_id AS hazardId, listing_unit AS listingUnit, listed_by AS listedBy, listed_at AS listedAt,
  supervising_unit AS supervisingUnit, deadline, reason, closed_at AS closedAt, closed_by AS closedBy, close_note AS closeNote`
const extensionCols = `id, hazard_id AS hazardId, supervision_id AS supervisionId, requested_by AS requestedBy, requested_at AS requestedAt,
  reason, old_deadline AS oldDeadline, new_deadline AS newDeadline, decision, decided_by AS decidedBy, decided_at AS decidedAt,
  decision_note AS decisionNote`

/** NULL parameters match everything. */
const filtered = `(@state IS NULL OR (@state = 'open') = (closed_at IS NULL))
  AND (@eventsFrom IS NULL OR (listed_at >= @eventsFrom AND listed_at < @eventsTo) OR (closed_at >= @eventsFrom AND closed_at < @eventsTo))
  AND (@deadlineFrom IS NULL OR deadline >= @deadlineFrom) AND (@deadlineTo IS NULL OR deadline <= @deadlineTo)`

const params = (f: SupervisionFilter) => ({
  state: f.state ?? null,
  eventsFrom: f.eventsFrom ?? null,
  eventsTo: f.eventsTo ?? '9999',
  deadlineFrom: f.deadlineFrom ?? null,
  deadlineTo: f.deadlineTo ?? null,
})

/** Listed supervision and extensions (tables `supervisions`, `extensions`, migration 9). */
export function supervisionStore(db: Database.Database): SupervisionStore {
  const insert = db.prepare(
    `INSERT INTO supervisions (hazard_id, listing_unit, listed_by, listed_at, supervising_unit, deadline, reason)
     VALUES (@hazardId, @listingUnit, @listedBy, @listedAt, @supervisingUnit, @deadline, @reason)`,
  )
  const one = db.prepare(`SELECT ${listingCols} FROM supervisions WHERE id = ?`)
  const open = db.prepare(`SELECT ${listingCols} FROM supervisions WHERE hazard_id = ? AND closed_at IS NULL`)
  const ofHazard = db.prepare(`SELECT ${listingCols} FROM supervisions WHERE hazard_id = ? ORDER BY listed_at DESC, id DESC`)
  const list = db.prepare(`SELECT ${listingCols} FROM supervisions WHERE ${filtered} ORDER BY listed_at DESC, id DESC`)
  const setDeadline = db.prepare('UPDATE supervisions SET deadline = ? WHERE id = ?')
  const close = db.prepare('UPDATE supervisions SET closed_at = ?, closed_by = ?, close_note = ? WHERE id = ? AND closed_at IS NULL')
  const insertExtension = db.prepare(
    `INSERT INTO extensions (hazard_id, supervision_id, requested_by, requested_at, reason, old_deadline, new_deadline)
     VALUES (@hazardId, @supervisionId, @requestedBy, @requestedAt, @reason, @oldDeadline, @newDeadline)`,
  )
  const extension = db.prepare(`SELECT ${extensionCols} FROM extensions WHERE id = ?`)
  const extensions = db.prepare(`SELECT ${extensionCols} FROM extensions WHERE hazard_id = ? ORDER BY id DESC`)
  const extensionsMany = db.prepare(
    `SELECT ${extensionCols} FROM extensions WHERE hazard_id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`,
  )
  const decide = db.prepare(
    'UPDATE extensions SET decision = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND decision IS NULL',
  )
  return {
    insert: (row) => one.get(insert.run(row).lastInsertRowid) as SupervisionRecord,
    get: (id) => one.get(id) as SupervisionRecord | undefined,
    openFor: (hazardId) => open.get(hazardId) as SupervisionRecord | undefined,
    forHazard: (hazardId) => ofHazard.all(hazardId) as SupervisionRecord[],
    list: (filter) => list.all(params(filter)) as SupervisionRecord[],
    setDeadline: (id, deadline) => void setDeadline.run(deadline, id),
    close: (id, closedAt, closedBy, note) => close.run(closedAt, closedBy, note, id).changes === 1,
    insertExtension: (row) => extension.get(insertExtension.run(row).lastInsertRowid) as ExtensionRecord,
    extension: (id) => extension.get(id) as ExtensionRecord | undefined,
    extensionsOf: (hazardId) => extensions.all(hazardId) as ExtensionRecord[],
    extensionsOfMany: (ids) => (ids.length ? (extensionsMany.all(JSON.stringify(ids)) as ExtensionRecord[]) : []),
    decide: (id, decision, by, at, note) => decide.run(decision, by, at, note, id).changes === 1,
  }
}
