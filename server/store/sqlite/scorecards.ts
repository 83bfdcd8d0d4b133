import type Database from 'better-sqlite3'
import type { LeadUnitId } from '../../domain/categories'
import type { FrozenScorecardsRecord, ScorecardStore } from '../port/scorecards'

export function scorecardStore(db: Database.Database): ScorecardStore {
  const one = db.prepare('SELECT month, frozen_at AS frozenAt, body FROM scorecards WHERE month = ?')
  const insert = db.prepare('INSERT INTO scorecards (month, frozen_at, body) VALUES (@month, @frozenAt, @body) ON CONFLICT(month) DO NOTHING')
  const quiet = db.prepare(
    `SELECT id, village_id AS villageId, date FROM inspections
     WHERE date BETWEEN ? AND ? AND source = 'routine' AND hazards_found = 0 AND village_id IS NOT NULL ORDER BY date, id`,
  )
  const accounts = db.prepare('SELECT username, lead_unit AS unit FROM users WHERE lead_unit IS NOT NULL')
  const reports = db.prepare(
    `SELECT h.id AS hazardId, u.lead_unit AS unit FROM hazards h JOIN users u ON u.username = h.reported_by
     WHERE h.discovered_at BETWEEN ? AND ? AND u.lead_unit IS NOT NULL`,
  )
  return {
    get: (month) => one.get(month) as FrozenScorecardsRecord | undefined,
    freeze(row) {
      insert.run(row)
      return one.get(row.month) as FrozenScorecardsRecord
    },
    quietSelfChecks: (from, to) => quiet.all(from, to) as Array<{ id: number; villageId: string; date: string }>,
    unitAccounts: () => new Map((accounts.all() as Array<{ username: string; unit: LeadUnitId }>).map((r) => [r.username, r.unit])),
    unitReports: (from, to) => reports.all(from, to) as Array<{ hazardId: number; unit: LeadUnitId }>,
  }
}
