import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { AuditEntry, AuditQuery, AuditRow, AuditStore } from '../types'

/** What the first row's prev_hash holds: there is no row before it. */
export const AUDIT_GENESIS = '0'.repeat(64)

/**
 * A row's hash: sha256 over a canonical serialisation of the row (its id included, so rows cannot
 * be renumbered) and the hash of the row before it. Changing or removing any row breaks the link
 * the next row recorded. Migration 5 calls this too (as pingan_audit_hash) to chain older rows.
 */
export function auditHash(row: Omit<AuditRow, 'hash'>, prev: string): string {
  return createHash('sha256')
    .update(JSON.stringify([row.id, row.at, row.username, row.action, row.target, row.reason ?? null, prev]))
    .digest('hex')
}

export function auditStore(db: Database.Database): AuditStore {
  const tail = db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1')
  const insert = db.prepare(`INSERT INTO audit (id, at, username, action, target, reason, prev_hash, hash)
    VALUES (@id, @at, @username, @action, @target, @reason, @prev, @hash)`)
  // Reading the tail and appending after it are one transaction (IMMEDIATE: it takes the write lock
  // first), so two writers, even two processes such as the server and `npm run user`, cannot both
  // chain onto the same row. Inside a caller's transaction it is a savepoint of that transaction.
  const append = db.transaction((entry: AuditEntry) => {
    const last = tail.get() as { id: number; hash: string } | undefined
    const row = { ...entry, reason: entry.reason ?? null, id: (last?.id ?? 0) + 1 }
    const prev = last?.hash ?? AUDIT_GENESIS
    insert.run({ ...row, prev, hash: auditHash(row, prev) })
  })
  const cols = 'id, at, username, action, target, reason'
  return {
    write(entry) {
      if (db.inTransaction) append(entry)
      else append.immediate(entry)
    },
    list(limit) {
      return db.prepare(`SELECT at, username, action, target, reason FROM audit ORDER BY id DESC LIMIT ?`).all(limit) as AuditEntry[]
    },
    query(q: AuditQuery) {
      const where: string[] = []
      const params: Array<string | number> = []
      if (q.username) { where.push('username = ?'); params.push(q.username) }
      if (q.action) { where.push('action = ?'); params.push(q.action) }
      if (q.fromAt) { where.push('at >= ?'); params.push(q.fromAt) }
      if (q.toAt) { where.push('at < ?'); params.push(q.toAt) }
      if (q.beforeId) { where.push('id < ?'); params.push(q.beforeId) }
      return db
        .prepare(`SELECT ${cols} FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`)
        .all(...params, q.limit) as Array<Omit<AuditRow, 'hash'>>
    },
    count(username, action, fromAt) {
      return db.prepare('SELECT count(*) FROM audit WHERE username = ? AND action = ? AND at >= ?').pluck().get(username, action, fromAt) as number
    },
  }
}

export type AuditVerdict =
  | { ok: true; rows: number; lastId: number; head: string }
  | { ok: false; rows: number; id: number; problem: string }

/**
 * Walks the chain oldest first and names the first row that was changed or removed. A row whose
 * own hash does not match its content was changed; a row whose recorded predecessor hash does not
 * match the row before it follows a removed row (an id is missing) or a changed and re-hashed one.
 * Removing the newest rows leaves a shorter intact chain: compare the head with one written down.
 */
export function verifyAuditChain(db: Database.Database): AuditVerdict {
  const rows = db.prepare('SELECT id, at, username, action, target, reason, prev_hash AS prev, hash FROM audit ORDER BY id').iterate() as IterableIterator<
    AuditRow & { prev: string }
  >
  let prevId = 0
  let prevHash = AUDIT_GENESIS
  let count = 0
  for (const r of rows) {
    if (auditHash(r, r.prev) !== r.hash) return { ok: false, rows: count, id: r.id, problem: `row ${r.id} was changed (its content does not match its hash)` }
    if (r.prev !== prevHash) {
      const gone = r.id - prevId - 1
      if (gone > 0)
        return { ok: false, rows: count, id: prevId + 1, problem: gone === 1 ? `row ${prevId + 1} was removed` : `rows ${prevId + 1}–${r.id - 1} were removed` }
      return { ok: false, rows: count, id: prevId, problem: `row ${prevId} was changed (row ${r.id} recorded another hash for it)` }
    }
    prevId = r.id
    prevHash = r.hash
    count++
  }
  return { ok: true, rows: count, lastId: prevId, head: prevHash }
}
