import type { NewWarning, WarningActionRecord, WarningCalendarRecord, WarningPatch, WarningRecord, WarningStore } from '../types'
import type { PgSync } from './bridge'

const cols = `id, code, key, detector, level, detected_level AS "detectedLevel", status, category, item, area, signal,
  rule_id AS "ruleId", rule_version AS "ruleVersion", responsible_kind AS "responsibleKind", responsible_id AS "responsibleId",
  issued_at AS "issuedAt", issued_on AS "issuedOn", response_deadline AS "responseDeadline", last_fired_on AS "lastFiredOn",
  lift_proposed AS "liftProposed", lifted_at AS "liftedAt", lift_reason AS "liftReason"`
const actionCols = `id, warning_id AS "warningId", at, on_day AS "on", actor, action, from_level AS "fromLevel", to_level AS "toLevel",
  note, hazard_ids AS "hazardIds", inspection_ids AS "inspectionIds"`
const calendarCols = 'version, entries, reason, updated_by AS "updatedBy", updated_at AS "updatedAt"'

/** A row as the driver reads it: area and signal are json (parsed by the driver), the responsible unit two columns. */
type Row = Omit<WarningRecord, 'responsible'> & { responsibleKind: 'lead_unit' | 'district'; responsibleId: string }

function record(r: Row): WarningRecord {
  const { responsibleKind, responsibleId, ...rest } = r
  return { ...rest, responsible: { kind: responsibleKind, id: responsibleId } as WarningRecord['responsible'] }
}

/** Columns a patch may set, by field. */
const patchColumns: Record<keyof WarningPatch, string> = {
  level: 'level', detectedLevel: 'detected_level', status: 'status', signal: 'signal', ruleId: 'rule_id', ruleVersion: 'rule_version',
  lastFiredOn: 'last_fired_on', liftProposed: 'lift_proposed', liftedAt: 'lifted_at', liftReason: 'lift_reason',
}

/** Any fixed number: the advisory lock a run of the detectors holds while it reconciles (latestByKey). */
export const RECONCILE_LOCK = 14_042_026

/**
 * Warnings, their actions and the seasonal calendar's versions, as server/store/sqlite/warnings.ts.
 *
 * Several instances share these tables, so what SQLite got from being one process is made
 * explicit: the parsed list of every warning is kept only while the `warnings_version` counter
 * (moved by a trigger before every write, in the writer's transaction) still reads what it read; a
 * run's reconciliation takes an advisory lock, so runs on two instances do not both issue the same
 * finding or the same 编号; and a warning read inside a transaction waits for the other writers
 * first, so an action's re-read before its change is not overtaken by another instance's action.
 */
