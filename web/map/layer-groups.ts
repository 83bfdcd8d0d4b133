import { categoryIds, type CategoryId } from '../../server/domain/categories'
import { areaFillLayerIds } from './layers/areas'
import { choroplethFilter, choroplethLayerId, type ChoroplethLevel } from './layers/choropleth'
import { currentFilter, dimFilter, focusLayerIds, targetFilter, type Focus } from './layers/focus'
import { hazardLayerIds, selectedFilter } from './layers/hazards'
import { heatLayerIds } from './layers/heat'
import { siteLayerIds } from './layers/sites'
import type { FilterSpecification, LayerSpecification } from './spec'

/** What the reader switches on and off in the layers control. */
export type HeatToggle = `heat-${CategoryId}`
export type MapLayerToggle = 'hazards' | 'choropleth' | 'sites' | HeatToggle

export const heatToggle = (category: CategoryId): HeatToggle => `heat-${category}`
export const mapLayerToggles: readonly MapLayerToggle[] = ['hazards', ...categoryIds.map(heatToggle), 'choropleth', 'sites']
/** What a desk opens with: single hazards and key sites; heat and the choropleth are asked for. */
export const defaultLayerToggles: readonly MapLayerToggle[] = ['hazards', 'sites']

export const toggleLayerIds: Record<MapLayerToggle, readonly string[]> = {
  hazards: Object.values(hazardLayerIds),
  choropleth: [choroplethLayerId],
  sites: Object.values(siteLayerIds),
  ...(Object.fromEntries(categoryIds.map((c) => [heatToggle(c), [heatLayerIds[c]]])) as Record<HeatToggle, string[]>),
}

/** Everything that sets how the drawn layers look beyond the style itself. */
export interface MapLayerState {
  visible: Record<MapLayerToggle, boolean>
  choroplethLevel: ChoroplethLevel
  focus: Focus
  /** The hazard whose card is open, ringed on the map. */
  selectedHazard?: number
}

/** The toggles a role may use: the wall sees counts, never single hazards. */
export function togglesFor(aggregateOnly: boolean): MapLayerToggle[] {
  return mapLayerToggles.filter((t) => !(aggregateOnly && t === 'hazards'))
}

/** The visibility of every toggled layer; while the choropleth is on, the district tints give way to it. */
export function layerVisibility(state: MapLayerState): Record<string, boolean> {
  const out: Record<string, boolean> = {}
  for (const toggle of mapLayerToggles) for (const id of toggleLayerIds[toggle]) out[id] = state.visible[toggle]
  out[areaFillLayerIds.district] = !state.visible.choropleth
  return out
}

/** The filter of every layer whose filter follows the state. */
export function layerFilters(state: MapLayerState): Record<string, FilterSpecification> {
  const { focus } = state
  return {
    [choroplethLayerId]: choroplethFilter(state.choroplethLevel),
    [focusLayerIds.dim]: dimFilter(focus),
    [focusLayerIds.hit]: targetFilter(focus),
    [focusLayerIds.hoverLine]: targetFilter(focus),
    [focusLayerIds.current]: currentFilter(focus),
    [hazardLayerIds.selected]: selectedFilter(state.selectedHazard),
  }
}

/** The layers as this state shows them, for the style's first frame. */
export function withState(layers: LayerSpecification[], state: MapLayerState): LayerSpecification[] {
  const visible = layerVisibility(state)
  const filters = layerFilters(state)
  return layers.map((layer) => {
    let next = layer
    const shown = visible[layer.id]
    if (shown !== undefined) next = { ...next, layout: { ...next.layout, visibility: shown ? 'visible' : 'none' } } as LayerSpecification
    const filter = filters[layer.id]
    if (filter !== undefined) next = { ...next, filter } as LayerSpecification
    return next
  })
}
