import type Database from 'better-sqlite3'
import { AUDIT_GENESIS, type AuditVerdict, auditHash, type ChainRow, checkAuditChain } from '../audit-chain'
import type { AuditEntry, AuditQuery, AuditRow, AuditStore } from '../types'

export { AUDIT_GENESIS, type AuditVerdict, auditHash } from '../audit-chain'

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

/** SQLite's chain, checked oldest first (server/store/audit-chain.ts). */
export function verifyAuditChain(db: Database.Database): AuditVerdict {
  return checkAuditChain(db.prepare('SELECT id, at, username, action, target, reason, prev_hash AS prev, hash FROM audit ORDER BY id').iterate() as IterableIterator<ChainRow>)
}
