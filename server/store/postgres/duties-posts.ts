import type { LeadUnitId } from '../../domain/categories'
import type { FrozenScorecardsRecord, PostFilter, PostRecord, PostStore, ScorecardStore } from '../types'
import type { PgSync } from './bridge'

const postCols = `id, kind, place_id AS "placeId", holder_name AS name, holder_phone AS phone, holder_username AS username,
  valid_from AS "validFrom", valid_to AS "validTo", created_by AS "createdBy", created_at AS "createdAt"`
const postOrder = 'ORDER BY kind, place_id, valid_from, id'

/** `kind` and `place_id` narrowed or not, from $1 and $2: NULL matches everything, an empty place list nothing. */
const narrowed = '($1::text IS NULL OR kind = $1) AND ($2::text[] IS NULL OR place_id = ANY($2::text[]))'
const narrowing = (f: PostFilter): unknown[] => [f.kind ?? null, f.placeIds ? [...f.placeIds] : null]

/** Who held which post when (table `posts`), as server/store/sqlite/posts.ts. */
export function postStore(db: PgSync): PostStore {
  return {
    insert: (row) =>
      db.one<PostRecord>(
        `INSERT INTO posts (kind, place_id, holder_name, holder_phone, holder_username, valid_from, valid_to, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${postCols}`,
        [row.kind, row.placeId, row.name, row.phone, row.username, row.validFrom, row.validTo ?? null, row.createdBy, row.createdAt],
      )!,
    close: (id, validTo) => void db.run('UPDATE posts SET valid_to = $2 WHERE id = $1', [id, validTo]),
    list: (filter) => db.query<PostRecord>(`SELECT ${postCols} FROM posts WHERE ${narrowed} ${postOrder}`, narrowing(filter)),
    holdersOn: (date, filter) =>
      db.query<PostRecord>(
        `SELECT ${postCols} FROM posts WHERE ${narrowed} AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3) ${postOrder}`,
        [...narrowing(filter), date],
      ),
  }
}

/**
 * Frozen scorecards (table `scorecards`) and the few facts the scorecards read from other parts'
 * tables (inspections, users, hazards), as server/store/sqlite/scorecards.ts.
 */
export function scorecardStore(db: PgSync): ScorecardStore {
  const one = (month: string) => db.one<FrozenScorecardsRecord>('SELECT month, frozen_at AS "frozenAt", body FROM scorecards WHERE month = $1', [month])
  return {
    get: one,
    freeze(row) {
      db.run('INSERT INTO scorecards (month, frozen_at, body) VALUES ($1, $2, $3) ON CONFLICT (month) DO NOTHING', [row.month, row.frozenAt, row.body])
      return one(row.month)!
    },
    quietSelfChecks: (from, to) =>
      db.query<{ id: number; villageId: string; date: string }>(
        `SELECT id, village_id AS "villageId", date FROM inspections
         WHERE date BETWEEN $1 AND $2 AND source = 'routine' AND hazards_found = 0 AND village_id IS NOT NULL
         ORDER BY date COLLATE "C", id`,
        [from, to],
      ),
    unitAccounts: () =>
      new Map(
        db.query<{ username: string; unit: LeadUnitId }>('SELECT username, lead_unit AS unit FROM users WHERE lead_unit IS NOT NULL ORDER BY id').map((r) => [r.username, r.unit]),
      ),
    unitReports: (from, to) =>
      db.query<{ hazardId: number; unit: LeadUnitId }>(
        `SELECT h.id AS "hazardId", u.lead_unit AS unit FROM hazards h JOIN users u ON u.username = h.reported_by
         WHERE h.discovered_at BETWEEN $1 AND $2 AND u.lead_unit IS NOT NULL ORDER BY h.id`,
        [from, to],
      ),
  }
}
