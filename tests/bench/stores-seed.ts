/**
 * The city seeded into a store for npm run bench:stores, its time split three ways: generating the
 * ledger; the ledger's bulk load (what the store does with the hazard rows: their COPY text or
 * statements, the rows, the indexes and keys after them), the part a floor of the same rows
 * compares with; and the rest of the store's work (geography, inspections, posts, accounts,
 * supervision, the demo's warnings with their history).
 */
import { seedDemo } from '../../server/seed/demo'
import type { BulkLoad, HazardSink } from '../../server/store/bulk-load'
import type { Store } from '../../server/store/types'

export interface SeedTimes {
  /** the whole seed, wall time */
  wall: number
  generate: number
  /** the ledger's bulk load: bulkLoad's own time and its sink's, not the seed's generating inside it */
  bulk: number
  /** the store's other work */
  rest: number
}

/** Seeds the city into store (closing it after) and times it; bulkLoad is wrapped to see its own share. */
export async function timeSeed(store: Store & BulkLoad, opts: { seed: number; asOf: string; hazards: number }): Promise<SeedTimes> {
  let bulk = 0
  const bulkLoad = store.bulkLoad.bind(store)
  const timed: BulkLoad['bulkLoad'] = (fn) => {
    const started = performance.now()
    let inFn = 0
    let inSink = 0
    const result = bulkLoad((sink) => {
      const entered = performance.now()
      const spy = <A extends unknown[]>(f: (...a: A) => void) => (...a: A) => {
        const t = performance.now()
        f(...a)
        inSink += performance.now() - t
      }
      const wrapped: HazardSink = { values: sink.values, next: spy((h: Uint8Array) => sink.next(h)), escalation: spy((id: number, at: string) => sink.escalation(id, at)) }
      try {
        return fn(wrapped)
      } finally {
        inFn = performance.now() - entered
      }
    })
    bulk = performance.now() - started - inFn + inSink
    return result
  }
  const started = performance.now()
  const report = await seedDemo({ ...store, bulkLoad: timed } as Store & BulkLoad, { ...opts, scope: 'city' })
  const wall = performance.now() - started
  store.close()
  return { wall, generate: report.generateMs, bulk, rest: report.loadMs - bulk }
}
