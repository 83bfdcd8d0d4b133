import type { DrawnAreaLevel, MapPalette } from '../palette'
import { defaultTownScale, type TownScale } from '../scale'
import type { FilterSpecification, LayerSpecification } from '../spec'

export const focusLayerIds = {
  /** Grey veil over whatever lies outside the area drilled into. */
  dim: 'area-dim',
  /** The areas one click drills into: hit-tested on click and hover, lit under the pointer. */
  hit: 'area-hit',
  hoverLine: 'area-hover-line',
  /** The outline of the area drilled into. */
  current: 'area-current-line',
} as const

/** The feature state set on the area under the pointer. */
export const HOVER_STATE = 'hover'

export type SubLevel = Exclude<DrawnAreaLevel, 'town'>

/** Where the map stands: the area drilled into (none = the whole town) and the level a click opens. */
export interface Focus {
  area?: { id: string; level: SubLevel }
  target: SubLevel
}

const NOTHING: FilterSpecification = ['==', ['get', 'id'], '']

/** Areas of the current one's level other than it: together, everything outside it. */
export function dimFilter(focus: Focus): FilterSpecification {
  const { area } = focus
  return area ? ['all', ['==', ['get', 'level'], area.level], ['!=', ['get', 'id'], area.id]] : NOTHING
}

export const targetFilter = (focus: Focus): FilterSpecification => ['==', ['get', 'level'], focus.target]
export const currentFilter = (focus: Focus): FilterSpecification => (focus.area ? ['==', ['get', 'id'], focus.area.id] : NOTHING)

const hovered = ['boolean', ['feature-state', HOVER_STATE], false] as const

/**
 * Layers of the drill-down over the areas source (ids promoted from `id`). Built for the whole
 * town; the map sets their filters (`dimFilter`, `targetFilter`, `currentFilter`) as the user drills.
 */
export function focusFillLayers(sourceId: string, palette: MapPalette, _scale: TownScale = defaultTownScale, focus: Focus = { target: 'district' }): LayerSpecification[] {
  return [
    { id: focusLayerIds.dim, type: 'fill', source: sourceId, filter: dimFilter(focus), paint: { 'fill-color': palette.dim, 'fill-opacity': palette.dimOpacity } },
    {
      id: focusLayerIds.hit,
      type: 'fill',
      source: sourceId,
      filter: targetFilter(focus),
      // Clear unless hovered, but still there to be hit-tested.
      paint: { 'fill-color': palette.hover, 'fill-opacity': ['case', [...hovered], 0.3, 0] },
    },
  ]
}

export function focusLineLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale, focus: Focus = { target: 'district' }): LayerSpecification[] {
  const { townZoom } = scale
  return [
    {
      id: focusLayerIds.hoverLine,
      type: 'line',
      source: sourceId,
      filter: targetFilter(focus),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': palette.hoverLine, 'line-width': 2, 'line-opacity': ['case', [...hovered], 0.9, 0] },
    },
    {
      id: focusLayerIds.current,
      type: 'line',
      source: sourceId,
      filter: currentFilter(focus),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': palette.focusLine, 'line-width': ['interpolate', ['linear'], ['zoom'], townZoom, 3, townZoom + 4, 5] },
    },
  ]
}
