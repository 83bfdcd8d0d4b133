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

/**
 * The connection's exec while an exclusive transaction runs fn: a transaction begun inside is a
 * savepoint (named after the exclusive one's), its commit the savepoint's release, its rollback a
 * rollback to it. Other statements pass through.
 */
function joining(exec: PgSync['exec'], name: string): PgSync['exec'] {
  const open: string[] = []
  return (text) => {
    if (text === 'BEGIN') {
      open.push(`${name}_${open.length}`)
      return exec(`SAVEPOINT ${open.at(-1)!}`)
    }
    if (text !== 'COMMIT' && text !== 'ROLLBACK') return exec(text)
    const sp = open.pop()!
    exec(text === 'COMMIT' ? `RELEASE SAVEPOINT ${sp}` : `ROLLBACK TO SAVEPOINT ${sp}; RELEASE SAVEPOINT ${sp}`)
  }
}

/** Idempotency keys in PostgreSQL; `exclusive` is a transaction that first takes an advisory lock. */
export function idempotencyStore(db: PgSync): IdempotencyStore {
  let depth = 0
  return {
    get: (username, key) => db.one<IdempotencyRecord>(`SELECT ${cols} FROM idempotency_keys WHERE username = $1 AND key = $2`, [username, key]),
    put: (row) =>
      db.run(
        `INSERT INTO idempotency_keys (username, key, route, request_hash, status, answer, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [row.username, row.key, row.route, row.requestHash, row.status, row.answer, row.createdAt],
      ) === 1,
    /**
     * Inside a transaction already open, fn runs in a savepoint and the lock is held to that
     * transaction's end. Otherwise this opens the transaction; the store's `transaction` (index.ts)
     * keeps its own nesting depth and would BEGIN and COMMIT inside fn, committing early and
     * releasing the lock, so while fn runs, the connection's BEGIN, COMMIT and ROLLBACK become a
     * savepoint, its release and its rollback: transactions inside fn join this one, as the port says.
     * (A transaction is open when this statement is not its transaction's first: PostgreSQL's
     * statement_timestamp() equals transaction_timestamp() in the first, and a later statement
     * starts at least a round trip after the BEGIN.)
     */
    exclusive(fn) {
      const exec = db.exec
      const name = `idem_${depth++}`
      try {
        const open = db.value<boolean>('SELECT statement_timestamp() <> transaction_timestamp()')
        exec(`${open ? `SAVEPOINT ${name}` : 'BEGIN'}; SELECT pg_advisory_xact_lock(${LOCK})`)
        if (!open) db.exec = joining(exec, name)
        try {
          const result = fn()
          exec(open ? `RELEASE SAVEPOINT ${name}` : 'COMMIT')
          return result
        } catch (err) {
          exec(open ? `ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}` : 'ROLLBACK')
          throw err
        }
      } finally {
        db.exec = exec
        depth--
      }
    },
    prune: (before) => db.run('DELETE FROM idempotency_keys WHERE created_at < $1', [before]),
  }
}
