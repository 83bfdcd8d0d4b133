import type Database from 'better-sqlite3'
import type { NewWarning, WarningActionRecord, WarningCalendarRecord, WarningPatch, WarningRecord, WarningStore } from '../port/warnings'

const cols = `id, code, key, detector, level, detected_level AS detectedLevel, status, category, item, area, signal,
  rule_id AS ruleId, rule_version AS ruleVersion, responsible_kind AS responsibleKind, responsible_id AS responsibleId,
  issued_at AS issuedAt, issued_on AS issuedOn, response_deadline AS responseDeadline, last_fired_on AS lastFiredOn,
  lift_proposed AS liftProposed, lifted_at AS liftedAt, lift_reason AS liftReason`
const actionCols = `id, warning_id AS warningId, at, on_day AS "on", actor, action, from_level AS fromLevel, to_level AS toLevel, note,
  hazard_ids AS hazardIds, inspection_ids AS inspectionIds`

type Row = Omit<WarningRecord, 'area' | 'signal' | 'responsible' | 'liftProposed'> & {
  area: string; signal: string; responsibleKind: 'lead_unit' | 'district'; responsibleId: string; liftProposed: number
}
type ActionRow = Omit<WarningActionRecord, 'hazardIds' | 'inspectionIds'> & { hazardIds: string; inspectionIds: string }

/** A row's area and signal as parsed, beside the texts they were parsed from. */
interface Parsed {
  areaText: string
  signalText: string
  area: WarningRecord['area']
  signal: WarningRecord['signal']
}

/**
 * Records from rows. A warning's area and signal texts seldom change (a raised level's new signal
 * only), and parsing them was most of reading the list, which every run and every day of the
 * seed's history reads whole: the parsed values are kept by warning id and reused while the row's
 * texts are the same, so records read at different times may share them (nobody changes them).
 */
function recordReader(): (r: Row | undefined) => WarningRecord | undefined {
  const parsed = new Map<number, Parsed>()
  return (r) => {
    if (!r) return undefined
    let p = parsed.get(r.id)
    if (!p || p.areaText !== r.area || p.signalText !== r.signal) {
      p = { areaText: r.area, signalText: r.signal, area: JSON.parse(r.area) as WarningRecord['area'], signal: JSON.parse(r.signal) as WarningRecord['signal'] }
      parsed.set(r.id, p)
    }
    // Field by field: a rest-and-spread copy of the row's twenty columns cost more than the rest of the read.
    return {
      id: r.id, code: r.code, key: r.key, detector: r.detector, level: r.level, detectedLevel: r.detectedLevel, status: r.status, category: r.category,
      item: r.item, ruleId: r.ruleId, ruleVersion: r.ruleVersion, issuedAt: r.issuedAt, issuedOn: r.issuedOn, responseDeadline: r.responseDeadline,
      lastFiredOn: r.lastFiredOn, liftedAt: r.liftedAt, liftReason: r.liftReason, area: p.area, signal: p.signal,
      responsible: { kind: r.responsibleKind, id: r.responsibleId } as WarningRecord['responsible'], liftProposed: r.liftProposed === 1,
    }
  }
}

const action = (r: ActionRow): WarningActionRecord => ({
  id: r.id, warningId: r.warningId, at: r.at, on: r.on, actor: r.actor, action: r.action, fromLevel: r.fromLevel, toLevel: r.toLevel, note: r.note,
  hazardIds: JSON.parse(r.hazardIds) as number[], inspectionIds: JSON.parse(r.inspectionIds) as number[],
})

/** Columns a patch may set, by field. */
const patchColumns: Record<keyof WarningPatch, string> = {
  level: 'level', detectedLevel: 'detected_level', status: 'status', signal: 'signal', ruleId: 'rule_id', ruleVersion: 'rule_version',
  lastFiredOn: 'last_fired_on', liftProposed: 'lift_proposed', liftedAt: 'lifted_at', liftReason: 'lift_reason',
}

