import type Database from 'better-sqlite3'
import type { BulletinRecord, BulletinStore } from '../types'

export function bulletinStore(db: Database.Database): BulletinStore {
  const one = db.prepare('SELECT month, generated_at AS generatedAt, body FROM bulletins WHERE month = ?')
  const insert = db.prepare('INSERT INTO bulletins (month, generated_at, body) VALUES (@month, @generatedAt, @body) ON CONFLICT(month) DO NOTHING')
  // Event times carry their writer's offset (the seed +08:00, the API UTC), so they are compared as instants.
  // Escalations inside compact histories were recorded before any row of hazard_events, in hazard order:
  // listing them first at equal instants keeps the order of the events as they were written.
  const escalations = db.prepare(
    `SELECT hazardId, at FROM (
       SELECT hazard_id AS hazardId, at, 0 AS part, rowid AS seq FROM history_escalations
       UNION ALL
       SELECT hazard_id, at, 1, id FROM hazard_events WHERE action = 'escalate'
     ) WHERE julianday(at) BETWEEN julianday(?) AND julianday(?) ORDER BY julianday(at), part, seq`,
  )
  return {
    get(month) {
      return one.get(month) as BulletinRecord | undefined
    },
    freeze(row) {
      insert.run(row)
      return one.get(row.month) as BulletinRecord
    },
    escalations(fromIso, toIso) {
      return escalations.all(fromIso, toIso) as Array<{ hazardId: number; at: string }>
    },
  }
}