export function warningStore(db: PgSync): WarningStore {
  const one = (id: number) => {
    const r = db.one<Row>(`SELECT ${cols} FROM warnings WHERE id = $1`, [id])
    return r && record(r)
  }
  let kept: { version: number; rows: WarningRecord[] } | undefined
  return {
    insert(row: NewWarning) {
      return record(
        db.one<Row>(
          `INSERT INTO warnings (code, key, detector, level, detected_level, status, category, item, area, signal, rule_id, rule_version,
             responsible_kind, responsible_id, issued_at, issued_on, response_deadline, last_fired_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::json, $10::json, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING ${cols}`,
          [
            row.code, row.key, row.detector, row.level, row.detectedLevel, row.status, row.category, row.item, JSON.stringify(row.area),
            JSON.stringify(row.signal), row.ruleId, row.ruleVersion, row.responsible.kind, row.responsible.id, row.issuedAt, row.issuedOn,
            row.responseDeadline, row.lastFiredOn,
          ],
        )!,
      )
    },
    /**
     * Inside a transaction (every one on this connection is opened by db.transaction, which
     * knows; asking the database would cost a round trip a read), the read a check-then-write
     * relies on (a user's action re-reads the warning before changing it): it first waits for any
     * other transaction writing warnings to commit (the counter's row lock, which every writer
     * takes first) and holds that lock to its own end, then reads the row as committed. Outside
     * one, a plain read.
     */
    get(id) {
      if (db.inTransaction) db.run('SELECT 1 FROM warnings_version FOR UPDATE')
      return one(id)
    },
    /**
     * One round trip while nothing changed: the counter and whether this connection's transaction
     * has written anything. A list read inside a transaction that wrote is never kept (it may roll back).
     */
    list() {
      const state = db.one<{ version: number; clean: boolean }>(
        'SELECT n AS version, pg_current_xact_id_if_assigned() IS NULL AS clean FROM warnings_version',
      )!
      if (kept?.version === state.version) return kept.rows
      const rows = db.query<Row>(`SELECT ${cols} FROM warnings ORDER BY id`).map(record)
      kept = state.clean ? { version: state.version, rows } : undefined
      return rows
    },
    /**
     * In a transaction, first takes the reconciliation's lock until it ends: a run on another
     * instance waits, then reads what this one wrote.
     */
    latestByKey() {
      db.run('SELECT pg_advisory_xact_lock($1)', [RECONCILE_LOCK])
      const rows = db.query<Row>(`SELECT ${cols} FROM warnings WHERE id IN (SELECT max(id) FROM warnings GROUP BY key) ORDER BY id`)
      return new Map(rows.map((r) => [r.key, record(r)]))
    },
    update(id, patch) {
      const fields = (Object.keys(patch) as Array<keyof WarningPatch>).filter((k) => patch[k] !== undefined)
      if (!fields.length) return db.value('SELECT 1 FROM warnings WHERE id = $1', [id]) !== undefined
      const values: unknown[] = [id]
      const sets = fields.map((f) => {
        values.push(f === 'signal' ? JSON.stringify(patch.signal) : patch[f])
        return `${patchColumns[f]} = $${values.length}${f === 'signal' ? '::json' : ''}`
      })
      return db.run(`UPDATE warnings SET ${sets.join(', ')} WHERE id = $1`, values) === 1
    },
    lastNumber: (year) => db.value<number>('SELECT coalesce(max(substr(code, 9)::int), 0) FROM warnings WHERE code LIKE $1', [`YJ-${year}-%`]) ?? 0,
    addAction: (row) =>
      db.one<WarningActionRecord>(
        `INSERT INTO warning_actions (warning_id, at, on_day, actor, action, from_level, to_level, note, hazard_ids, inspection_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::int[], $10::int[]) RETURNING ${actionCols}`,
        [row.warningId, row.at, row.on, row.actor, row.action, row.fromLevel, row.toLevel, row.note, [...row.hazardIds], [...row.inspectionIds]],
      )!,
    /** One statement: the rows as JSON, inserted in their order (the identity follows it). */
    addActions(rows) {
      if (!rows.length) return
      db.run(
        `INSERT INTO warning_actions (warning_id, at, on_day, actor, action, from_level, to_level, note, hazard_ids, inspection_ids)
         SELECT r.warning_id, r.at, r.on_day, r.actor, r.action, r.from_level, r.to_level, r.note,
           ARRAY(SELECT json_array_elements_text(r.hazard_ids)::int), ARRAY(SELECT json_array_elements_text(r.inspection_ids)::int)
         FROM ROWS FROM (json_to_recordset($1::json) AS (warning_id int, at text, on_day text, actor text, action text, from_level text,
           to_level text, note text, hazard_ids json, inspection_ids json)) WITH ORDINALITY
           AS r(warning_id, at, on_day, actor, action, from_level, to_level, note, hazard_ids, inspection_ids, n)
         ORDER BY n`,
        [JSON.stringify(rows.map((a) => ({
          warning_id: a.warningId, at: a.at, on_day: a.on, actor: a.actor, action: a.action, from_level: a.fromLevel, to_level: a.toLevel,
          note: a.note, hazard_ids: a.hazardIds, inspection_ids: a.inspectionIds,
        })))],
      )
    },
    markFired(ids, day) {
      if (ids.length) db.run('UPDATE warnings SET last_fired_on = $1 WHERE id = ANY($2::int[])', [day, [...ids]])
    },
    actions: (warningId) => db.query<WarningActionRecord>(`SELECT ${actionCols} FROM warning_actions WHERE warning_id = $1 ORDER BY id`, [warningId]),
    actionsUntil: (day) => db.query<WarningActionRecord>(`SELECT ${actionCols} FROM warning_actions WHERE on_day <= $1 ORDER BY id`, [day]),
    notify: (row) =>
      void db.run('INSERT INTO notifications (username, hazard_id, warning_id, message, created_at) VALUES ($1, NULL, $2, $3, $4)', [
        row.username, row.warningId, row.message, row.createdAt,
      ]),
    notifyMany(rows) {
      if (!rows.length) return
      db.run(
        `INSERT INTO notifications (username, hazard_id, warning_id, message, created_at)
         SELECT r.username, NULL, r.warning_id, r.message, r.created_at
         FROM ROWS FROM (json_to_recordset($1::json) AS (username text, warning_id int, message text, created_at text)) WITH ORDINALITY
           AS r(username, warning_id, message, created_at, n)
         ORDER BY n`,
        [JSON.stringify(rows.map((r) => ({ username: r.username, warning_id: r.warningId, message: r.message, created_at: r.createdAt })))],
      )
    },
    calendar: () => db.one<WarningCalendarRecord>(`SELECT ${calendarCols} FROM warning_calendars ORDER BY version DESC LIMIT 1`),
    /**
     * The next version, whichever instance saves at the same time: a version taken meanwhile by
     * another writer makes the insert do nothing (it waits for that writer), and it is tried again.
     */
    saveCalendar(row) {
      for (;;) {
        const saved = db.one<WarningCalendarRecord>(
          `INSERT INTO warning_calendars (version, entries, reason, updated_by, updated_at)
           SELECT coalesce(max(version), 0) + 1, $1::json, $2, $3, $4 FROM warning_calendars
           ON CONFLICT (version) DO NOTHING RETURNING ${calendarCols}`,
          [JSON.stringify(row.entries), row.reason, row.updatedBy, row.updatedAt],
        )
        if (saved) return saved
      }
    },
  }
}
