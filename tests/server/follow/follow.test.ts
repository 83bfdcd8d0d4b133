import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Sequenced } from '../../../server/services/context'
import { followerOf } from '../../../server/services/follow'
import { changeFeedOf } from '../../../server/store/postgres/change-feed'
import { dropDatabase, onPostgres } from '../../postgres/databases'
import type { Client, TestApp } from '../support/app'
import { type HazardProps, areasOf, gridAccount, ok, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { reportBody } from '../support/walk'
import { indexDrift, plainClient, secondInstance } from './instances'

// PostgreSQL only: SQLite is one process, with no change feed to follow.
describe.runIf(onPostgres())('instances on one PostgreSQL database', () => {
  // Instance A writes; B follows by LISTEN alone (its poll is a minute away); C by polling alone.
  let a: TestApp
  let b: TestApp
  let c: TestApp
  let village: AreaProperties
  let reporter: Client
  const streamOf = (t: TestApp) => {
    const events: Sequenced[] = []
    t.services.live.on('live', (e) => events.push(e))
    return events
  }
  let streamA: Sequenced[]
  let streamB: Sequenced[]

  beforeAll(async () => {
    a = await openSeededApp({ FOLLOW_POLL_MS: '100' })
    b = await secondInstance(a, { FOLLOW_POLL_MS: '60000' })
    c = await secondInstance(a, { FOLLOW_POLL_MS: '100', FOLLOW_LISTEN: 'false' })
    village = (await areasOf(await a.as('leader'), 'village'))[0]!
    reporter = await a.as(gridAccount(village.id))
    streamA = streamOf(a)
    streamB = streamOf(b)
  })
  afterAll(async () => {
    c.close()
    b.close()
    a.close()
    // a.close() drops its database without waiting: wait here, or the run may end first and leave it in the cluster.
    await dropDatabase(new URL(a.services.env.DATABASE_URL!).pathname.slice(1))
  })

  const report = async (): Promise<HazardProps> => (await ok(reporter.api.hazards.$post({ json: { ...reportBody, location: village.label } }), 201)).hazard
  const total = async (t: TestApp) => (await summaryOf(await t.as('leader'))).total
  const caughtUp = (t: TestApp) => followerOf(t.services)!.seq === changeFeedOf(t.services.store)!.seq()

  describe('a hazard reported on one instance', () => {
    it('shows in the statistics of an instance woken by LISTEN, and of one polling without it', async () => {
      const before = await total(b)
      expect(await total(c)).toBe(before)
      const h = await report()
      await expect.poll(() => total(b)).toBe(before + 1)
      await expect.poll(() => total(c)).toBe(before + 1)
      expect(b.services.ledger.columns.has(h.id)).toBe(true)
      expect(streamB).toContainEqual(expect.objectContaining({ type: 'hazard', id: h.id, kind: 'created', status: 'reported' }))
      expect(streamB).toContainEqual(expect.objectContaining({ type: 'stats' }))
    })

    it('is announced once on the instance that wrote it, when its own change comes back', async () => {
      const h = await report()
      await expect.poll(() => caughtUp(a)).toBe(true)
      expect(streamA.filter((e) => e.type === 'hazard' && e.id === h.id)).toHaveLength(1)
    })
  })

  describe('writers on other connections', () => {
    let one: pg.Client
    let two: pg.Client
    beforeAll(async () => {
      one = await plainClient(a)
      two = await plainClient(a)
    })
    afterAll(async () => {
      await one.end()
      await two.end()
    })

    const unescalated = async (n: number) =>
      (await one.query<{ id: number }>('SELECT id FROM hazards WHERE NOT escalated ORDER BY id LIMIT $1', [n])).rows.map((r) => r.id)
    const escalatedIn = (t: TestApp, id: number) => t.services.ledger.columns.escalated[t.services.ledger.columns.slotOf(id)!]

    it('are all followed when the later-started transaction commits first', async () => {
      const [x, y] = await unescalated(2)
      await one.query('BEGIN')
      await one.query('SELECT txid_current()')
      await two.query('BEGIN')
      await two.query('UPDATE hazards SET escalated = true WHERE id = $1', [y])
      await two.query('COMMIT')
      await one.query('UPDATE hazards SET escalated = true WHERE id = $1', [x])
      await one.query('COMMIT')
      for (const t of [b, c]) {
        await expect.poll(() => [escalatedIn(t, x!), escalatedIn(t, y!)]).toEqual([1, 1])
        expect(indexDrift(t.services)).toEqual([])
      }
    })

    it('are numbered in commit order: a second writer waits for the first one’s commit, and neither is missed', async () => {
      const [x, y] = await unescalated(2)
      const twoPid = (await two.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid
      await one.query('BEGIN')
      await one.query('UPDATE hazards SET escalated = true WHERE id = $1', [x])
      await two.query('BEGIN')
      const second = two.query('UPDATE hazards SET escalated = true WHERE id = $1', [y])
      await expect.poll(async () => (await one.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [twoPid])).rowCount).toBe(1)
      await one.query('COMMIT')
      await second
      await two.query('COMMIT')
      for (const t of [b, c]) {
        await expect.poll(() => [escalatedIn(t, x!), escalatedIn(t, y!)]).toEqual([1, 1])
        expect(indexDrift(t.services)).toEqual([])
      }
    })

    it('reach an instance whose LISTEN connection was killed: it reconnects and catches up', async () => {
      const follower = followerOf(b.services)!
      const pid = follower.listening!
      expect(pid).toBeTypeOf('number')
      await one.query('SELECT pg_terminate_backend($1)', [pid])
      await expect.poll(() => follower.listening).toBeUndefined()
      // Written while B listens to no one; its poll is a minute away, so only the reconnection brings it.
      const h = await report()
      await expect.poll(() => follower.listening, { timeout: 5000 }).toBeTypeOf('number')
      expect(follower.listening).not.toBe(pid)
      await expect.poll(() => b.services.ledger.columns.has(h.id)).toBe(true)
      expect(indexDrift(b.services)).toEqual([])
    })
  })

  describe('an instance away past the pruned horizon', () => {
    it('reloads its index and then equals the database', async () => {
      // D neither listens nor polls within the test: it is "down" until it is told to catch up.
      const d = await secondInstance(a, { FOLLOW_POLL_MS: '60000', FOLLOW_LISTEN: 'false' })
      try {
        const follower = followerOf(d.services)!
        const from = follower.seq
        const h = await report()
        const feed = changeFeedOf(a.services.store)!
        expect(feed.seq()).toBeGreaterThan(from)
        expect(feed.prune(0)).toBeGreaterThan(0)
        expect(feed.changesAfter(from, 10)).toEqual({ stale: true })
        follower.catchUp()
        expect(follower.reloads).toBe(1)
        expect(follower.seq).toBe(feed.seq())
        expect(d.services.ledger.columns.has(h.id)).toBe(true)
        expect(indexDrift(d.services)).toEqual([])
      } finally {
        d.close()
      }
    })
  })
})
