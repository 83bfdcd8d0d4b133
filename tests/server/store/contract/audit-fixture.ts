import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openPgSync } from '../../../../server/store/postgres/bridge'
import { openPostgresStore } from '../../../../server/store/postgres'
import { verifyPgAuditChain } from '../../../../server/store/postgres/audit'
import { openSqliteStore } from '../../../../server/store/sqlite'
import { type AuditVerdict, verifyAuditChain } from '../../../../server/store/sqlite/audit'
import type { Store } from '../../../../server/store/types'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'

/** A chain link as stored. */
export interface Link {
  id: number
  prev: string
  hash: string
}

/**
 * An empty store of the run's adapter with what openBareStore hides: where another process finds
 * it, and the database itself as someone holding it would reach it, around the store's back.
 */
export interface AuditBench {
  store: Store
  adapter: 'sqlite' | 'postgres'
  /** the SQLite file or the database URL */
  location: string
  /** Runs SQL on the database directly; with `pastTriggers`, as someone who first disabled the audit's triggers. */
  exec(sql: string, pastTriggers?: boolean): void
  links(): Link[]
  /** The adapter's check of the chain (verifyAuditChain, verifyPgAuditChain). */
  verify(): AuditVerdict
  close(): Promise<void>
}

const linksSql = 'SELECT id, prev_hash AS prev, hash FROM audit ORDER BY id'

export async function openAuditBench(): Promise<AuditBench> {
  if (onPostgres()) {
    const { name, url } = await createDatabase()
    const store = openPostgresStore(url)
    const raw = openPgSync(url, 'audit-bench')
    return {
      store, adapter: 'postgres', location: url,
      // replica mode skips ordinary triggers: what a superuser editing the table would do
      exec: (sql, pastTriggers) => raw.exec(pastTriggers ? `SET session_replication_role = replica; ${sql}; SET session_replication_role = origin` : sql),
      links: () => raw.query<Link>(linksSql),
      // pages of two rows: a chain of a few rows crosses pages
      verify: () => verifyPgAuditChain(raw, 2),
      close: async () => {
        raw.close()
        store.close()
        await dropDatabase(name)
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'pingan-audit-'))
  const path = join(dir, 'store.db')
  const store = openSqliteStore(path)
  const raw = new Database(path)
  const dropTriggers = () => {
    for (const t of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").pluck().all() as string[]) raw.exec(`DROP TRIGGER "${t}"`)
  }
  return {
    store, adapter: 'sqlite', location: path,
    exec: (sql, pastTriggers) => {
      if (pastTriggers) dropTriggers()
      raw.exec(sql)
    },
    links: () => raw.prepare(linksSql).all() as Link[],
    verify: () => verifyAuditChain(raw),
    close: async () => {
      raw.close()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
