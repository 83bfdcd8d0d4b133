import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Sequenced } from '../../../server/services/context'
import { followerOf } from '../../../server/services/follow'
import { warningEvent } from '../../../server/services/warnings/engine'
import { openPgSync } from '../../../server/store/postgres/bridge'
import { changeFeedOf } from '../../../server/store/postgres/change-feed'
import { dropDatabase, onPostgres } from '../../postgres/databases'
import type { Client, TestApp } from '../support/app'
import { type HazardProps, areasOf, districtAccount, gridAccount, ok } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { openSse } from '../support/sse'
import { act, hazardFactory, reportBody } from '../support/walk'
import { plainClient, secondInstance } from './instances'

// PostgreSQL only: the stream's event ids are the change log's seqs, alike on every instance.
describe.runIf(onPostgres())('the live stream across instances on one database', () => {
  let a: TestApp
  let b: TestApp
  let village: AreaProperties
  let gridA: Client
  let gridB: Client
  let district: Client
  let districtB: Client
  const busA: Sequenced[] = []
  const busB: Sequenced[] = []

  beforeAll(async () => {
    a = await openSeededApp({ FOLLOW_POLL_MS: '100' })
    b = await secondInstance(a, { FOLLOW_POLL_MS: '100' })
    village = (await areasOf(await a.as('leader'), 'village'))[0]!
    gridA = await a.as(gridAccount(village.id))
    gridB = await b.as(gridAccount(village.id))
    district = await a.as(await districtAccount(a, village.parentId!))
    districtB = await b.as(await districtAccount(b, village.parentId!))
    a.services.live.on('live', (e) => busA.push(e))
    b.services.live.on('live', (e) => busB.push(e))
  })
  afterAll(async () => {
    b.close()
    a.close()
    await dropDatabase(new URL(a.services.env.DATABASE_URL!).pathname.slice(1))
  })

  const report = async (as: Client): Promise<HazardProps> => (await ok(as.api.hazards.$post({ json: { ...reportBody, location: village.label } }), 201)).hazard
  const hazardEvent = (bus: Sequenced[], id: number, version = 1) => bus.find((e) => e.type === 'hazard' && e.id === id && e.version === version)
  const { hazardAt } = hazardFactory(() => ({ grid: gridA, district, location: village.label }))

  it('numbers a change alike on the instance that made it and on the one that followed it', async () => {
    const onA = await report(gridA)
    const onB = await report(gridB)
    await expect.poll(() => hazardEvent(busB, onA.id) && hazardEvent(busA, onB.id)).toBeTruthy()
    expect(hazardEvent(busB, onA.id)!.seq).toBe(hazardEvent(busA, onA.id)!.seq)
    expect(hazardEvent(busA, onB.id)!.seq).toBe(hazardEvent(busB, onB.id)!.seq)
    // Each instance announced each hazard once: its own when it wrote it, the other's when it followed.
    expect(busA.filter((e) => e.type === 'hazard' && e.id === onA.id)).toHaveLength(1)
    expect(busB.filter((e) => e.type === 'hazard' && e.id === onA.id)).toHaveLength(1)
  })

  it('numbers every version of a hazard alike on both instances while both write at once', async () => {
    const [first, second] = await Promise.all([report(gridA), report(gridB)])
    // Steps on both hazards from both instances, interleaved with new reports on each.
    await Promise.all([
      ok(act(districtB, first!, { action: 'assess', level: 'general', measures: '清理' })),
      report(gridA),
      ok(act(district, second!, { action: 'assess', level: 'general', measures: '清理' })),
      report(gridB),
    ])
    const seqs = (bus: Sequenced[]) => new Map(bus.flatMap((e) => (e.type === 'hazard' ? [[`${e.id} v${e.version}`, e.seq] as const] : [])))
    await expect.poll(() => [first!.id, second!.id].every((id) => hazardEvent(busA, id, 2) && hazardEvent(busB, id, 2))).toBe(true)
    await expect.poll(() => followerOf(a.services)!.seq === followerOf(b.services)!.seq && followerOf(a.services)!.seq === changeFeedOf(a.services.store)!.seq()).toBe(true)
    const onA = seqs(busA)
    const onB = seqs(busB)
    const both = [...onA.keys()].filter((k) => onB.has(k))
    expect(both.length).toBeGreaterThanOrEqual(6)
    expect(both.filter((k) => onA.get(k) !== onB.get(k))).toEqual([])
    // Each bus's seqs only grow.
    for (const bus of [busA, busB]) expect(bus.every((e, i) => i === 0 || e.seq >= bus[i - 1]!.seq)).toBe(true)
  })

  it('numbers a local event by its own change even when another writer committed after it', async () => {
    const [mine, theirs] = b.services.store.warnings.list().filter((w) => w.status === 'issued')
    // Another program commits between this instance's write and its announcement of it, within the
    // same turn of the event loop, as a request's write and announcement are (a synchronous connection).
    const other = openPgSync(b.services.env.DATABASE_URL!, 'another-writer')
    try {
      b.services.store.warnings.update(mine!.id, { status: 'acknowledged' })
      other.run("UPDATE warnings SET status = 'acknowledged' WHERE id = $1", [theirs!.id])
      b.services.live.publish(warningEvent(b.services.store.warnings.get(mine!.id)!, 'changed'))
    } finally {
      other.close()
    }
    const told = (bus: Sequenced[], id: number) => bus.find((e) => e.type === 'warning' && e.id === id)
    await expect.poll(() => told(busA, mine!.id) && told(busB, theirs!.id)).toBeTruthy()
    expect(told(busB, mine!.id)!.seq).toBe(told(busA, mine!.id)!.seq)
    expect(told(busB, theirs!.id)!.seq).toBe(told(busB, mine!.id)!.seq + 1)
  })

  it('resumes on another instance from the last event id, missing nothing written meanwhile', async () => {
    const onA = await openSse(await a.as('leader'))
    const seen = await report(gridA)
    await onA.until((m) => m.event === 'hazard' && m.data.id === seen.id)
    const lastId = onA.messages.filter((m) => m.id).at(-1)!.id!
    await onA.close()
    // While the client is away (its instance died, say): writes on both instances.
    const missedA = await report(gridA)
    const missedB = await report(gridB)
    const onB = await openSse(await b.as('leader'), { 'last-event-id': lastId })
    try {
      await onB.until((m) => m.event === 'hazard' && m.data.id === missedA.id)
      await onB.until((m) => m.event === 'hazard' && m.data.id === missedB.id)
      expect(onB.messages.some((m) => m.event === 'reload')).toBe(false)
      // Nothing the client had is sent again.
      expect(onB.messages.some((m) => m.event === 'hazard' && m.data.id === seen.id)).toBe(false)
      const ids = onB.messages.filter((m) => m.id).map((m) => Number(m.id))
      expect(Math.min(...ids)).toBeGreaterThan(Number(lastId))
    } finally {
      await onB.close()
    }
  })

  it('tells a client on another instance of a notification written for it', async () => {
    const safety = await openSse(await b.as('safety'))
    try {
      const h = await hazardAt('assigned')
      await ok(act(district, h, { action: 'escalate', reason: '跨部门协调' }))
      const notice = await safety.until((m) => m.event === 'notification' && m.data.hazardId === h.id)
      expect(String(notice.data.message)).toContain('跨部门协调')
    } finally {
      await safety.close()
    }
  })

  it('counts another instance’s escalation on the wall’s tallies', async () => {
    const wall = await openSse(await b.as('wall'))
    try {
      const h = await hazardAt('assigned')
      await ok(act(district, h, { action: 'escalate', reason: '需协调' }))
      const tally = await wall.until((m) => m.event === 'tally' && Number(m.data.escalated) > 0)
      expect(tally.data).toMatchObject({ villageId: village.id, escalated: 1 })
    } finally {
      await wall.close()
    }
  })

  it('announces a warning changed on one instance to the other’s readers', async () => {
    const w = a.services.store.warnings.list().find((x) => x.status === 'issued')!
    a.services.store.warnings.update(w.id, { status: 'acknowledged' })
    await expect.poll(() => busB.find((e) => e.type === 'warning' && e.id === w.id)).toMatchObject({ kind: 'changed', status: 'acknowledged' })
  })

  it('reloads the geography another program changed', async () => {
    const before = followerOf(b.services)!.reloads
    const psql = await plainClient(a)
    try {
      await psql.query("UPDATE areas SET name = name || '（新）' WHERE id = $1", [village.id])
    } finally {
      await psql.end()
    }
    await expect.poll(() => b.services.ledger.areas.byId.get(village.id)?.name).toMatch(/（新）$/)
    expect(followerOf(b.services)!.reloads).toBe(before + 1)
  })
})
