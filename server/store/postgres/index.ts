import type { BulkLoad } from '../bulk-load'
import type { MetaStore, Store } from '../types'
import { openPgSync, type PgSync } from './bridge'
import { pgBulkLoad } from './bulk-load'
import { partStores } from './stores'
import { migratePg } from './migrations'

function metaStore(db: PgSync): MetaStore {
  return {
    get: (key) => db.value<string>('SELECT value FROM meta WHERE key = $1', [key]),
    set: (key, value) => void db.run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]),
  }
}

/**
 * A transaction around fn, as better-sqlite3's: all of fn's writes or none; a transaction inside
 * another is a savepoint, undone alone when its fn throws.
 */
export function transactions(db: PgSync): <T>(fn: () => T) => T {
  let depth = 0
  return (fn) => {
    const savepoint = `sp${depth}`
    db.exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`)
    depth++
    try {
      const result = fn()
      depth--
      db.exec(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`)
      return result
    } catch (err) {
      depth--
      db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`)
      throw err
    }
  }
}

/** Opens (migrating if needed) the PostgreSQL database behind the Store port: STORE=postgres, DATABASE_URL. */
export function openPostgresStore(url: string): Store & BulkLoad {
  const db = openPgSync(url)
  try {
    migratePg(db)
  } catch (err) {
    db.close()
    throw err
  }
  return {
    meta: metaStore(db),
    ...partStores(db),
    transaction: transactions(db),
    ...pgBulkLoad(db),
    close: () => db.close(),
  }
}
