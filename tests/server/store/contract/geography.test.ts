import { afterEach, describe, expect, it } from 'vitest'
import type { BasemapRecord } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { makeArea, makeSite, smallTown } from './geography-fixtures'

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

describe('the store (each adapter): areas', () => {
  it('gives back each area as inserted: names, numbers, nulls, label, box and shape', async () => {
    const store = await storeWithTown()
    const multi: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [[[120.123456789012, 36.1], [120.2, 36.1], [120.2, 36.2], [120.123456789012, 36.1]]],
        [[[120.3, 36.3], [120.4, 36.3], [120.4, 36.4], [120.3, 36.3]], [[120.33, 36.33], [120.35, 36.33], [120.35, 36.35], [120.33, 36.33]]],
      ],
    }
    const island = makeArea('G3', 'grid', 'V1', [120.123456789012, 36.1, 120.4, 36.4], { geometry: multi, label: [120.1500000000001, 36.15], fullName: '岛·网格' })
    store.areas.insertMany([island])
    expect(store.areas.get('G3')).toEqual(island)
    for (const a of smallTown()) expect(store.areas.get(a.id)).toEqual(a)
    expect(store.areas.get('nowhere')).toBeUndefined()
    expect(store.areas.count()).toBe(8)
  })

  it('lists areas in the order they were inserted, across calls, all or of one level', async () => {
    const store = await storeWithTown()
    store.areas.insertMany([makeArea('G0', 'grid', 'V2', [120.6, 36.1, 120.7, 36.2]), makeArea('A9', 'grid', 'V1', [120.1, 36.1, 120.2, 36.2])])
    expect(store.areas.list().map((a) => a.id)).toEqual(['T', 'D1', 'D2', 'V1', 'V2', 'G1', 'G2', 'G0', 'A9'])
    expect(store.areas.list('grid').map((a) => a.id)).toEqual(['G1', 'G2', 'G0', 'A9'])
    expect(store.areas.list('district')).toEqual(smallTown().filter((a) => a.level === 'district'))
    expect(store.areas.list('county')).toEqual([])
  })

  it('refuses an area under a parent that does not exist, and a second area of the same id', async () => {
    const store = await storeWithTown()
    expect(() => store.transaction(() => store.areas.insertMany([makeArea('V3', 'village', 'D9', [120, 36, 120.1, 36.1])]))).toThrow()
    expect(() => store.transaction(() => store.areas.insertMany([makeArea('G1', 'grid', 'V1', [120, 36, 120.1, 36.1])]))).toThrow()
    expect(store.areas.get('V3')).toBeUndefined()
    expect(store.areas.get('G1')).toEqual(smallTown().find((a) => a.id === 'G1'))
    expect(store.areas.count()).toBe(7)
  })

  it('is empty before the seed: no areas, none of any level', async () => {
    open = await openBareStore()
    expect(open.store.areas.count()).toBe(0)
    expect(open.store.areas.list()).toEqual([])
    expect(open.store.areas.list('grid')).toEqual([])
  })
})

describe('the store (each adapter): the basemap', () => {
  it('lists its features in the order they were inserted, shapes as given', async () => {
    open = await openBareStore()
    const features: BasemapRecord[] = [
      { id: 'road-z', kind: 'main_road', name: '青岛路', geometry: { type: 'LineString', coordinates: [[120.1, 36.1], [120.9, 36.9]] } },
      { id: 'river-a', kind: 'river', name: '大沽河', geometry: { type: 'MultiLineString', coordinates: [[[120.2, 36], [120.2, 37]], [[120.3, 36], [120.3, 36.5]]] } },
      { id: 'water-m', kind: 'reservoir', name: '尹府水库', geometry: { type: 'Polygon', coordinates: [[[120.4, 36.4], [120.5, 36.4], [120.5, 36.5], [120.4, 36.4]]] } },
    ]
    open.store.basemap.insertMany(features.slice(0, 2))
    open.store.basemap.insertMany(features.slice(2))
    expect(open.store.basemap.list()).toEqual(features)
  })
})

describe('the store (each adapter): key sites', () => {
  const sites = [
    makeSite('S-b', 'G1', 'V1', [120.25, 36.5]),
    makeSite('S-B', 'G2', 'V2', [120.75, 36.5], { kind: 'chemical_shop' }),
    makeSite('S-a', 'G1', 'V1', [120.123456789012, 36.987654321098], { kind: 'chemical_shop', responsible: { name: '李四', phone: '13900000000' } }),
    makeSite('S-10', 'G2', 'V2', [120.6, 36.2]),
    makeSite('S-9', 'G1', 'V1', [120.1, 36.1], { kind: 'hardware_workshop' }),
  ]

  it('gives back each site as inserted', async () => {
    const store = await storeWithTown()
    store.sites.insertMany(sites)
    for (const s of sites) expect(store.sites.get(s.id)).toEqual(s)
    expect(store.sites.get('S-0')).toBeUndefined()
  })

  it('lists sites by id compared as bytes (digits, then capitals, then small letters)', async () => {
    const store = await storeWithTown()
    store.sites.insertMany(sites)
    expect(store.sites.list().map((s) => s.id)).toEqual(['S-10', 'S-9', 'S-B', 'S-a', 'S-b'])
  })

  it('filters by kind and by village, both at once; no kind named means every kind, no village named means none', async () => {
    const store = await storeWithTown()
    store.sites.insertMany(sites)
    const ids = (filter: Parameters<typeof store.sites.list>[0]) => store.sites.list(filter).map((s) => s.id)
    expect(ids({ kind: ['chemical_shop', 'hardware_workshop'] })).toEqual(['S-9', 'S-B', 'S-a'])
    expect(ids({ villageIds: ['V1'] })).toEqual(['S-9', 'S-a', 'S-b'])
    expect(ids({ kind: ['chemical_shop'], villageIds: ['V1', 'V9'] })).toEqual(['S-a'])
    expect(ids({ kind: [] })).toEqual(['S-10', 'S-9', 'S-B', 'S-a', 'S-b'])
    expect(ids({ villageIds: [] })).toEqual([])
    expect(ids({})).toEqual(ids(undefined))
  })

  it('refuses a site in an area that does not exist', async () => {
    const store = await storeWithTown()
    expect(() => store.transaction(() => store.sites.insertMany([makeSite('S-x', 'G9', 'V1', [120.1, 36.1])]))).toThrow()
    expect(store.sites.list()).toEqual([])
  })
})
