import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Hazard, HazardEvent } from '../../../../server/domain/schemas'
import { SEEDED_NO_PHOTO_REASON, encodeHistory } from '../../../../server/store/history'
import { onPostgres } from '../../../postgres/databases'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { flat, hazardOf, insertOf, reported, townAreas } from './hazards-ledger'

let open: BareStore
beforeEach(async () => {
  open = await openBareStore()
})
afterEach(() => open.close())

/** A closed hazard's history, as the seed writes it: whole minutes in China time. */
function historyOf(h: Hazard): HazardEvent[] {
  const at = (day: string, time: string) => `${day}T${time}:00+08:00`
  return [
    { hazardId: h.id, at: at('2026-11-01', '09:05'), actor: h.reportedBy, action: 'report', note: null, from: null, to: 'reported' },
    { hazardId: h.id, at: at('2026-11-02', '10:00'), actor: 'district-1', action: 'escalate', note: '情况紧急，存在扩大风险', from: 'reported', to: 'reported' },
    { hazardId: h.id, at: at('2026-11-03', '08:30'), actor: 'unit-1', action: 'rectify', note: `第${h.id}号：现场整改 ✓`, from: 'reported', to: 'rectified' },
    { hazardId: h.id, at: at('2026-11-04', '23:59'), actor: 'leader', action: 'verify', note: '验收合格，予以销号', from: 'rectified', to: 'closed' },
  ]
}


const closed = (id: number) =>
  hazardOf(id, { status: 'closed', escalated: true, rectifiedAt: '2026-11-03', closedAt: '2026-11-04', title: `燃气隐患 ${id}`, description: id % 2 ? '液化气罐' : '楼道充电' })

/** Bulk-loads the town's areas and these hazards, each with its history. */
function loadRows(store: BareStore['store'], rows: Hazard[]): void {
  store.bulkLoad((sink) => {
    townAreas(store)
    for (const h of rows) {
      sink.values.push(...flat(h))
      sink.next(encodeHistory(historyOf(h))!)
    }
  })
}

/** After a failed load: nothing of it kept, and a load after it goes through. */
function expectNothingKept(store: BareStore['store']): void {
  expect(store.hazards.count()).toBe(0)
  expect(store.areas.count()).toBe(0)
  store.bulkLoad(() => {
    townAreas(store)
    store.hazards.insertMany([closed(1)], [reported(closed(1))])
  })
  expect(store.hazards.count()).toBe(1)
}

describe('the ledger (each adapter): a bulk load', () => {
  it('stores flat rows with their compact histories, read back as the events written', () => {
    const { store } = open
    const hazards = Array.from({ length: 12 }, (_, i) => closed(i + 1))
    const loaded = store.bulkLoad((sink) => {
      townAreas(store)
      for (const h of hazards) {
        sink.values.push(...flat(h))
        sink.next(encodeHistory(historyOf(h))!)
        sink.escalation(h.id, historyOf(h)[1]!.at)
      }
      return 'loaded'
    })
    expect(loaded).toBe('loaded')
    expect(store.hazards.count()).toBe(12)
    expect(store.hazards.getMany(hazards.map((h) => h.id))).toEqual(hazards)
    const asStored = historyOf(hazards[4]!).map((e) => (e.action === 'rectify' ? { ...e, noPhotoReason: SEEDED_NO_PHOTO_REASON } : e))
    expect(store.hazards.events(5)).toEqual(asStored)
    expect(store.hazards.searchText('液化', [])).toEqual(new Set(hazards.filter((h) => h.id % 2).map((h) => h.id)))
    expect([...store.hazards.scanIndexed()].map((h) => h.id)).toEqual(hazards.map((h) => h.id))

    // After the load the ledger goes on as usual: the next number, and events after the history.
    const next = store.hazards.insert(insertOf(hazardOf(0)), reported(hazardOf(0)))
    expect(next.id).toBe(13)
    const note = { at: '2026-11-28T10:00:00.000+08:00', actor: 'leader', action: 'comment' as const, note: '复查', from: 'closed' as const, to: 'closed' as const }
    expect(store.hazards.update(5, 1, {}, note)?.version).toBe(2)
    expect(store.hazards.events(5)).toEqual([...asStored, { ...note, hazardId: 5 }])
  })

  it('checks foreign keys once the load is done, and then keeps nothing of it', () => {
    const { store } = open
    const orphan: HazardEvent = { hazardId: 999_999, at: '2026-11-28T08:00:00+08:00', actor: 'x', action: 'comment', note: null, from: null, to: 'reported' }
    expect(() =>
      store.bulkLoad((sink) => {
        townAreas(store)
        sink.values.push(...flat(closed(1)))
        sink.next(encodeHistory(historyOf(closed(1)))!)
        store.hazards.insertMany([], [orphan])
      }),
    ).toThrow(/foreign key/i)
    // The store is as it was: a load after the failed one goes through.
    expectNothingKept(store)
    expect(store.hazards.get(1)).toEqual(closed(1))
  })

  it('fails whole when rows sent early are refused while later ones are still being made', () => {
    const { store } = open
    // More rows than one batch: the first batch, with a hazard of no title, is taken while the next is built.
    const rows = [{ ...closed(1), title: null as unknown as string }, ...Array.from({ length: 12_000 }, (_, i) => closed(i + 2))]
    expect(() => loadRows(store, rows)).toThrow(/null value|NOT NULL/i)
    expectNothingKept(store)
  })

  it('fails whole when two rows share an id', () => {
    expect(() => loadRows(open.store, [closed(1), closed(2), closed(1)])).toThrow(/duplicate|UNIQUE/i)
    expectNothingKept(open.store)
  })

  it('fails whole when two rows share a code', () => {
    expect(() => loadRows(open.store, [closed(1), { ...closed(2), code: closed(1).code }])).toThrow(/duplicate|UNIQUE/i)
    expectNothingKept(open.store)
  })

  it.skipIf(!onPostgres())('refuses to run inside a transaction on PostgreSQL, whose COMMIT would end the caller’s', () => {
    const { store } = open
    expect(() => store.transaction(() => store.bulkLoad(() => townAreas(store)))).toThrow(/outermost/)
    expect(store.areas.count()).toBe(0)
  })
})
