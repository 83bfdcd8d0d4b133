import type { Person, Site } from '../../../../server/domain/schemas'
import type { AreaRecord, NewInspection, Store } from '../../../../server/store/types'

/**
 * The least geography the people's contract tests stand on: a town, one district with two
 * villages, a grid cell of the first, and a key site there.
 */
const square: AreaRecord['geometry'] = { type: 'Polygon', coordinates: [[[118, 36], [118.1, 36], [118.1, 36.1], [118, 36.1], [118, 36]]] }

const area = (id: string, level: AreaRecord['level'], parentId: string | null): AreaRecord => ({
  id, code: id, name: id, level, parentId, population: null, households: null, fullName: null,
  label: [118.05, 36.05], bbox: [118, 36, 118.1, 36.1], geometry: square,
})

export const site: Site = {
  id: 'site-1', name: '加油站', kind: 'gas_station', areaId: 'grid', villageId: 'village', location: [118.05, 36.05],
  responsible: { name: '王五', phone: '13800000000' }, measures: { people: '', physical: '', technical: '', psychological: '' },
}

export function withPlaces(store: Store): void {
  store.areas.insertMany([
    area('town', 'town', null), area('district', 'district', 'town'),
    area('village', 'village', 'district'), area('village-2', 'village', 'district'), area('grid', 'grid', 'village'),
  ])
  store.sites.insertMany([site])
}

export const makePerson = (id: number, over: Partial<Person> = {}): Person => ({
  id, kind: 'petitioner', villageId: 'village', name: `张${id}`, idNumber: '37028319900101123X', phone: '13800000001',
  controlLevel: 'attention', measures: '每月走访', ...over,
})

export const makeInspection = (over: Partial<NewInspection> = {}): NewInspection => ({
  source: 'routine', areaId: 'grid', date: '2026-11-20', inspectors: '李四', checked: '消防通道', findings: null, hazardsFound: 0,
  createdBy: 'grid-1', ...over,
})
