import { afterEach, describe, expect, it } from 'vitest'
import type { InspectionPhotoRecord, NewInspection } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { makeInspection, site, withPlaces } from './people-places'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

async function placed(): Promise<BareStore> {
  open = await openBareStore()
  withPlaces(open.store)
  return open
}

const photo = (inspectionId: number, n: number): Omit<InspectionPhotoRecord, 'id'> => ({
  inspectionId, mime: 'image/jpeg', bytes: 1000 + n, width: 800, height: 600, file: `insp-${inspectionId}-${n}.jpg`,
  createdBy: 'grid-1', createdAt: `2026-11-20T10:0${n}:00+08:00`,
})

describe('the store (each adapter): inspections', () => {
  it('finds the village and district an inspection is recorded for from its area', async () => {
    const { store } = await placed()
    const { inspections } = store
    const inGrid = inspections.insert(makeInspection({ areaId: 'grid' }))
    const inVillage = inspections.insert(makeInspection({ areaId: 'village-2' }))
    const inDistrict = inspections.insert(makeInspection({ areaId: 'district', source: 'concentrated' }))
    const inTown = inspections.insert(makeInspection({ areaId: 'town', source: 'concentrated' }))
    const places = [inGrid, inVillage, inDistrict, inTown].map((i) => [i.villageId, i.districtId])
    expect(places).toEqual([['village', 'district'], ['village-2', 'district'], [null, 'district'], [null, null]])
  })

  it('returns what was written, the optional fields as null', async () => {
    const { store } = await placed()
    const bare = store.inspections.insert(makeInspection())
    expect(bare).toEqual({
      id: bare.id, source: 'routine', areaId: 'grid', date: '2026-11-20', inspectors: '李四', checked: '消防通道', findings: null, hazardsFound: 0,
      category: null, siteId: null, location: null, createdAt: null, createdBy: 'grid-1', villageId: 'village', districtId: 'district',
    })
    const full = store.inspections.insert(makeInspection({
      findings: '灭火器过期', hazardsFound: 2, category: 'safety_accident', siteId: site.id, location: [118.051234567, 36.0498765], createdAt: '2026-11-20T10:00:00+08:00',
    }))
    expect(store.inspections.get(full.id)).toEqual(full)
    expect(full).toMatchObject({ findings: '灭火器过期', hazardsFound: 2, category: 'safety_accident', siteId: site.id, location: [118.051234567, 36.0498765] })
    expect(store.inspections.get(full.id + 100)).toBeUndefined()
  })

  it('keeps the ids of a loaded batch and numbers the next one after the highest', async () => {
    const { store } = await placed()
    const rows = [7, 3, 5].map((id) => ({ ...makeInspection({ date: `2026-11-0${id}` }), id }))
    store.inspections.insertMany(rows)
    expect(store.inspections.get(5)?.date).toBe('2026-11-05')
    expect(store.inspections.get(3)?.villageId).toBe('village')
    expect(store.inspections.insert(makeInspection()).id).toBe(8)
  })

  it('lists newest first, by a village’s own checks and its district’s rounds, category, dates and source', async () => {
    const { store } = await placed()
    const { inspections } = store
    const add = (over: Partial<NewInspection>) => inspections.insert(makeInspection(over)).id
    const own = add({ date: '2026-11-10' })
    const later = add({ date: '2026-11-12', category: 'safety_accident' })
    const round = add({ date: '2026-11-11', areaId: 'district', source: 'concentrated' })
    const other = add({ date: '2026-11-13', areaId: 'village-2', category: 'mass_incident' })
    const list = (f: Parameters<typeof inspections.list>[0]) => inspections.list(f).map((i) => i.id)
    expect(list({})).toEqual([other, later, round, own])
    expect(list({ villageIds: ['village'] })).toEqual([later, round, own])
    expect(list({ villageIds: [] })).toEqual([])
    expect(list({ categories: ['safety_accident'] })).toEqual([later, round, own])
    expect(list({ from: '2026-11-11', to: '2026-11-12' })).toEqual([later, round])
    expect(list({ source: ['concentrated'] })).toEqual([round])
    expect(list({ source: [] })).toEqual([other, later, round, own])
    expect(list({ limit: 2 })).toEqual([other, later])
  })

  it('counts a period’s inspections of some sources per village, with the last date', async () => {
    const { store } = await placed()
    for (const [date, areaId, source] of [
      ['2026-11-01', 'grid', 'routine'], ['2026-11-09', 'village', 'routine'], ['2026-11-05', 'village', 'focused'],
      ['2026-11-30', 'village', 'routine'], ['2026-11-03', 'village-2', 'routine'], ['2026-11-04', 'district', 'routine'],
    ] as const) store.inspections.insert(makeInspection({ date, areaId, source }))
    expect(store.inspections.perVillage('2026-11-01', '2026-11-29', ['routine'])).toEqual(
      new Map([['village', { count: 2, last: '2026-11-09' }], ['village-2', { count: 1, last: '2026-11-03' }]]),
    )
    expect(store.inspections.perVillage('2026-11-01', '2026-11-29', [])).toEqual(new Map())
  })

  it('gives check plans every inspection of a period, oldest first, with the recorder’s lead unit', async () => {
    const { store } = await placed()
    store.users.insert({ username: 'safety', name: '安监', role: 'lead_unit', areaId: null, leadUnit: 'safety', passwordHash: 'h' })
    const a = store.inspections.insert(makeInspection({ date: '2026-11-12', createdBy: 'safety', source: 'focused', siteId: site.id }))
    const b = store.inspections.insert(makeInspection({ date: '2026-11-10', areaId: 'district', category: 'mass_incident' }))
    store.inspections.insert(makeInspection({ date: '2026-12-01' }))
    expect(store.inspections.checkRecords('2026-11-01', '2026-11-30')).toEqual([
      { id: b.id, source: 'routine', date: '2026-11-10', category: 'mass_incident', villageId: null, districtId: 'district', siteId: null, unit: null },
      { id: a.id, source: 'focused', date: '2026-11-12', category: null, villageId: 'village', districtId: 'district', siteId: site.id, unit: 'safety' },
    ])
  })

  it('keeps an inspection’s photos, oldest first, by inspection', async () => {
    const { store } = await placed()
    const { inspections } = store
    const one = inspections.insert(makeInspection()).id
    const two = inspections.insert(makeInspection()).id
    const p1 = inspections.insertPhoto(photo(one, 1))
    const p2 = inspections.insertPhoto(photo(two, 2))
    const p3 = inspections.insertPhoto(photo(one, 3))
    expect(p1).toEqual({ id: p1.id, ...photo(one, 1) })
    expect(inspections.photo(p2.id)).toEqual(p2)
    expect(inspections.photo(p3.id + 1)).toBeUndefined()
    expect(inspections.allPhotos()).toEqual([p1, p2, p3])
    expect(inspections.photosOf([one, two, 99])).toEqual(new Map([[one, [p1, p3]], [two, [p2]]]))
    expect(inspections.photosOf([])).toEqual(new Map())
    expect(() => inspections.insertPhoto(photo(two, 2))).toThrow()
  })
})