/** Warnings, their actions and the seasonal calendar's versions (migration 10). */
export function warningStore(db: Database.Database): WarningStore {
  const record = recordReader()
  const insert = db.prepare(
    `INSERT INTO warnings (code, key, detector, level, detected_level, status, category, item, area, signal, rule_id, rule_version,
       responsible_kind, responsible_id, issued_at, issued_on, response_deadline, last_fired_on)
     VALUES (@code, @key, @detector, @level, @detectedLevel, @status, @category, @item, @area, @signal, @ruleId, @ruleVersion,
       @responsibleKind, @responsibleId, @issuedAt, @issuedOn, @responseDeadline, @lastFiredOn)`,
  )
  const one = db.prepare(`SELECT ${cols} FROM warnings WHERE id = ?`)
  const all = db.prepare(`SELECT ${cols} FROM warnings ORDER BY id`)
  const latest = db.prepare(`SELECT ${cols} FROM warnings w WHERE id = (SELECT max(id) FROM warnings v WHERE v.key = w.key)`)
  const lastCode = db.prepare(`SELECT max(CAST(substr(code, 9) AS INTEGER)) FROM warnings WHERE code LIKE ?`).pluck()
  const insertAction = db.prepare(
    `INSERT INTO warning_actions (warning_id, at, on_day, actor, action, from_level, to_level, note, hazard_ids, inspection_ids)
     VALUES (@warningId, @at, @on, @actor, @action, @fromLevel, @toLevel, @note, @hazardIds, @inspectionIds)`,
  )
  const markFired = db.prepare('UPDATE warnings SET last_fired_on = ? WHERE id IN (SELECT value FROM json_each(?))')
  const oneAction = db.prepare(`SELECT ${actionCols} FROM warning_actions WHERE id = ?`)
  const actionsOf = db.prepare(`SELECT ${actionCols} FROM warning_actions WHERE warning_id = ? ORDER BY id`)
  const actionsUntil = db.prepare(`SELECT ${actionCols} FROM warning_actions WHERE on_day <= ? ORDER BY id`)
  const notify = db.prepare('INSERT INTO notifications (username, hazard_id, warning_id, message, created_at) VALUES (@username, NULL, @warningId, @message, @createdAt)')
  const calendar = db.prepare('SELECT version, entries, reason, updated_by AS updatedBy, updated_at AS updatedAt FROM warning_calendars ORDER BY version DESC LIMIT 1')
  const saveCalendar = db.prepare(
    `INSERT INTO warning_calendars (version, entries, reason, updated_by, updated_at)
     VALUES ((SELECT coalesce(max(version), 0) + 1 FROM warning_calendars), @entries, @reason, @updatedBy, @updatedAt)`,
  )
  const readCalendar = () => {
    const r = calendar.get() as (Omit<WarningCalendarRecord, 'entries'> & { entries: string }) | undefined
    return r && { ...r, entries: JSON.parse(r.entries) as WarningCalendarRecord['entries'] }
  }
  const updates = new Map<string, Database.Statement>()
  // Every list of warnings reads all of them: kept parsed until the next write, and only when read
  // outside a transaction (one that rolls back must not leave its rows behind).
  let everything: WarningRecord[] | null = null
  const changed = () => void (everything = null)
  return {
    insert(row: NewWarning) {
      changed()
      const { responsible, area, signal, ...rest } = row
      const id = insert.run({ ...rest, area: JSON.stringify(area), signal: JSON.stringify(signal), responsibleKind: responsible.kind, responsibleId: responsible.id }).lastInsertRowid
      return record(one.get(id) as Row)!
    },
    get: (id) => record(one.get(id) as Row | undefined),
    list() {
      if (everything) return everything
      const rows = (all.all() as Row[]).map((r) => record(r)!)
      if (!db.inTransaction) everything = rows
      return rows
    },
    latestByKey: () => new Map((latest.all() as Row[]).map((r) => [r.key, record(r)!])),
    update(id, patch) {
      changed()
      const fields = (Object.keys(patch) as Array<keyof WarningPatch>).filter((k) => patch[k] !== undefined)
      if (!fields.length) return one.get(id) !== undefined
      const sql = `UPDATE warnings SET ${fields.map((f) => `${patchColumns[f]} = @${f}`).join(', ')} WHERE id = @id`
      let stmt = updates.get(sql)
      if (!stmt) updates.set(sql, (stmt = db.prepare(sql)))
      const values: Record<string, unknown> = { id }
      for (const f of fields) {
        const v = patch[f]
        values[f] = f === 'signal' ? JSON.stringify(v) : f === 'liftProposed' ? (v ? 1 : 0) : v
      }
      return stmt.run(values).changes === 1
    },
    lastNumber: (year) => (lastCode.get(`YJ-${year}-%`) as number | null) ?? 0,
    addAction(row) {
      const id = insertAction.run({ ...row, hazardIds: JSON.stringify(row.hazardIds), inspectionIds: JSON.stringify(row.inspectionIds) }).lastInsertRowid
      return action(oneAction.get(id) as ActionRow)
    },
    addActions(rows) {
      for (const row of rows) insertAction.run({ ...row, hazardIds: JSON.stringify(row.hazardIds), inspectionIds: JSON.stringify(row.inspectionIds) })
    },
    markFired(ids, day) {
      if (!ids.length) return
      changed()
      markFired.run(day, JSON.stringify(ids))
    },
    actions: (warningId) => (actionsOf.all(warningId) as ActionRow[]).map(action),
    actionsUntil: (day) => (actionsUntil.all(day) as ActionRow[]).map(action),
    notify: (row) => void notify.run(row),
    notifyMany(rows) {
      for (const row of rows) notify.run(row)
    },
    calendar: readCalendar,
    saveCalendar(row) {
      saveCalendar.run({ ...row, entries: JSON.stringify(row.entries) })
      return readCalendar()!
    },
  }
}
