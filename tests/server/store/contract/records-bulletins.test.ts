import { afterEach, describe, expect, it } from 'vitest'
import type { Hazard, HazardEvent } from '../../../../server/domain/schemas'
import { bulkHazardFields } from '../../../../server/store/bulk-load'
import { encodeHistory } from '../../../../server/store/history'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { makeHazard, reported, withLedger } from './records-ledger'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const NOVEMBER = ['2026-11-01T00:00:00+08:00', '2026-11-30T23:59:59.999+08:00'] as const

describe('the store (each adapter): bulletins', () => {
  it('freezes a month’s bulletin once: a second freeze gets the first back and changes nothing', async () => {
    open = await openBareStore()
    const { bulletins } = open.store
    expect(bulletins.get('2026-11')).toBeUndefined()
    const first = { month: '2026-11', generatedAt: '2026-12-01T00:05:00.000Z', body: '{"hazards":12}' }
    expect(bulletins.freeze(first)).toEqual(first)
    expect(bulletins.freeze({ ...first, generatedAt: '2026-12-02T00:00:00.000Z', body: '{"hazards":13}' })).toEqual(first)
    expect(bulletins.get('2026-11')).toEqual(first)
    expect(bulletins.get('2026-10')).toBeUndefined()
  })

  it('lists escalations between two instants, inclusive, oldest first, comparing instants written in any offset', async () => {
    open = await openBareStore()
    const hazards = [1, 2, 3, 4].map((id) => makeHazard(id))
    withLedger(open.store, hazards)
    const escalate = (hazardId: number, at: string): HazardEvent => ({ hazardId, at, actor: 'leader', action: 'escalate', note: '升级', from: 'reported', to: 'reported' })
    open.store.hazards.insertMany([], [
      escalate(1, '2026-11-30T16:00:00.000Z'), // 12-01 00:00 in China: after the month
      escalate(2, '2026-11-10T02:00:00.000Z'),
      escalate(3, '2026-11-01T00:00:00+08:00'), // the first instant, included
      escalate(4, '2026-11-10T09:00:00+08:00'), // 01:00Z: before hazard 2's
      { ...escalate(4, '2026-11-05T09:00:00+08:00'), action: 'comment' },
      escalate(1, '2026-11-30T15:59:59.999Z'), // the last instant, included
    ])
    expect(open.store.bulletins.escalations(...NOVEMBER)).toEqual([
      { hazardId: 3, at: '2026-11-01T00:00:00+08:00' },
      { hazardId: 4, at: '2026-11-10T09:00:00+08:00' },
      { hazardId: 2, at: '2026-11-10T02:00:00.000Z' },
      { hazardId: 1, at: '2026-11-30T15:59:59.999Z' },
    ])
    expect(open.store.bulletins.escalations('2026-10-01T00:00:00+08:00', '2026-10-31T23:59:59.999+08:00')).toEqual([])
  })

  it('lists the escalations inside bulk-loaded histories too, before those recorded since at the same instant', async () => {
    open = await openBareStore()
    const { store } = open
    withLedger(store, [])
    const at = '2026-11-10T10:00:00+08:00'
    const escalatedAt = new Map([[2, at], [3, '2026-11-03T08:00:00+08:00']])
    store.bulkLoad((sink) => {
      for (const id of [1, 2, 3]) {
        const h = makeHazard(id, { escalated: escalatedAt.has(id), version: escalatedAt.has(id) ? 2 : 1 })
        const escalation = escalatedAt.get(id)
        const events: HazardEvent[] = [reported(h)]
        if (escalation) events.push({ hazardId: id, at: escalation, actor: 'leader', action: 'escalate', note: null, from: 'reported', to: 'reported' })
        sink.values.push(...bulkValues(h))
        sink.next(encodeHistory(events)!)
        if (escalation) sink.escalation(id, escalation)
      }
    })
    store.hazards.insertMany([], [{ hazardId: 1, at, actor: 'leader', action: 'escalate', note: null, from: 'reported', to: 'reported' }])
    expect(store.bulletins.escalations(...NOVEMBER)).toEqual([
      { hazardId: 3, at: '2026-11-03T08:00:00+08:00' },
      { hazardId: 2, at },
      { hazardId: 1, at },
    ])
  })
})

/** A hazard as the bulk load's flat row (bulkHazardFields). */
function bulkValues(h: Hazard): unknown[] {
  const flat: Record<string, unknown> = { ...h, escalated: h.escalated ? 1 : 0, lon: h.location[0], lat: h.location[1] }
  return bulkHazardFields.map((f) => flat[f])
}
