import { afterEach, describe, expect, it } from 'vitest'
import type { Hazard } from '../../../../server/domain/schemas'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { box, makeArea, makeSite, smallTown } from './geography-fixtures'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

async function storeWithTown() {
  open = await openBareStore()
  open.store.areas.insertMany(smallTown())
  return open.store
}

/** A hazard in grid cell G1 (village V1, district D1) at a point. */
function makeHazard(id: number, location: [number, number]): Hazard {
  return {
    id, code: `YH${String(id).padStart(6, '0')}`, title: '楼道堆放杂物', description: '楼道内堆放纸箱', category: 'safety_accident',
    item: 'fire', status: 'reported', level: null, source: 'routine', location, areaId: 'G1', villageId: 'V1', districtId: 'D1',
    townId: 'T', siteId: null, discoveredAt: '2026-11-28', foundAt: '2026-11-28T09:30:00+08:00', reportedAt: '2026-11-28T09:31:00+08:00',
    receivedAt: '2026-11-28T09:31:05+08:00', reportedBy: 'gridder', measures: null, leadUnit: 'safety', responsibleUnit: null,
    responsiblePerson: null, deadline: null, handlingLevel: null, escalated: false, rectifiedAt: null, closedAt: null, campaignId: null,
    version: 1, updatedAt: '2026-11-28T09:31:05+08:00',
  }
}

describe('the store (each adapter): a boundary import’s writes', () => {
  it('replaces shapes with their label, box and parent; keeps names, numbers and the order of areas', async () => {
    const store = await storeWithTown()
    const before = store.areas.list()
    const west = box(120, 36, 120.6, 37)
    store.transaction(() =>
      store.boundaries.replaceShapes([
        { id: 'V1', parentId: 'D2', label: [120.3, 36.5], bbox: [120, 36, 120.6, 37], geometry: west },
        { id: 'V9', parentId: 'D1', label: [120.3, 36.5], bbox: [120, 36, 120.6, 37], geometry: west },
      ]),
    )
    const v1 = before.find((a) => a.id === 'V1')!
    expect(store.areas.get('V1')).toEqual({ ...v1, parentId: 'D2', label: [120.3, 36.5], bbox: [120, 36, 120.6, 37], geometry: west })
    expect(store.areas.get('V9')).toBeUndefined()
    expect(store.areas.list().map((a) => a.id)).toEqual(before.map((a) => a.id))
    expect(store.areas.list().filter((a) => a.id !== 'V1')).toEqual(before.filter((a) => a.id !== 'V1'))
  })

  it('moves areas under new parents', async () => {
    const store = await storeWithTown()
    store.transaction(() => store.boundaries.setParents([{ id: 'V1', parentId: 'D2' }, { id: 'G2', parentId: 'V1' }]))
    expect(store.areas.list('village').map((a) => [a.id, a.parentId])).toEqual([['V1', 'D2'], ['V2', 'D2']])
    expect(store.areas.list('grid').map((a) => [a.id, a.parentId])).toEqual([['G1', 'V1'], ['G2', 'V1']])
    store.boundaries.setParents([])
    expect(store.areas.get('G2')?.parentId).toBe('V1')
  })

  it('places sites in new cells, counting only those that moved', async () => {
    const store = await storeWithTown()
    store.sites.insertMany([makeSite('S1', 'G1', 'V1', [120.55, 36.5]), makeSite('S2', 'G1', 'V1', [120.2, 36.5])])
    const rows = [{ id: 'S1', areaId: 'G2', villageId: 'V2' }, { id: 'S2', areaId: 'G1', villageId: 'V1' }, { id: 'S9', areaId: 'G2', villageId: 'V2' }]
    expect(store.transaction(() => store.boundaries.placeSites(rows))).toBe(1)
    expect(store.sites.get('S1')).toEqual(makeSite('S1', 'G2', 'V2', [120.55, 36.5]))
    expect(store.sites.get('S2')).toEqual(makeSite('S2', 'G1', 'V1', [120.2, 36.5]))
    expect(store.boundaries.placeSites(rows)).toBe(0)
    expect(store.boundaries.placeSites([])).toBe(0)
  })

  it('reads every hazard’s point and cell, and moves hazards with their village and district, counting only those that moved', async () => {
    const store = await storeWithTown()
    store.hazards.insertMany([makeHazard(2, [120.55, 36.5]), makeHazard(1, [120.2, 36.4]), makeHazard(3, [120.123456789012, 36.987654321098])], [])
    expect(store.boundaries.hazardPoints()).toEqual([
      { id: 1, location: [120.2, 36.4], areaId: 'G1' },
      { id: 2, location: [120.55, 36.5], areaId: 'G1' },
      { id: 3, location: [120.123456789012, 36.987654321098], areaId: 'G1' },
    ])
    const rows = [
      { id: 1, areaId: 'G1', villageId: 'V1', districtId: 'D1' },
      { id: 2, areaId: 'G2', villageId: 'V2', districtId: 'D2' },
      { id: 3, areaId: 'G1', villageId: 'V1', districtId: 'D2' },
      { id: 99, areaId: 'G2', villageId: 'V2', districtId: 'D2' },
    ]
    expect(store.transaction(() => store.boundaries.placeHazards(rows))).toBe(2)
    expect(store.hazards.get(2)).toEqual({ ...makeHazard(2, [120.55, 36.5]), areaId: 'G2', villageId: 'V2', districtId: 'D2' })
    expect(store.hazards.get(3)).toEqual({ ...makeHazard(3, [120.123456789012, 36.987654321098]), districtId: 'D2' })
    expect(store.hazards.get(1)).toEqual(makeHazard(1, [120.2, 36.4]))
    expect(store.boundaries.placeHazards(rows)).toBe(0)
    expect(store.boundaries.hazardPoints().map((h) => h.areaId)).toEqual(['G1', 'G2', 'G1'])
  })

  it('reads a hazard’s cell whatever characters its id holds', async () => {
    const store = await storeWithTown()
    const odd = 'G\\3\t新\n'
    store.areas.insertMany([makeArea(odd, 'grid', 'V1', [120, 36, 120.1, 36.1])])
    store.hazards.insertMany([{ ...makeHazard(1, [120.05, 36.05]), areaId: odd }], [])
    expect(store.boundaries.hazardPoints()).toEqual([{ id: 1, location: [120.05, 36.05], areaId: odd }])
  })

  it('derives each inspection’s village and district again from its area after the tree changed', async () => {
    const store = await storeWithTown()
    const inspect = (areaId: string) =>
      store.inspections.insert({ source: 'routine', areaId, date: '2026-11-20', inspectors: '王五', checked: '消防通道', findings: null, hazardsFound: 0, createdBy: 'gridder' })
    const [onGrid, onVillage, onDistrict, onTown] = [inspect('G1'), inspect('V1'), inspect('D1'), inspect('T')]
    expect([onGrid.villageId, onGrid.districtId]).toEqual(['V1', 'D1'])
    store.transaction(() => {
      store.boundaries.setParents([{ id: 'V1', parentId: 'D2' }])
      store.boundaries.refreshInspections()
    })
    const placeOf = (id: number) => {
      const i = store.inspections.get(id)!
      return [i.villageId, i.districtId]
    }
    expect(placeOf(onGrid.id)).toEqual(['V1', 'D2'])
    expect(placeOf(onVillage.id)).toEqual(['V1', 'D2'])
    expect(placeOf(onDistrict.id)).toEqual([null, 'D1'])
    expect(placeOf(onTown.id)).toEqual([null, null])
  })
})
