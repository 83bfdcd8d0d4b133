import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../../../server/store/postgres'
import type { Store } from '../../../../server/store/types'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'
import { hazardOf, reported, townAreas } from './hazards-ledger'

/**
 * Several server instances share one PostgreSQL database: two of them changing the same hazard at
 * once must not both win. Here the other instance is a second connection that changed the hazard
 * and holds its transaction open while this one's update waits for it (SQLite's writers are one
 * at a time, so this is PostgreSQL's test only).
 */
let name: string
let url: string
let store: Store
let other: pg.Client

beforeEach(async () => {
  ;({ name, url } = await createDatabase())
  store = openPostgresStore(url)
  townAreas(store)
  store.hazards.insertMany([hazardOf(1)], [reported(hazardOf(1))])
  other = new pg.Client({ connectionString: url })
  await other.connect()
})
afterEach(async () => {
  await other.end()
  store.close()
  await dropDatabase(name)
})

const comment = { at: '2026-11-28T10:00:00+08:00', actor: 'leader', action: 'comment' as const, note: '本实例', from: 'reported' as const, to: 'reported' as const }

/**
 * The other instance's write of version 1 → 2, left uncommitted; `end` finishes it half a second
 * later, server-side. `ended` settles once the other instance hears of it.
 */
async function otherHolds(end: 'COMMIT' | 'ROLLBACK'): Promise<{ ended: Promise<unknown> }> {
  await other.query("BEGIN; UPDATE hazards SET title = '另一实例', version = version + 1 WHERE id = 1 AND version = 1")
  const ended = other.query(`SELECT pg_sleep(0.5); ${end}`)
  // The statement is on its way to the server before this thread blocks in the store's update.
  await new Promise((resolve) => setTimeout(resolve, 50))
  return { ended }
}

describe.skipIf(!onPostgres())('the ledger on PostgreSQL: two instances changing one hazard', () => {
  it('lets the first writer win: the second, waiting on the same version, writes nothing', async () => {
    const { ended } = await otherHolds('COMMIT')
    expect(store.hazards.update(1, 1, { title: '本实例' }, comment)).toBeUndefined()
    await ended
    expect(store.hazards.get(1)).toMatchObject({ title: '另一实例', version: 2 })
    expect(store.hazards.events(1)).toHaveLength(1)
    expect(store.hazards.searchText('本实例', [])).toEqual(new Set())
  })

  it('lets the second writer through when the first rolls back', async () => {
    const { ended } = await otherHolds('ROLLBACK')
    expect(store.hazards.update(1, 1, { status: 'assessed' }, comment)?.version).toBe(2)
    await ended
    expect(store.hazards.events(1).map((e) => e.note)).toEqual([null, '本实例'])
  })
})
