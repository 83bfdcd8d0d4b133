import type { Store } from '../types'
import type { PgSync } from './bridge'

/** Any fixed number, apart from the migrations' lock. */
const START_LOCK = 7_042_027

/**
 * Held by the instance that seeds an empty database, so that instances started together seed it
 * once: the others wait, then find it seeded. A session lock of the store's connection (the
 * seed's bulk load commits in between); it goes with the connection if the instance dies.
 */
export interface StartLock {
  /** Takes the lock if no other instance holds it. */
  tryAcquire(): boolean
  release(): void
}

export function pgStartLock(db: PgSync): StartLock {
  return {
    tryAcquire: () => db.value<boolean>('SELECT pg_try_advisory_lock($1)', [START_LOCK])!,
    release: () => void db.run('SELECT pg_advisory_unlock($1)', [START_LOCK]),
  }
}

/** The store's start lock, when several instances may share it. */
export function startLockOf(store: Store): StartLock | undefined {
  return (store as Store & { startLock?: StartLock }).startLock
}
