import type Database from 'better-sqlite3'
import type { CheckRecord } from '../../domain/check-plans'
import type { Person, User } from '../../domain/schemas'
import type { InspectionPhotoRecord, InspectionStore, NewInspection, PersonStore, PersonVisit, SessionRow, SessionStore, StoredInspection, StoredUser, UserStore } from '../types'

const inspectionCols = `id, source, area_id AS areaId, date, inspectors, checked, findings, hazards_found AS hazardsFound, category,
  site_id AS siteId, lon, lat, created_at AS createdAt, created_by AS createdBy, village_id AS villageId, district_id AS districtId`
const photoCols = `id, inspection_id AS inspectionId, mime, bytes, width, height, file, created_by AS createdBy, created_at AS createdAt`

type InspectionRow = Omit<StoredInspection, 'location'> & { lon: number | null; lat: number | null }
const inspectionOf = ({ lon, lat, ...row }: InspectionRow): StoredInspection => ({ ...row, location: lon === null || lat === null ? null : [lon, lat] })
/** The columns an insert binds, with a new row's optional fields as NULL. */
const bound = ({ location, ...row }: NewInspection) => ({
  ...row, category: row.category ?? null, siteId: row.siteId ?? null, lon: location?.[0] ?? null, lat: location?.[1] ?? null, createdAt: row.createdAt ?? null,
})

export function inspectionStore(db: Database.Database): InspectionStore {
  const insert = db.prepare(`INSERT INTO inspections (id, source, area_id, village_id, district_id, date, inspectors,
    checked, findings, hazards_found, created_by, category, site_id, lon, lat, created_at) VALUES (@id, @source, @areaId,
    (SELECT CASE a.level WHEN 'village' THEN a.id WHEN 'grid' THEN a.parent_id END FROM areas a WHERE a.id = @areaId),
    (SELECT CASE a.level WHEN 'district' THEN a.id WHEN 'village' THEN a.parent_id
       WHEN 'grid' THEN (SELECT p.parent_id FROM areas p WHERE p.id = a.parent_id) END FROM areas a WHERE a.id = @areaId),
    @date, @inspectors, @checked, @findings, @hazardsFound, @createdBy, @category, @siteId, @lon, @lat, @createdAt)`)
  const one = db.prepare(`SELECT ${inspectionCols} FROM inspections WHERE id = ?`)
  const perVillage = db.prepare(
    `SELECT village_id AS v, count(*) AS n, max(date) AS last FROM inspections
     WHERE village_id IS NOT NULL AND date BETWEEN ? AND ? AND source IN (SELECT value FROM json_each(?)) GROUP BY village_id`,
  )
  // The recorder's lead unit: a unit's focused round often names no category, its account does.
  const checkRecords = db.prepare(
    `SELECT i.id, i.source, i.date, i.category, i.village_id AS villageId, i.district_id AS districtId, i.site_id AS siteId, u.lead_unit AS unit
     FROM inspections i LEFT JOIN users u ON u.username = i.created_by WHERE i.date BETWEEN ? AND ? ORDER BY i.date, i.id`,
  )
  const insertPhoto = db.prepare(`INSERT INTO inspection_photos (inspection_id, mime, bytes, width, height, file, created_by, created_at)
    VALUES (@inspectionId, @mime, @bytes, @width, @height, @file, @createdBy, @createdAt) RETURNING ${photoCols}`)
  const photo = db.prepare(`SELECT ${photoCols} FROM inspection_photos WHERE id = ?`)
  const allPhotos = db.prepare(`SELECT ${photoCols} FROM inspection_photos ORDER BY id`)
  const photosOf = db.prepare(`SELECT ${photoCols} FROM inspection_photos WHERE inspection_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
  return {
    checkRecords(from, to) {
      return checkRecords.all(from, to) as CheckRecord[]
    },
    perVillage(from, to, sources) {
      const rows = perVillage.all(from, to, JSON.stringify(sources)) as Array<{ v: string; n: number; last: string }>
      return new Map(rows.map((r) => [r.v, { count: r.n, last: r.last }]))
    },
    insertMany(rows) {
      for (const r of rows) insert.run(bound(r))
    },
    insert(row) {
      const info = insert.run({ ...bound(row), id: null })
      return inspectionOf(one.get(info.lastInsertRowid) as InspectionRow)
    },
    get(id) {
      const row = one.get(id) as InspectionRow | undefined
      return row && inspectionOf(row)
    },
    insertPhoto(row) {
      return insertPhoto.get(row) as InspectionPhotoRecord
    },
    photo(id) {
      return photo.get(id) as InspectionPhotoRecord | undefined
    },
    allPhotos() {
      return allPhotos.all() as InspectionPhotoRecord[]
    },
    photosOf(ids) {
      const out = new Map<number, InspectionPhotoRecord[]>()
      if (!ids.length) return out
      for (const p of photosOf.all(JSON.stringify(ids)) as InspectionPhotoRecord[]) {
        const list = out.get(p.inspectionId)
        if (list) list.push(p)
        else out.set(p.inspectionId, [p])
      }
      return out
    },
    list(filter) {
      const where: string[] = []
      const params: Array<string | number> = []
      if (filter.villageIds) {
        // A village sees its own checks and the district-wide rounds that covered it.
        where.push('(village_id IN (SELECT value FROM json_each(?)) OR (village_id IS NULL AND district_id IN (SELECT parent_id FROM areas WHERE id IN (SELECT value FROM json_each(?)))))')
        params.push(JSON.stringify(filter.villageIds), JSON.stringify(filter.villageIds))
      }
      if (filter.categories) {
        // A lead unit reaches its own category's inspections and the rounds of no one category.
        where.push('(category IS NULL OR category IN (SELECT value FROM json_each(?)))')
        params.push(JSON.stringify(filter.categories))
      }
      if (filter.from) { where.push('date >= ?'); params.push(filter.from) }
      if (filter.to) { where.push('date <= ?'); params.push(filter.to) }
      if (filter.source?.length) {
        where.push(`source IN (${filter.source.map(() => '?').join(',')})`)
        params.push(...filter.source)
      }
      const sql = `SELECT ${inspectionCols} FROM inspections ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY date DESC, id DESC LIMIT ?`
      return (db.prepare(sql).all(...params, filter.limit ?? 1000) as InspectionRow[]).map(inspectionOf)
    },
  }
}

const personCols = `id, kind, village_id AS villageId, name, id_number AS idNumber, phone, control_level AS controlLevel, measures`

export function personStore(db: Database.Database): PersonStore {
  const insert = db.prepare(`INSERT INTO persons (id, kind, village_id, name, id_number, phone, control_level, measures)
    VALUES (@id, @kind, @villageId, @name, @idNumber, @phone, @controlLevel, @measures)`)
  const one = db.prepare(`SELECT ${personCols} FROM persons WHERE id = ?`)
  const perVillage = db.prepare('SELECT village_id AS v, count(*) AS n FROM persons GROUP BY village_id')
  const visitCols = 'id, person_id AS personId, date, visitors, note, created_by AS createdBy, created_at AS createdAt'
  const visitsOf = db.prepare(`SELECT ${visitCols} FROM person_visits WHERE person_id = ? ORDER BY date DESC, id DESC`)
  const insertVisit = db.prepare(`INSERT INTO person_visits (person_id, date, visitors, note, created_by, created_at)
    VALUES (@personId, @date, @visitors, @note, @createdBy, @createdAt) RETURNING ${visitCols}`)
  return {
    insertMany(persons) {
      for (const p of persons) insert.run(p)
    },
    list(villageIds) {
      if (!villageIds) return db.prepare(`SELECT ${personCols} FROM persons ORDER BY id`).all() as Person[]
      return db
        .prepare(`SELECT ${personCols} FROM persons WHERE village_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
        .all(JSON.stringify(villageIds)) as Person[]
    },
    get(id) {
      return one.get(id) as Person | undefined
    },
    countByVillage() {
      return new Map((perVillage.all() as Array<{ v: string; n: number }>).map((r) => [r.v, r.n]))
    },
    visits(personId) {
      return visitsOf.all(personId) as PersonVisit[]
    },
    addVisit(visit) {
      return insertVisit.get(visit) as PersonVisit
    },
  }
}

