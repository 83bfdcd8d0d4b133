import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useFilterStore } from '../../../web/stores/filters'
import { useSelectionStore } from '../../../web/stores/selection'

beforeEach(() => setActivePinia(createPinia()))

describe('the filter store', () => {
  it('adds the area of the drill-down path to the choice', () => {
    const filters = useFilterStore()
    filters.set('level', ['major'])
    filters.drillTo(['D1', 'V1'])
    expect(filters.area).toBe('V1')
    expect(filters.filter).toEqual({ level: ['major'], area: ['V1'] })
    expect(filters.queryString).toBe('level=major&area=V1')
  })

  it('writes the same query for the same filter, whatever the order things were chosen in', () => {
    const a = useFilterStore()
    a.toggle('category', 'safety_accident')
    a.toggle('category', 'mass_incident')
    const first = a.queryString
    a.reset()
    a.toggle('category', 'mass_incident')
    a.toggle('category', 'safety_accident')
    expect(a.queryString).toBe(first)
  })

  it('toggles a value in and out, and forgets a list left empty', () => {
    const filters = useFilterStore()
    filters.toggle('source', 'routine')
    expect(filters.choice.source).toEqual(['routine'])
    filters.toggle('source', 'routine')
    expect('source' in filters.choice).toBe(false)
  })

  it('forgets a key set to nothing: undefined, an empty text, false', () => {
    const filters = useFilterStore()
    filters.set('q', '消防')
    filters.set('overdue', true)
    filters.set('q', '')
    filters.set('overdue', false)
    expect(filters.choice).toEqual({})
    expect(filters.chosen).toBe(0)
  })

  it('goes up the path by as many levels as asked, never above the town', () => {
    const filters = useFilterStore()
    filters.drillTo(['D1', 'V1', 'G1'])
    filters.up()
    expect(filters.path).toEqual(['D1', 'V1'])
    filters.up(5)
    expect(filters.path).toEqual([])
    expect(filters.area).toBeUndefined()
  })

  it('restores a whole view at once, as a link or Back does', () => {
    const filters = useFilterStore()
    filters.set('q', 'old')
    filters.restore({ status: ['closed'], openOn: '2026-01-15' }, ['D2'])
    expect(filters.choice).toEqual({ status: ['closed'], openOn: '2026-01-15' })
    expect(filters.path).toEqual(['D2'])
    expect(filters.chosen).toBe(2)
  })

  it('does not share the restored objects with the caller', () => {
    const filters = useFilterStore()
    const path = ['D1']
    filters.restore({}, path)
    path.push('V1')
    expect(filters.path).toEqual(['D1'])
  })
})

describe('the selection store', () => {
  it('opens one hazard at a time and closes it', () => {
    const selection = useSelectionStore()
    selection.openHazard(3)
    selection.openHazard(7)
    expect(selection.hazardId).toBe(7)
    selection.closeHazard()
    expect(selection.hazardId).toBeUndefined()
  })

  it('still closes through openHazard(undefined), as the map does', () => {
    const selection = useSelectionStore()
    selection.openHazard(3)
    selection.openHazard(undefined)
    expect(selection.hazardId).toBeUndefined()
  })
})
