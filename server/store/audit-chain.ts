import { createHash } from 'node:crypto'
import type { AuditRow } from './types'

/**
 * The audit log's hash chain, the same in both adapters: a chain copied from one store to the
 * other reads to the same head.
 */

/** What the first row's prev_hash holds: there is no row before it. */
export const AUDIT_GENESIS = '0'.repeat(64)

/**
 * A row's hash: sha256 over a canonical serialisation of the row (its id included, so rows cannot
 * be renumbered) and the hash of the row before it. Changing or removing any row breaks the link
 * the next row recorded. SQLite's migration 5 calls this too (as pingan_audit_hash) to chain older
 * rows; PostgreSQL computes the same in SQL.
 */
export function auditHash(row: Omit<AuditRow, 'hash'>, prev: string): string {
  return createHash('sha256')
    .update(JSON.stringify([row.id, row.at, row.username, row.action, row.target, row.reason ?? null, prev]))
    .digest('hex')
}

export type AuditVerdict =
  | { ok: true; rows: number; lastId: number; head: string }
  | { ok: false; rows: number; id: number; problem: string }

/** A stored row with the predecessor hash it recorded. */
export type ChainRow = AuditRow & { prev: string }

/**
 * Walks the chain oldest first and names the first row that was changed or removed. A row whose
 * own hash does not match its content was changed; a row whose recorded predecessor hash does not
 * match the row before it follows a removed row (an id is missing) or a changed and re-hashed one.
 * Removing the newest rows leaves a shorter intact chain: compare the head with one written down.
 */
export function checkAuditChain(rows: Iterable<ChainRow>): AuditVerdict {
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
