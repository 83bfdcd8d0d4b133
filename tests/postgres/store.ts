import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BulkLoad } from '../../server/store/bulk-load'
import { openPostgresStore } from '../../server/store/postgres'
import { openSqliteStore } from '../../server/store/sqlite'
import type { Store } from '../../server/store/types'
import { createDatabase, dropDatabase, onPostgres } from './databases'

export interface BareStore {
  store: Store & BulkLoad
  /** which adapter: the store contract's tests run once per adapter (vitest projects unit and postgres) */
  adapter: 'sqlite' | 'postgres'
  close(): Promise<void>
}

/**
 * An empty, migrated store of the run's adapter: a SQLite file in the unit project, a database of
 * its own in the postgres project's cluster. The store's contract tests are written once against it.
 */
export async function openBareStore(): Promise<BareStore> {
  if (onPostgres()) {
    const db = await createDatabase()
    const store = openPostgresStore(db.url)
    return { store, adapter: 'postgres', close: async () => (store.close(), await dropDatabase(db.name)) }
  }
  const dir = mkdtempSync(join(tmpdir(), 'pingan-store-'))
  const store = openSqliteStore(join(dir, 'store.db'))
  return { store, adapter: 'sqlite', close: async () => (store.close(), rmSync(dir, { recursive: true, force: true })) }
}
