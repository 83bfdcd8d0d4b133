import type Database from 'better-sqlite3'
import type { PhotoRecord, PhotoStore } from '../types'

const photoCols = `id, hazard_id AS hazardId, stage, mime, bytes, width, height, file, created_by AS createdBy, created_at AS createdAt,
  client_id AS clientId, taken_at AS takenAt`

/** Photos' rows; the image files themselves are kept beside the database, under VAR_DIR/photos. */
export function photoStore(db: Database.Database): PhotoStore {
  const insert = db.prepare(`INSERT INTO photos (hazard_id, stage, mime, bytes, width, height, file, created_by, created_at, client_id, taken_at)
    VALUES (@hazardId, @stage, @mime, @bytes, @width, @height, @file, @createdBy, @createdAt, @clientId, @takenAt)`)
  const one = db.prepare(`SELECT ${photoCols} FROM photos WHERE id = ?`)
  const ofHazard = db.prepare(`SELECT ${photoCols} FROM photos WHERE hazard_id = ? ORDER BY id`)
  const ofClient = db.prepare(`SELECT ${photoCols} FROM photos WHERE created_by = ? AND client_id = ?`)
  return {
    insert(row) {
      const info = insert.run(row)
      return one.get(info.lastInsertRowid) as PhotoRecord
    },
    get(id) {
      return one.get(id) as PhotoRecord | undefined
    },
    forHazard(hazardId) {
      return ofHazard.all(hazardId) as PhotoRecord[]
    },
    byClient(createdBy, clientId) {
      return ofClient.get(createdBy, clientId) as PhotoRecord | undefined
    },
  }
}
