import type Database from 'better-sqlite3'
import type { PostFilter, PostRecord, PostStore } from '../types'

const cols = `id, kind, place_id AS placeId, holder_name AS name, holder_phone AS phone, holder_username AS username,
  valid_from AS validFrom, valid_to AS validTo, created_by AS createdBy, created_at AS createdAt`

/** `kind` and `place_id` narrowed or not: NULL parameters match everything, a place list travels as JSON. */
const narrowed = `(@kind IS NULL OR kind = @kind) AND (@places IS NULL OR place_id IN (SELECT value FROM json_each(@places)))`
const order = 'ORDER BY kind, place_id, valid_from, id'

const params = (f: PostFilter) => ({ kind: f.kind ?? null, places: f.placeIds ? JSON.stringify(f.placeIds) : null })

/** Who held which post when (table `posts`, migration 8). */
export function postStore(db: Database.Database): PostStore {
  const insert = db.prepare(
    `INSERT INTO posts (kind, place_id, holder_name, holder_phone, holder_username, valid_from, valid_to, created_by, created_at)
     VALUES (@kind, @placeId, @name, @phone, @username, @validFrom, @validTo, @createdBy, @createdAt)`,
  )
  const one = db.prepare(`SELECT ${cols} FROM posts WHERE id = ?`)
  const close = db.prepare('UPDATE posts SET valid_to = ? WHERE id = ?')
  const list = db.prepare(`SELECT ${cols} FROM posts WHERE ${narrowed} ${order}`)
  const on = db.prepare(`SELECT ${cols} FROM posts WHERE ${narrowed} AND valid_from <= @date AND (valid_to IS NULL OR valid_to >= @date) ${order}`)
  return {
    insert(row) {
      return one.get(insert.run({ ...row, validTo: row.validTo ?? null }).lastInsertRowid) as PostRecord
    },
    close(id, validTo) {
      close.run(validTo, id)
    },
    list(filter) {
      return list.all(params(filter)) as PostRecord[]
    },
    holdersOn(date, filter) {
      return on.all({ ...params(filter), date }) as PostRecord[]
    },
  }
}
