import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Hazard } from '../../../../server/domain/schemas'
import type { IndexedHazard, NewEvent } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { hazardOf, insertOf, reported, townAreas } from './hazards-ledger'

let open: BareStore
beforeEach(async () => {
  open = await openBareStore()
  townAreas(open.store)
})
afterEach(() => open.close())

const comment = (h: Hazard, note = '请加快'): NewEvent => ({ at: '2026-11-28T10:00:00+08:00', actor: 'leader', action: 'comment', note, from: h.status, to: h.status })

describe('the ledger (each adapter): hazards and their events', () => {
  it('numbers a new hazard and makes its code from the number, with its first event', () => {
    const { hazards } = open.store
    const h = open.store.transaction(() => hazards.insert(insertOf(hazardOf(0)), reported(hazardOf(0))))
    expect(h).toEqual({ ...hazardOf(0), id: 1, code: 'YH20260000001', version: 1 })
    expect(hazards.get(1)).toEqual(h)
    expect(hazards.events(1)).toEqual([reported(h)])
    const imported = hazards.insert({ ...insertOf(hazardOf(0)), code: 'YH-OLD-7' }, reported(hazardOf(0)))
    expect([imported.id, imported.code]).toEqual([2, 'YH-OLD-7'])
  })

  it('keeps how the place was taken only when it is known', () => {
    const { hazards } = open.store
    const pinned = hazards.insert({ ...insertOf(hazardOf(0)), locationAccuracy: 65.5, locationMethod: 'pin', pinReason: 'GPS 偏差大' }, reported(hazardOf(0)))
    const plain = hazards.insert(insertOf(hazardOf(0)), reported(hazardOf(0)))
    expect(hazards.get(pinned.id)).toMatchObject({ locationAccuracy: 65.5, locationMethod: 'pin', pinReason: 'GPS 偏差大' })
    expect(Object.keys(hazards.get(plain.id)!)).not.toContain('locationMethod')
    expect(Object.keys(hazards.get(plain.id)!)).not.toContain('locationAccuracy')
  })

  it('gives the next number after hazards stored with numbers of their own', () => {
    const { hazards } = open.store
    const given = [hazardOf(3), hazardOf(40, { locationMethod: 'gps', locationAccuracy: 8 }), hazardOf(7)]
    hazards.insertMany(given, given.map(reported))
    expect(hazards.count()).toBe(3)
    expect(hazards.get(40)).toEqual(given[1])
    expect(hazards.insert(insertOf(hazardOf(0)), reported(hazardOf(0))).id).toBe(41)
  })

  it('writes a change only over the version it was read at, with its event, and refuses a stale one', () => {
    const { hazards } = open.store
    const h = hazardOf(1)
    hazards.insertMany([h], [reported(h)])
    const patch = { status: 'assessed' as const, level: 'major' as const, escalated: true, location: [118.07, 36.02] as [number, number], deadline: '2026-12-01' }
    const next = open.store.transaction(() => hazards.update(1, 1, patch, { ...comment(h), action: 'assess', to: 'assessed' }))
    expect(next).toEqual({ ...h, ...patch, version: 2 })
    expect(hazards.get(1)).toEqual(next)
    // Another writer that read version 1 loses: nothing of its change, and no event, lands.
    expect(hazards.update(1, 1, { title: '覆盖' }, comment(h, 'stale'))).toBeUndefined()
    expect(hazards.update(1, 1, { status: 'closed' }, comment(h, 'stale'))).toBeUndefined()
    expect(hazards.get(1)).toEqual(next)
    expect(hazards.events(1).map((e) => e.note)).toEqual([null, '请加快'])
    // An empty change still moves the version and records its event (a comment).
    expect(hazards.update(1, 2, {}, comment(next!, 'noted'))?.version).toBe(3)
    expect(hazards.update(404, 1, {}, comment(next!))).toBeUndefined()
    expect(hazards.events(404)).toEqual([])
  })

  it('gives an event its reason for having no photo only when it has one', () => {
    const { hazards } = open.store
    const h = hazardOf(1)
    hazards.insertMany([h], [reported(h)])
    const rectify: NewEvent = { at: '2026-11-20T16:30:00+08:00', actor: 'unit', action: 'rectify', note: '已整改', from: 'rectifying', to: 'rectified', noPhotoReason: '夜间无法拍照' }
    hazards.update(1, 1, { status: 'rectified', rectifiedAt: '2026-11-20' }, rectify)
    hazards.update(1, 2, {}, { ...comment(h), noPhotoReason: null })
    const events = hazards.events(1)
    expect(events[1]).toEqual({ ...rectify, hazardId: 1 })
    expect(events[2]).toEqual({ ...comment(h), hazardId: 1 })
    expect(Object.keys(events[2]!)).not.toContain('noPhotoReason')
  })

  it('gives rows for ids in the order asked, leaving out those that do not exist', () => {
    const { hazards } = open.store
    const given = [1, 2, 3, 4].map((id) => hazardOf(id))
    hazards.insertMany(given, given.map(reported))
    expect(hazards.getMany([3, 99, 1, 4]).map((h) => h.id)).toEqual([3, 1, 4])
    expect(hazards.getMany([])).toEqual([])
    expect(hazards.get(99)).toBeUndefined()
  })

  // lon and lat ride along beside location, as SQLite's scan has always given them.
  it('scans every hazard in the index’s compact form, by id', () => {
    const { hazards } = open.store
    const given = [
      hazardOf(5, { level: 'significant', status: 'closed', closedAt: '2026-11-09', rectifiedAt: '2026-11-08', deadline: '2026-11-10', escalated: true, location: [118.123456789012, 36.987654321098] }),
      hazardOf(2, { source: 'public_report' }),
      hazardOf(9, { item: 'gas', category: 'safety_accident' }),
    ]
    hazards.insertMany(given, given.map(reported))
    const compact = (h: Hazard): IndexedHazard & { lon: number; lat: number } => ({
      id: h.id, areaId: h.areaId, item: h.item, status: h.status, level: h.level, source: h.source, discoveredAt: h.discoveredAt,
      deadline: h.deadline, closedAt: h.closedAt, escalated: h.escalated, campaignId: h.campaignId, location: h.location,
      foundAt: h.foundAt, reportedAt: h.reportedAt, rectifiedAt: h.rectifiedAt, siteId: h.siteId, lon: h.location[0], lat: h.location[1],
    })
    expect([...hazards.scanIndexed()]).toEqual([given[1]!, given[0]!, given[2]!].map(compact))
  })
})
