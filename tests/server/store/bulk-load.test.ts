import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../../server/seed/demo'
import { bulkLoadOf } from '../../../server/store/bulk-load'
import type { Store } from '../../../server/store/types'
import { type BareStore, openBareStore } from '../../postgres/store'

/**
 * Bulk loading is a capability beside the Store port, not part of it: a store without it (the next
 * adapter, until it has its own) is seeded through the port's ordinary inserts, to the same ledger.
 */
const AS_OF = '2026-11-28'
const HAZARDS = 400
let bulkOpen: BareStore
let plainOpen: BareStore
let bulk: BareStore['store']
let plain: Store

beforeAll(async () => {
  bulkOpen = await openBareStore()
  plainOpen = await openBareStore()
  bulk = bulkOpen.store
  const { bulkLoad: _withoutBulkLoad, ...portOnly } = plainOpen.store
  plain = portOnly
  await seedDemo(bulk, { seed: 2026, scope: 'town', asOf: AS_OF, hazards: HAZARDS })
  await seedDemo(plain, { seed: 2026, scope: 'town', asOf: AS_OF, hazards: HAZARDS })
})
afterAll(async () => {
  await bulkOpen.close()
  await plainOpen.close()
})

describe('seeding a store (each adapter)', () => {
  it('uses the bulk load where the adapter offers one, and the ordinary port where it does not', () => {
    expect(bulkLoadOf(bulk)).toBeDefined()
    expect(bulkLoadOf(plain)).toBeUndefined()
  })

  it('gives the same hazards, histories, escalations and text search either way', () => {
    expect(plain.hazards.count()).toBe(HAZARDS)
    const ids = Array.from({ length: HAZARDS }, (_, i) => i + 1)
    expect(plain.hazards.getMany(ids)).toEqual(bulk.hazards.getMany(ids))
    for (const id of ids) expect(plain.hazards.events(id), `hazard ${id}`).toEqual(bulk.hazards.events(id))
    const year = ['2025-01-01T00:00:00+08:00', '2027-12-31T23:59:59+08:00'] as const
    const escalations = bulk.bulletins.escalations(...year)
    expect(escalations.length).toBeGreaterThan(0)
    expect(plain.bulletins.escalations(...year).sort((a, b) => a.hazardId - b.hazardId)).toEqual(escalations.sort((a, b) => a.hazardId - b.hazardId))
    const title = bulk.hazards.get(7)!.title.slice(0, 4)
    expect(plain.hazards.searchText(title, [])).toEqual(bulk.hazards.searchText(title, []))
  })

  it('gives the same inspections, persons and settings either way', () => {
    expect(plain.inspections.list({})).toEqual(bulk.inspections.list({}))
    expect(plain.persons.list()).toEqual(bulk.persons.list())
    for (const key of ['scope', 'seed', 'asOf', 'campaignStart', 'rootId', 'demo']) expect(plain.meta.get(key)).toBe(bulk.meta.get(key))
  })
})
