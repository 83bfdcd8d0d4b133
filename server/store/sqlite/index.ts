import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { MetaStore, Store } from '../types'
import { areaStore, basemapStore, siteStore } from './geography'
import { hazardStore } from './hazards'
import { migrate } from './migrations'
import { auditStore, inspectionStore, personStore, sessionStore, userStore } from './people'
import { boundaryStore } from './boundaries'
import { bulletinStore } from './bulletins'
import { campaignStore } from './campaigns'
import { ledgerFileStore } from './ledger-files'
import { photoStore } from './media'
import { notificationStore } from './notifications'

function metaStore(db: Database.Database): MetaStore {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck()
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  return {
    get: (key) => get.get(key) as string | undefined,
    set: (key, value) => void set.run(key, value),
  }
}

/** Opens (creating and migrating if needed) the SQLite file behind the Store port. */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)

  return {
    meta: metaStore(db),
    areas: areaStore(db),
    basemap: basemapStore(db),
    sites: siteStore(db),
    hazards: hazardStore(db),
    inspections: inspectionStore(db),
    persons: personStore(db),
    users: userStore(db),
    sessions: sessionStore(db),
    audit: auditStore(db),
    photos: photoStore(db),
    notifications: notificationStore(db),
    campaigns: campaignStore(db),
    bulletins: bulletinStore(db),
    ledgerFiles: ledgerFileStore(db),
    boundaries: boundaryStore(db),
    transaction: (fn) => db.transaction(fn)(),
    bulkLoad(fn) {
      // Indexes are cheaper built once over the loaded rows than kept up row by row.
      const indexes = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('hazards', 'hazard_events', 'inspections')")
        .pluck()
        .all() as string[]
      const names = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('hazards', 'hazard_events', 'inspections')")
        .pluck()
        .all() as string[]
      // A first load into a new file: no journal to write twice, a large cache. A load that fails
      // leaves a file the caller deletes, so durability is restored only once it has succeeded.
      db.pragma('journal_mode = OFF')
      db.pragma('synchronous = OFF')
      db.pragma('cache_size = -262144')
      try {
        return db.transaction(() => {
          for (const name of names) db.exec(`DROP INDEX "${name}"`)
          const result = fn()
          for (const sql of indexes) db.exec(sql)
          return result
        })()
      } finally {
        db.pragma('cache_size = -16384')
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = FULL')
      }
    },
    close: () => db.close(),
  }
}
