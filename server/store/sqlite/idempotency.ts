import type Database from 'better-sqlite3'
import type { IdempotencyRecord, IdempotencyStore } from '../port/idempotency'

const cols = 'username, key, route, request_hash AS requestHash, status, answer, created_at AS createdAt'

/** Idempotency keys in SQLite; `exclusive` is a BEGIN IMMEDIATE transaction. */
export function idempotencyStore(db: Database.Database): IdempotencyStore {
  const one = db.prepare(`SELECT ${cols} FROM idempotency_keys WHERE username = ? AND key = ?`)
  const insert = db.prepare(
    `INSERT INTO idempotency_keys (username, key, route, request_hash, status, answer, created_at)
     VALUES (@username, @key, @route, @requestHash, @status, @answer, @createdAt) ON CONFLICT DO NOTHING`,
  )
  const prune = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?')
  return {
    get: (username, key) => one.get(username, key) as IdempotencyRecord | undefined,
    put: (row) => insert.run(row).changes === 1,
    // A deferred transaction that read a key and then writes would fail (SQLITE_BUSY) when another
    // process committed in between; an immediate one waits (busy_timeout) and then reads its commit.
    exclusive: (fn) => db.transaction(fn).immediate(),
    prune: (before) => prune.run(before).changes,
  }
}
