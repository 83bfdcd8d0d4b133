import type { Store } from './types'

/**
 * Loading a whole ledger into an empty store fast: an optional capability beside the Store port,
 * not part of it. The SQLite adapter offers it; the demo seed (server/seed/demo.ts) asks for it
 * and, in a store without it, loads the same records through the port's ordinary inserts.
 */
export interface BulkLoad {
  /**
   * Runs fn as the first load of an empty store, all or nothing. Inside fn, writes go through the
   * Store as usual, and `hazards` takes the ledger as flat rows with compact histories. The adapter
   * may defer its indexes, checks and durability to the end: a load that fails leaves a store the
   * caller deletes.
   */
  bulkLoad<T>(fn: (hazards: HazardSink) => T): T
  /**
   * Optional: the first load's later writes, after bulkLoad (the demo's accounts and the history of
   * its warnings: thousands of small transactions, which may await). The adapter may skip waiting
   * for the disk at each of their commits and make the whole load durable once fn has finished; a
   * load that fails leaves a store the caller deletes, as bulkLoad's does.
   */
  loadRest?<T>(fn: () => Promise<T>): Promise<T>
}

/** The store's bulk load, when it has one. */
export function bulkLoadOf(store: Store): BulkLoad | undefined {
  const candidate = store as Store & Partial<BulkLoad>
  return typeof candidate.bulkLoad === 'function' ? (candidate as BulkLoad) : undefined
}

/**
 * A bulk-loaded hazard as a flat run of values, in this order: no object per hazard or per event
 * when the seed loads millions. `escalated` is 0 or 1, `lon`/`lat` the location.
 */
export const bulkHazardFields = [
  'id', 'code', 'title', 'description', 'category', 'item', 'status', 'level', 'source', 'areaId', 'villageId',
  'districtId', 'townId', 'siteId', 'discoveredAt', 'foundAt', 'reportedAt', 'receivedAt', 'reportedBy', 'measures', 'leadUnit', 'responsibleUnit',
  'responsiblePerson', 'deadline', 'handlingLevel', 'escalated', 'rectifiedAt', 'closedAt', 'campaignId', 'version',
  'updatedAt', 'lon', 'lat',
] as const
export const BULK_HAZARD_WIDTH = bulkHazardFields.length

/**
 * Where a bulk load writes its hazards: push one hazard's values (bulkHazardFields) onto `values`,
 * then call next() with its events as one compact blob (server/store/history.ts).
 */
export interface HazardSink {
  readonly values: unknown[]
  next(history: Uint8Array): void
  /** An escalation inside a history, for the bulletins' index of them. */
  escalation(hazardId: number, at: string): void
}
