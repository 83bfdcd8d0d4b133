import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Sequenced } from '../../../server/services/context'
import { followerOf } from '../../../server/services/follow'
import { changeFeedOf } from '../../../server/store/postgres/change-feed'
import { dropDatabase, onPostgres } from '../../postgres/databases'
import type { TestApp } from '../support/app'
import { areasOf, gridAccount, ok, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { reportBody } from '../support/walk'
import { plainClient, secondInstance } from './instances'

// PostgreSQL only: the database restarted, or a DBA ended the instances' sessions.
describe.runIf(onPostgres())('an instance whose database connection was ended', () => {
  let a: TestApp
  let b: TestApp
  beforeAll(async () => {
    a = await openSeededApp({ FOLLOW_POLL_MS: '100' })
    b = await secondInstance(a, { FOLLOW_POLL_MS: '100' })
  })
  afterAll(async () => {
    b.close()
    a.close()
    await dropDatabase(new URL(a.services.env.DATABASE_URL!).pathname.slice(1))
  })

  /** Ends every session of the instances' database but the caller's, as a restart of PostgreSQL would. */
  async function endSessions(): Promise<number> {
    const psql = await plainClient(a)
    try {
      const { rowCount } = await psql.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
      return rowCount ?? 0
    } finally {
      await psql.end()
    }
  }

  it('connects again by itself: the next requests are answered, and writes still reach the other instance', async () => {
    const heardOnA: Sequenced[] = []
    a.services.live.on('live', (e) => heardOnA.push(e))
    const leader = await a.as('leader')
    const before = (await summaryOf(leader)).total
    // Both instances' store connections and LISTEN connections.
    expect(await endSessions()).toBeGreaterThanOrEqual(4)
    await new Promise((r) => setTimeout(r, 300))
    expect((await summaryOf(leader)).total).toBe(before)
    const village = (await areasOf(leader, 'village'))[0]!
    const grid = await a.as(gridAccount(village.id))
    const { hazard } = await ok(grid.api.hazards.$post({ json: { ...reportBody, location: village.label } }), 201)
    await expect.poll(async () => (await summaryOf(await b.as('leader'))).total, { timeout: 15_000 }).toBe(before + 1)
    // The new connection still names its instance in the change log: A announces its own write once.
    await expect.poll(() => followerOf(a.services)!.seq).toBe(changeFeedOf(a.services.store)!.seq())
    expect(heardOnA.filter((e) => e.type === 'hazard' && e.id === hazard.id)).toHaveLength(1)
  })
})
