import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { type Env, chinaToday } from './env'
import { restoreDemoPhotos, seedDemo } from './seed/demo'
import { LiveBus, type Services } from './services/context'
import { Follower, loadLedger } from './services/follow'
import { GeographyCache } from './services/geography'
import { LedgerIndex } from './services/ledger'
import { GridLocator } from './services/locate'
import { openPostgresStore } from './store/postgres'
import { changeFeedOf } from './store/postgres/change-feed'
import { startLockOf } from './store/postgres/start-lock'
import { openSqliteStore } from './store/sqlite'
import type { BulkLoad } from './store/bulk-load'
import type { Store } from './store/types'

/** The store the configuration names: the SQLite file (default) or PostgreSQL + PostGIS. */
export function openStore(env: Pick<Env, 'STORE' | 'DB_PATH' | 'DATABASE_URL'>): Store & BulkLoad {
  return env.STORE === 'postgres' ? openPostgresStore(env.DATABASE_URL!) : openSqliteStore(env.DB_PATH)
}

/** Seeds the demo into an empty store (DEMO unset seeds too: `npm start` brings up the demo town). */
async function seedIfEmpty(store: Store & BulkLoad, env: Env, asOf: string): Promise<void> {
  if (env.DEMO === false) return
  // Instances started together on one empty database: one seeds, the others wait and find it seeded.
  const lock = startLockOf(store)
  if (lock) while (!lock.tryAcquire()) await new Promise((r) => setTimeout(r, 200))
  let report
  try {
    if (store.areas.count() === 0) report = await seedDemo(store, { seed: env.SEED, scope: env.SCOPE, asOf, hazards: env.HAZARDS, photoDir: join(env.VAR_DIR, 'photos') })
  } catch (err) {
    lock?.release()
    // The first load runs without a journal for speed: a failed one leaves nothing worth keeping.
    store.close()
    // PostgreSQL's load is one transaction: a failed one has left nothing behind.
    if (env.STORE === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(env.DB_PATH + suffix, { force: true })
    throw err
  }
  lock?.release()
  if (report) console.log(`seeded the demo ${env.SCOPE}: ${report.areas} areas, ${report.sites} sites, ${report.hazards} hazards, ${report.users} accounts`)
}

/** Opens the store, seeds the demo into an empty one, and builds the in-memory ledger index. */
export async function startServices(env: Env): Promise<Services> {
  const store = openStore(env)
  const today = () => env.AS_OF ?? chinaToday()
  await seedIfEmpty(store, env, today())
  if (store.meta.get('demo') === 'true') await restoreDemoPhotos(store, join(env.VAR_DIR, 'photos'))
  const feed = changeFeedOf(store)
  if (!feed) {
    const ledger = new LedgerIndex(store.areas.list().map((a) => ({ ...a })), store.hazards.scanIndexed())
    return { env, store, ledger, live: new LiveBus(), geography: new GeographyCache(store), locator: new GridLocator(store.areas.list('grid')), today }
  }
  // Several instances may share the database: the index and the seq it follows on from are read in one snapshot.
  const { ledger, seq } = loadLedger(store, feed)
  const services: Services = { env, store, ledger, live: new LiveBus(), geography: new GeographyCache(store), locator: new GridLocator(store.areas.list('grid')), today }
  const follower = new Follower(services, feed, seq, { url: env.DATABASE_URL!, listen: env.FOLLOW_LISTEN, pollMs: env.FOLLOW_POLL_MS })
  // Services has no close of its own: closing the store stops following first (tests open and close instances in one process).
  const close = store.close
  store.close = () => {
    follower.stop()
    close()
  }
  await follower.start()
  return services
}
