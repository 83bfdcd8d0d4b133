import { describe, expect, it } from 'vitest'
import { categoryIds } from '../../../server/domain/categories'
import { heatToggle, layerFilters, layerVisibility, mapLayerToggles, toggleLayerIds, togglesFor, withState } from '../../../web/map/layer-groups'
import { areaFillLayerIds } from '../../../web/map/layers/areas'
import { choroplethLayerId } from '../../../web/map/layers/choropleth'
import { focusLayerIds } from '../../../web/map/layers/focus'
import { hazardLayerIds } from '../../../web/map/layers/hazards'
import { heatLayerIds } from '../../../web/map/layers/heat'
import { deskPalette } from '../../../web/map/palette'
import { overlayLayers } from '../../../web/map/registry'
import { makeLayerState } from './factories'
import { passes } from './expressions'

const styleLayerIds = new Set(overlayLayers(deskPalette, { townZoom: 12 }).map((l) => l.id))

describe('layer toggles', () => {
  it('each switch layers that the style has', () => {
    for (const toggle of mapLayerToggles) {
      expect(toggleLayerIds[toggle].length).toBeGreaterThan(0)
      for (const id of toggleLayerIds[toggle]) expect(styleLayerIds.has(id)).toBe(true)
    }
  })

  it('switch heat one category at a time', () => {
    for (const category of categoryIds) expect(toggleLayerIds[heatToggle(category)]).toEqual([heatLayerIds[category]])
  })

  it('offer single hazards to every role but the wall, which sees counts only', () => {
    expect(togglesFor(false)).toContain('hazards')
    expect(togglesFor(true)).not.toContain('hazards')
    expect(togglesFor(true)).toContain('choropleth')
  })

  it('hide what is off and show what is on', () => {
    const visible = layerVisibility(makeLayerState())
    expect(visible[hazardLayerIds.points]).toBe(true)
    expect(visible[heatLayerIds.mass_incident]).toBe(false)
    expect(visible[choroplethLayerId]).toBe(false)
  })

  it('let the district tints give way while the choropleth is on', () => {
    const state = makeLayerState()
    expect(layerVisibility(state)[areaFillLayerIds.district]).toBe(true)
    expect(layerVisibility({ ...state, visible: { ...state.visible, choropleth: true } })[areaFillLayerIds.district]).toBe(false)
  })

  it('set the style’s first frame as the state says, visibility and filters alike', () => {
    const state = makeLayerState({ choroplethLevel: 'grid' })
    const layers = withState(overlayLayers(deskPalette, { townZoom: 12 }), state)
    const choropleth = layers.find((l) => l.id === choroplethLayerId)!
    expect(choropleth.layout && 'visibility' in choropleth.layout && choropleth.layout.visibility).toBe('none')
    expect('filter' in choropleth && passes(choropleth.filter, { level: 'grid' })).toBe(true)
  })
})

describe('drill-down focus', () => {
  const town = makeLayerState()
  const village = makeLayerState({ focus: { area: { id: 'V1', level: 'village' }, target: 'grid' } })
  const filter = (state: typeof town, id: string) => layerFilters(state)[id]

  it('dims nothing for the whole town', () => {
    expect(passes(filter(town, focusLayerIds.dim), { id: 'D1', level: 'district' })).toBe(false)
    expect(passes(filter(town, focusLayerIds.dim), { id: 'V1', level: 'village' })).toBe(false)
  })

  it('dims every other area of the drilled area’s level, and not the area itself', () => {
    expect(passes(filter(village, focusLayerIds.dim), { id: 'V2', level: 'village' })).toBe(true)
    expect(passes(filter(village, focusLayerIds.dim), { id: 'V1', level: 'village' })).toBe(false)
    // What lies inside is of a finer level: never dimmed.
    expect(passes(filter(village, focusLayerIds.dim), { id: 'G1', level: 'grid' })).toBe(false)
  })

  it('hit-tests the level a click opens: districts for the town, grid cells inside a village', () => {
    expect(passes(filter(town, focusLayerIds.hit), { id: 'D1', level: 'district' })).toBe(true)
    expect(passes(filter(town, focusLayerIds.hit), { id: 'V1', level: 'village' })).toBe(false)
    expect(passes(filter(village, focusLayerIds.hit), { id: 'G1', level: 'grid' })).toBe(true)
  })

  it('rings the hazard whose card is open, and none while no card is', () => {
    expect(passes(filter(makeLayerState({ selectedHazard: 42 }), hazardLayerIds.selected), { id: 42 })).toBe(true)
    expect(passes(filter(makeLayerState({ selectedHazard: 42 }), hazardLayerIds.selected), { id: 43 })).toBe(false)
    expect(passes(filter(town, hazardLayerIds.selected), { id: 42 })).toBe(false)
  })

  it('outlines the drilled area only', () => {
    expect(passes(filter(village, focusLayerIds.current), { id: 'V1', level: 'village' })).toBe(true)
    expect(passes(filter(village, focusLayerIds.current), { id: 'V2', level: 'village' })).toBe(false)
    expect(passes(filter(town, focusLayerIds.current), { id: 'V1', level: 'village' })).toBe(false)
  })
})
