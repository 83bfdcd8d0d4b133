import type { IdempotencyRecord, IdempotencyStore } from '../port/idempotency'
import type { PgSync } from './bridge'

const cols = 'username, key, route, request_hash AS "requestHash", status, answer, created_at AS "createdAt"'

/**
 * The lock `exclusive` holds until its transaction ends: one for the whole table, shared by every
 * instance on the database (hashtextextended is stable across servers and versions).
 *
 * Why one lock and not one per key: the port's exclusive(fn) is not told the key; fn (services/
 * idempotency.ts) reads it, runs the write and records the answer. A per-key lock would have to be
 * taken inside get(), coupling get to the transaction around it; one lock is correct and simple, and
 * costs nothing SQLite did not (its BEGIN IMMEDIATE serialises every write of the database). Writes
 * without a key never take it.
 */
const LOCK = "hashtextextended('pingan/idempotency_keys', 0)"

/** Idempotency keys in PostgreSQL; `exclusive` is a transaction that first takes an advisory lock. */
export function idempotencyStore(db: PgSync): IdempotencyStore {
  return {
    get: (username, key) => db.one<IdempotencyRecord>(`SELECT ${cols} FROM idempotency_keys WHERE username = $1 AND key = $2`, [username, key]),
    put: (row) =>
      db.run(
        `INSERT INTO idempotency_keys (username, key, route, request_hash, status, answer, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [row.username, row.key, row.route, row.requestHash, row.status, row.answer, row.createdAt],
      ) === 1,
    /**
     * A transaction (a savepoint inside one already open) that first takes the lock, held to the
     * end of the outermost transaction; the transactions fn opens join it (PgSync.transaction).
     */
    exclusive: (fn) =>
      db.transaction(() => {
        db.run(`SELECT pg_advisory_xact_lock(${LOCK})`)
        return fn()
      }),
    prune: (before) => db.run('DELETE FROM idempotency_keys WHERE created_at < $1', [before]),
  }
}
