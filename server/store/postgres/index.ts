import type { BulkLoad } from '../bulk-load'
import type { CountersFactory } from '../failure-counters'
import type { PhotoFiles } from '../photo-files'
import type { MetaStore, Store } from '../types'
import { openPgSync, type PgSync } from './bridge'
import { pgBulkLoad } from './bulk-load'
import { type ChangeFeed, ORIGIN_SETTING, newOrigin, pgChangeFeed } from './change-feed'
import { pgFailureCounters } from './failure-counters'
import { pgPhotoFiles } from './photo-files'
import { partStores } from './stores'
import { migratePg } from './migrations'
import { type StartLock, pgStartLock } from './start-lock'

function metaStore(db: PgSync): MetaStore {
  return {
    get: (key) => db.value<string>('SELECT value FROM meta WHERE key = $1', [key]),
    set: (key, value) => void db.run('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]),
  }
}

/** Opens (migrating if needed) the PostgreSQL database behind the Store port: STORE=postgres, DATABASE_URL. */
export function openPostgresStore(url: string): Store & BulkLoad & { changeFeed: ChangeFeed; photoFiles: PhotoFiles; startLock: StartLock; failureCounters: CountersFactory } {
  // Marks what this store writes in the change log, so its own follower knows its own writes (change-feed.ts).
  const origin = newOrigin()
  const db = openPgSync(url, 'pingan', { [ORIGIN_SETTING]: origin })
  try {
    migratePg(db)
  } catch (err) {
    db.close()
    throw err
  }
  return {
    meta: metaStore(db),
    ...partStores(db),
    transaction: (fn) => db.transaction(fn),
    ...pgBulkLoad(db),
    changeFeed: pgChangeFeed(db, origin),
    photoFiles: pgPhotoFiles(db),
    startLock: pgStartLock(db),
    failureCounters: pgFailureCounters(db),
    close: () => db.close(),
  }
}