const userCols = `id, username, name, role, area_id AS areaId, lead_unit AS leadUnit, password_hash AS passwordHash`

export function userStore(db: Database.Database): UserStore {
  const insert = db.prepare(`INSERT INTO users (username, name, role, area_id, lead_unit, password_hash, created_at)
    VALUES (@username, @name, @role, @areaId, @leadUnit, @passwordHash, @createdAt)`)
  const byName = db.prepare(`SELECT ${userCols} FROM users WHERE username = ?`)
  const byId = db.prepare(`SELECT ${userCols} FROM users WHERE id = ?`)
  return {
    insert(user) {
      const info = insert.run({ ...user, createdAt: new Date().toISOString() })
      return byId.get(info.lastInsertRowid) as StoredUser
    },
    byUsername(username) {
      return byName.get(username) as StoredUser | undefined
    },
    byId(id) {
      return byId.get(id) as StoredUser | undefined
    },
    list() {
      return db.prepare('SELECT id, username, name, role, area_id AS areaId, lead_unit AS leadUnit FROM users ORDER BY id').all() as User[]
    },
    remove(username) {
      return db.prepare('DELETE FROM users WHERE username = ?').run(username).changes > 0
    },
    setPassword(username, passwordHash) {
      return db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes > 0
    },
  }
}

export function sessionStore(db: Database.Database): SessionStore {
  const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
  const one = db.prepare('SELECT token_hash AS tokenHash, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE token_hash = ?')
  return {
    create(row: SessionRow) {
      insert.run(row.tokenHash, row.userId, row.createdAt, row.lastSeenAt)
    },
    get(tokenHash) {
      return one.get(tokenHash) as SessionRow | undefined
    },
    touch(tokenHash, at) {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash)
    },
    delete(tokenHash) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash)
    },
    deleteForUser(userId) {
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId)
    },
    deleteOlderThan(createdBefore, seenBefore) {
      return db.prepare('DELETE FROM sessions WHERE created_at < ? OR last_seen_at < ?').run(createdBefore, seenBefore).changes
    },
  }
}

export type { User }
