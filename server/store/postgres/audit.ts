import { AUDIT_GENESIS, type AuditVerdict, type ChainRow, checkAuditChain } from '../audit-chain'
import type { AuditEntry, AuditQuery, AuditRow, AuditStore } from '../types'
import type { PgSync } from './bridge'

/**
 * The audit log: append-only (triggers refuse UPDATE, DELETE and TRUNCATE) and hash-chained with
 * SQLite's auditHash, so a chain copied from one store reads the same in the other.
 *
 * pingan_audit_hash is auditHash in SQL: sha256 over the JSON array [id, at, username, action,
 * target, reason, prev] written as JSON.stringify writes it (no spaces; to_json escapes strings as
 * JSON.stringify does). pingan_audit_append is the only way rows get in: under a fixed advisory
 * lock held to the end of the transaction it reads the newest row and appends after it, in one
 * statement. Being one statement, it needs no transaction of its own: outside the caller's it
 * commits alone, inside it the lock is held until the caller's commit. Several server instances
 * appending at once therefore queue on the lock, and each reads (a VOLATILE function's statement
 * sees what committed before it) the row the last one wrote: the chain never forks. Ids are
 * numbered by the function, not by a sequence, because a rolled-back sequence value would leave a
 * gap that reads as a removed row.
 */
export const auditSchema = `
CREATE TABLE audit (
  id BIGINT PRIMARY KEY, at TEXT COLLATE "C" NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, reason TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX audit_user_action ON audit (username, action, at);

CREATE FUNCTION pingan_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION pingan_audit_refuse();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION pingan_audit_refuse();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION pingan_audit_refuse();

-- a row must follow the newest one: the next id, and that row's hash as its prev_hash
CREATE FUNCTION pingan_audit_chained() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last RECORD;
BEGIN
  SELECT id, hash INTO last FROM audit ORDER BY id DESC LIMIT 1;
  IF NEW.id IS DISTINCT FROM coalesce(last.id, 0) + 1 OR NEW.prev_hash IS DISTINCT FROM coalesce(last.hash, '${AUDIT_GENESIS}') THEN
    RAISE EXCEPTION 'an audit row must be chained to the newest one' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chained BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION pingan_audit_chained();

CREATE FUNCTION pingan_audit_hash(id BIGINT, at TEXT, username TEXT, action TEXT, target TEXT, reason TEXT, prev TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(
    '[' || id || ',' || to_json(at) || ',' || to_json(username) || ',' || to_json(action) || ','
      || to_json(target) || ',' || coalesce(to_json(reason)::text, 'null') || ',' || to_json(prev) || ']',
    'UTF8')), 'hex')
$$;

CREATE FUNCTION pingan_audit_append(p_at TEXT, p_username TEXT, p_action TEXT, p_target TEXT, p_reason TEXT)
RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last RECORD;
  next_id BIGINT;
  prev TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('pingan:audit', 0));
  SELECT id, hash INTO last FROM audit ORDER BY id DESC LIMIT 1;
  next_id := coalesce(last.id, 0) + 1;
  prev := coalesce(last.hash, '${AUDIT_GENESIS}');
  INSERT INTO audit (id, at, username, action, target, reason, prev_hash, hash)
  VALUES (next_id, p_at, p_username, p_action, p_target, p_reason, prev,
    pingan_audit_hash(next_id, p_at, p_username, p_action, p_target, p_reason, prev));
END $$;
`

export function auditStore(db: PgSync): AuditStore {
  const cols = 'id, at, username, action, target, reason'
  return {
    write(entry) {
      db.run('SELECT pingan_audit_append($1, $2, $3, $4, $5)', [entry.at, entry.username, entry.action, entry.target, entry.reason ?? null])
    },
    list(limit) {
      return db.query<AuditEntry>('SELECT at, username, action, target, reason FROM audit ORDER BY id DESC LIMIT $1', [limit])
    },
    query(q: AuditQuery) {
      const where: string[] = []
      const params: Array<string | number> = []
      const bind = (sql: string, value: string | number) => {
        params.push(value)
        where.push(sql.replace('?', `$${params.length}`))
      }
      if (q.username) bind('username = ?', q.username)
      if (q.action) bind('action = ?', q.action)
      if (q.fromAt) bind('at >= ?', q.fromAt)
      if (q.toAt) bind('at < ?', q.toAt)
      if (q.beforeId) bind('id < ?', q.beforeId)
      params.push(q.limit)
      return db.query<Omit<AuditRow, 'hash'>>(`SELECT ${cols} FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${params.length}`, params)
    },
    count(username, action, fromAt) {
      return db.value<number>('SELECT count(*) FROM audit WHERE username = $1 AND action = $2 AND at >= $3', [username, action, fromAt]) ?? 0
    },
  }
}


/**
 * verifyAuditChain (sqlite/audit.ts) for PostgreSQL: walks the chain oldest first, a page at a time,
 * and names the first row that was changed or removed, by the same hash and the same words.
 */
export function verifyPgAuditChain(db: PgSync, pageSize = 10_000): AuditVerdict {
  return checkAuditChain(pagesOf(db, pageSize))
}

function* pagesOf(db: PgSync, pageSize: number): Generator<ChainRow> {
  let after = 0
  for (;;) {
    const rows = db.query<ChainRow>(
      'SELECT id, at, username, action, target, reason, prev_hash AS prev, hash FROM audit WHERE id > $1 ORDER BY id LIMIT $2',
      [after, pageSize],
    )
    yield* rows
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]!.id
  }
}

