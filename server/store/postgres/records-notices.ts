import type { NotificationRecord, NotificationStore, PhotoRecord, PhotoStore } from '../types'
import type { PgSync } from './bridge'

const photoCols = `id, hazard_id AS "hazardId", stage, mime, bytes, width, height, file, created_by AS "createdBy",
  created_at AS "createdAt", client_id AS "clientId", taken_at AS "takenAt"`

/** Photos' rows; their bytes are in photo_files (server/store/postgres/photo-files.ts). */
export function photoStore(db: PgSync): PhotoStore {
  return {
    // A repeated client id writes nothing and throws, without a unique violation: inside a caller's
    // transaction, PostgreSQL would abort the whole transaction on one (SQLite only the statement).
    insert(row) {
      const stored = db.one<PhotoRecord>(
        `INSERT INTO photos (hazard_id, stage, mime, bytes, width, height, file, created_by, created_at, client_id, taken_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (created_by, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING ${photoCols}`,
        [row.hazardId, row.stage, row.mime, row.bytes, row.width, row.height, row.file, row.createdBy, row.createdAt, row.clientId, row.takenAt],
      )
      if (!stored) throw new Error(`${row.createdBy} already stored a photo under client id ${row.clientId}`)
      return stored
    },
    get: (id) => db.one(`SELECT ${photoCols} FROM photos WHERE id = $1`, [id]),
    forHazard: (hazardId) => db.query(`SELECT ${photoCols} FROM photos WHERE hazard_id = $1 ORDER BY id`, [hazardId]),
    byClient: (createdBy, clientId) => db.one(`SELECT ${photoCols} FROM photos WHERE created_by = $1 AND client_id = $2`, [createdBy, clientId]),
  }
}

const noticeCols = `id, username, hazard_id AS "hazardId", warning_id AS "warningId", message, created_at AS "createdAt", read_at AS "readAt"`

/** Each user's notifications, newest first. */
export function notificationStore(db: PgSync): NotificationStore {
  return {
    insert: (row) =>
      db.one<NotificationRecord>(
        `INSERT INTO notifications (username, hazard_id, warning_id, message, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${noticeCols}`,
        [row.username, row.hazardId, row.warningId ?? null, row.message, row.createdAt],
      )!,
    list: (username, { unreadOnly, limit }) =>
      db.query(`SELECT ${noticeCols} FROM notifications WHERE username = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT $2`, [
        username, limit,
      ]),
    unreadCount: (username) => db.value<number>('SELECT count(*) FROM notifications WHERE username = $1 AND read_at IS NULL', [username])!,
    // Read once, read for good: a second mark keeps the first time.
    markRead: (id, username, at) =>
      db.one(`UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND username = $2 RETURNING ${noticeCols}`, [id, username, at]),
    markAllRead: (username, at) => db.run('UPDATE notifications SET read_at = $2 WHERE username = $1 AND read_at IS NULL', [username, at]),
  }
}
