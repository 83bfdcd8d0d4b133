import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hazard, HazardEvent } from '../../../server/domain/schemas'
import { seedDemo } from '../../../server/seed/demo'
import { generateGeography } from '../../../server/seed/geography'
import { generateLedger } from '../../../server/seed/ledger'
import { HistoryWriter, SEEDED_NO_PHOTO_REASON, decodeHistory, encodeHistory } from '../../../server/store/history'
import { type BareStore, openBareStore } from '../../postgres/store'

const AS_OF = '2026-11-28'
const HAZARDS = 1500
let open: BareStore
let store: BareStore['store']
let hazards: Hazard[]
const events = new Map<number, HazardEvent[]>()

beforeAll(async () => {
  open = await openBareStore()
  store = open.store
  await seedDemo(store, { seed: 2026, scope: 'town', asOf: AS_OF, hazards: HAZARDS })
  const ledger = generateLedger(generateGeography({ seed: 2026, scope: 'town' }), { seed: 2026, asOf: AS_OF, hazards: HAZARDS })
  hazards = []
  for (const batch of ledger.batches()) {
    hazards.push(...batch.hazards)
    for (const e of batch.events) events.set(e.hazardId, [...(events.get(e.hazardId) ?? []), e])
  }
})
afterAll(() => open.close())

/** The store reads seeded rectifications with the demo's no-photo reason (four eyes needs evidence to close them). */
const asStored = (list: HazardEvent[]) => list.map((e) => (e.action === 'rectify' ? { ...e, noPhotoReason: SEEDED_NO_PHOTO_REASON } : e))

describe('compact histories (each adapter)', () => {
  it('give back exactly the events the generator wrote, for every seeded hazard', () => {
    expect(hazards).toHaveLength(HAZARDS)
    // The demo's listings and extensions (server/seed/supervision.ts) act on a few hazards after
    // generation: those keep the generated events first, then the ones recorded since.
    const actedOn = new Set(hazards.filter((h) => store.supervision.forHazard(h.id).length || store.supervision.extensionsOf(h.id).length).map((h) => h.id))
    expect(actedOn.size).toBeGreaterThan(0)
    expect(actedOn.size).toBeLessThan(10)
    for (const h of hazards) {
      const generated = asStored(events.get(h.id)!)
      if (actedOn.has(h.id)) {
        expect(store.hazards.events(h.id).slice(0, generated.length)).toEqual(generated)
        continue
      }
      expect(store.hazards.get(h.id)).toEqual(h)
      expect(store.hazards.events(h.id)).toEqual(generated)
    }
  })

  it('re-encode to the same bytes, and refuse what format 1 cannot hold', () => {
    for (const h of hazards.slice(0, 300)) {
      const blob = encodeHistory(events.get(h.id)!)!
      expect(decodeHistory(h.id, blob)).toEqual(events.get(h.id))
      expect(encodeHistory(decodeHistory(h.id, blob))).toEqual(blob)
    }
    const report: HazardEvent = { hazardId: 1, at: '2026-11-28T09:05:00+08:00', actor: 'grid-1', action: 'report', note: null, from: null, to: 'reported' }
    expect(encodeHistory([{ ...report, at: '2026-11-28T01:05:00.000Z' }])).toBeNull()
    expect(encodeHistory([{ ...report, from: 'assessed' }])).toBeNull()
    expect(encodeHistory([])).toBeNull()
  })

  it('keep notes that are not stock phrases, and long histories, across slabs', () => {
    const writer = new HistoryWriter()
    const blobs: Uint8Array[] = []
    for (let i = 0; i < 20_000; i++) {
      writer.begin(20_000 + i)
      writer.event(20_000 + i, 9 * 60, '网格员', 0, 0, 0)
      writer.event(20_000 + i + 3, 23 * 60 + 59, 'district-1', 6, 0, 255, `第${i}号：情况特殊 ✓`)
      blobs.push(writer.finish())
    }
    const first = decodeHistory(1, blobs[0]!)
    expect(first).toEqual([
      { hazardId: 1, at: '2024-10-04T09:00:00+08:00', actor: '网格员', action: 'report', note: null, from: null, to: 'reported' },
      { hazardId: 1, at: '2024-10-07T23:59:00+08:00', actor: 'district-1', action: 'escalate', note: '第0号：情况特殊 ✓', from: 'reported', to: 'reported' },
    ])
    expect(decodeHistory(7, blobs[19_999]!)[1]!.note).toBe('第19999号：情况特殊 ✓')
    expect(() => decodeHistory(1, Uint8Array.of(9, 0, 0, 0, 0))).toThrow(/format/)
  })

  it('come first, and events recorded later follow them', () => {
    const h = hazards.find((x) => x.status !== 'closed')!
    const comment = { at: '2026-11-28T02:00:00.000+00:00', actor: 'leader', action: 'comment' as const, note: '请加快', from: h.status, to: h.status }
    expect(store.hazards.update(h.id, h.version, {}, comment)?.version).toBe(h.version + 1)
    expect(store.hazards.events(h.id)).toEqual([...asStored(events.get(h.id)!), { hazardId: h.id, ...comment }])
  })

  it('list their escalations for the bulletins, in time order, with those recorded later', () => {
    const escalated = [...events.values()].flat().filter((e) => e.action === 'escalate')
    expect(escalated.length).toBeGreaterThan(10)
    const listed = store.bulletins.escalations('2025-01-01T00:00:00+08:00', `${AS_OF}T23:59:59+08:00`)
    const byTime = [...escalated].sort((a, b) => a.at.localeCompare(b.at) || a.hazardId - b.hazardId)
    expect(listed).toEqual(byTime.map((e) => ({ hazardId: e.hazardId, at: e.at })))

    const h = hazards.filter((x) => !x.escalated && x.status === 'assigned').at(-1)!
    const at = '2026-11-28T03:00:00.000+00:00'
    store.hazards.update(h.id, h.version, { escalated: true }, { at, actor: 'district-1', action: 'escalate', note: '情况紧急', from: h.status, to: h.status })
    expect(store.bulletins.escalations('2026-11-28T00:00:00+08:00', '2026-11-28T23:59:59+08:00').at(-1)).toEqual({ hazardId: h.id, at })
  })

  it('are checked for foreign keys once the bulk load is done', () => {
    expect(() =>
      store.bulkLoad(() => store.hazards.insertMany([], [{ hazardId: 999_999, at: '2026-11-28T08:00:00+08:00', actor: 'x', action: 'comment', note: null, from: null, to: 'reported' }])),
    ).toThrow(/foreign key/)
  })
})
