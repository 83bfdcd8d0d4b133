import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useGeographyStore } from '../../../web/stores/geography'
import { makeArea } from './factories'

describe('the drill-down path to an area', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    const geography = useGeographyStore()
    geography.levels = {
      town: [makeArea({ level: 'town', name: '旧店镇', id: 'T' })],
      district: [makeArea({ level: 'district', name: '旧店管区', id: 'D1', parentId: 'T' })],
      village: [makeArea({ level: 'village', name: '罗头村', id: 'V1', parentId: 'D1' })],
      grid: [makeArea({ level: 'grid', name: '罗头村第3网格', id: 'G3', parentId: 'V1' })],
    }
  })

  it('runs from the district below the town down to the area itself', () => {
    expect(useGeographyStore().pathTo('G3')).toEqual(['D1', 'V1', 'G3'])
    expect(useGeographyStore().pathTo('V1')).toEqual(['D1', 'V1'])
    expect(useGeographyStore().pathTo('D1')).toEqual(['D1'])
  })

  it('is empty for the town itself and for an area not loaded', () => {
    expect(useGeographyStore().pathTo('T')).toEqual([])
    expect(useGeographyStore().pathTo('nowhere')).toEqual([])
  })
})
