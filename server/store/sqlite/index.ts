import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { BulkLoad } from '../bulk-load'
import type { MetaStore, Store } from '../types'
import { sqliteBulkLoad } from './bulk-load'
import { areaStore, basemapStore, siteStore } from './geography'
import { hazardStore } from './hazards'
import { idempotencyStore } from './idempotency'
import { migrate } from './migrations'
import { auditStore } from './audit'
import { inspectionStore, personStore, sessionStore, userStore } from './people'
import { boundaryStore } from './boundaries'
import { bulletinStore } from './bulletins'
import { campaignStore } from './campaigns'
import { ledgerFileStore } from './ledger-files'
import { photoStore } from './media'
import { notificationStore } from './notifications'
import { postStore } from './posts'
import { scorecardStore } from './scorecards'
import { supervisionStore } from './supervision'
import { warningStore } from './warnings'

function metaStore(db: Database.Database): MetaStore {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck()
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  return {
    get: (key) => get.get(key) as string | undefined,
    set: (key, value) => void set.run(key, value),
  }
}

/** Opens (creating and migrating if needed) the SQLite file behind the Store port. */
export function openSqliteStore(path: string): Store & BulkLoad {
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
    posts: postStore(db),
    scorecards: scorecardStore(db),
    supervision: supervisionStore(db),
    warnings: warningStore(db),
    idempotency: idempotencyStore(db),
    transaction: (fn) => db.transaction(fn)(),
    ...sqliteBulkLoad(db),
    close: () => db.close(),
  }
}
