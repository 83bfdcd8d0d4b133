import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { MetaStore, Store } from '../types'
import { areaStore, basemapStore, siteStore } from './geography'
import { hazardStore } from './hazards'
import { migrate } from './migrations'
import { rebuildHazardText } from './text-search'
import { auditStore } from './audit'
import { inspectionStore, personStore, sessionStore, userStore } from './people'
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
      // Indexes are cheaper built once over the loaded rows than kept up row by row. Partial ones
      // stay: a row outside their WHERE costs nothing to keep, and a rebuild would scan the table.
      const dropped = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %'
           AND tbl_name IN ('hazards', 'hazard_events', 'hazard_histories', 'history_escalations', 'inspections')`,
        )
        .all() as Array<{ name: string; sql: string }>
      // A first load into a new file: no journal to write twice, a cache that holds the ledger
      // while its indexes are built (each build reads the whole table), and foreign keys
      // checked once over the loaded rows (PRAGMA foreign_key_check) rather than row by row, which
      // costs several times more. A load that fails leaves a file the caller deletes, so
      // durability and the checks are restored only once it has succeeded.
      db.pragma('journal_mode = OFF')
      db.pragma('synchronous = OFF')
      db.pragma('cache_size = -1048576')
      db.pragma('foreign_keys = OFF')
      try {
        return db.transaction(() => {
          for (const { name } of dropped) db.exec(`DROP INDEX "${name}"`)
          const result = fn()
          for (const { sql } of dropped) db.exec(sql)
          // The text search's index too is built once over the loaded rows.
          db.exec(rebuildHazardText)
          const broken = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>
          if (broken.length) throw new Error(`bulk load broke ${broken.length} foreign keys, first ${broken[0]!.table} row ${broken[0]!.rowid} → ${broken[0]!.parent}`)
          return result
        })()
      } finally {
        db.pragma('foreign_keys = ON')
        db.pragma('cache_size = -16384')
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = FULL')
      }
    },
    close: () => db.close(),
  }
}
