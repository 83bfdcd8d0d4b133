import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardAnswer } from '../../../server/domain/contract/hazards'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { areasOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { type SseMessage, openSse } from '../support/sse'

let t: TestApp
let villages: AreaProperties[]
beforeAll(async () => {
  t = await openSeededApp()
  villages = await areasOf(await t.as('leader'), 'village')
})
afterAll(() => t.close())

/** Opens the stream and collects its messages for `ms` after `act`. */
async function listen(client: Client, act: () => Promise<void>, ms = 1500, headers: Record<string, string> = {}): Promise<SseMessage[]> {
  const stream = await openSse(client, headers)
  await new Promise((r) => setTimeout(r, 100))
  await act()
  await new Promise((r) => setTimeout(r, ms))
  await stream.close()
  return stream.messages
}

async function report(village: Pick<AreaProperties, 'id' | 'label'>, category = 'safety_accident', item = 'fire', title = '楼道堆放杂物') {
  const res = await (await t.as(`grid-${village.id}`)).post('/api/hazards', { category, item, title, location: village.label, source: 'routine' })
  expect(res.status).toBe(201)
  return ((await res.json()) as HazardAnswer).hazard.id
}

describe('the live stream', () => {
  it('greets with a retry interval, then announces a new hazard and the changed figures with event ids', async () => {
    let id = 0
    const messages = await listen(await t.as('leader'), async () => {
      id = await report(villages[0]!)
    })
    expect(messages[0]).toMatchObject({ event: 'hello', retry: 3000 })
    const hazard = messages.find((m) => m.event === 'hazard')!
    expect(hazard.data).toMatchObject({ id, kind: 'created', status: 'reported', version: 1 })
    expect(Number(hazard.id)).toBeGreaterThan(0)
    expect(messages.some((m) => m.event === 'stats')).toBe(true)
  })

  it('tells a grid worker about its own village only', async () => {
    const [mine, other] = villages
    const messages = await listen(await t.as(`grid-${mine!.id}`), async () => {
      await report(other!)
    })
    expect(messages.filter((m) => m.event === 'hazard')).toEqual([])
  })

  it('gives the wall a tally per village and category for a confidential hazard: no id, no text, no cell', async () => {
    const v = villages[1]!
    let id = 0
    const wall = await listen(await t.as('wall'), async () => {
      const res = await (await t.as('police')).post('/api/hazards', { category: 'violent_terror', item: 'key_items', title: '发现可疑管制刀具交易', location: v.label, source: 'focused' })
      expect(res.status).toBe(201)
      id = ((await res.json()) as HazardAnswer).hazard.id
    })
    const text = JSON.stringify(wall)
    expect(text).not.toContain('管制刀具交易')
    expect(wall.filter((m) => m.event === 'hazard')).toEqual([])
    const tally = wall.find((m) => m.event === 'tally')!
    expect(tally.data).toEqual({ villageId: v.id, villageName: expect.any(String), districtId: v.parentId, districtName: expect.any(String), category: 'violent_terror', found: 1, closed: 0, escalated: 0 })
    expect(Number(tally.id)).toBeGreaterThan(0)
    expect(wall.some((m) => JSON.stringify(m.data).includes(`${id}`))).toBe(false)
  })

  it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
    const leader = await t.as('leader')
    const first = await listen(leader, async () => {
      await report(villages[2]!)
    }, 500)
    const lastId = first.filter((m) => m.id).at(-1)!.id!
    const missed = await report(villages[2]!)
    const again = await listen(leader, async () => undefined, 500, { 'last-event-id': lastId })
    expect(again.some((m) => m.event === 'hazard' && m.data.id === missed)).toBe(true)
  })

  it('tells a client whose last event id is ahead of the server (it restarted) to reload, then numbers on from there', async () => {
    const leader = await t.as('leader')
    const ahead = String(t.services.live.lastSeq + 1_000_000)
    const messages = await listen(leader, async () => {
      await report(villages[3]!)
    }, 500, { 'last-event-id': ahead })
    expect(messages.map((m) => m.event)).toContain('reload')
    const hazard = messages.find((m) => m.event === 'hazard')!
    expect(Number(hazard.id)).toBeLessThan(Number(ahead))
  })

  it('is closed to visitors without a session', async () => {
    expect((await t.anonymous.get('/api/stream')).status).toBe(401)
  })
})
