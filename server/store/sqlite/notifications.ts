import type Database from 'better-sqlite3'
import type { NotificationRecord, NotificationStore } from '../types'

const cols = `id, username, hazard_id AS hazardId, warning_id AS warningId, message, created_at AS createdAt, read_at AS readAt`

export function notificationStore(db: Database.Database): NotificationStore {
  const insert = db.prepare('INSERT INTO notifications (username, hazard_id, warning_id, message, created_at) VALUES (@username, @hazardId, @warningId, @message, @createdAt)')
  const one = db.prepare(`SELECT ${cols} FROM notifications WHERE id = ?`)
  const all = db.prepare(`SELECT ${cols} FROM notifications WHERE username = ? ORDER BY id DESC LIMIT ?`)
  const unread = db.prepare(`SELECT ${cols} FROM notifications WHERE username = ? AND read_at IS NULL ORDER BY id DESC LIMIT ?`)
  const count = db.prepare('SELECT count(*) FROM notifications WHERE username = ? AND read_at IS NULL').pluck()
  const markOne = db.prepare('UPDATE notifications SET read_at = coalesce(read_at, @at) WHERE id = @id AND username = @username')
  const markAll = db.prepare('UPDATE notifications SET read_at = @at WHERE username = @username AND read_at IS NULL')
  return {
    insert(row) {
      return one.get(insert.run({ warningId: null, ...row }).lastInsertRowid) as NotificationRecord
    },
    list(username, { unreadOnly, limit }) {
      return (unreadOnly ? unread : all).all(username, limit) as NotificationRecord[]
    },
    unreadCount(username) {
      return count.get(username) as number
    },
    markRead(id, username, at) {
      if (markOne.run({ id, username, at }).changes === 0) return undefined
      return one.get(id) as NotificationRecord
    },
    markAllRead(username, at) {
      return markAll.run({ username, at }).changes
    },
  }
}
