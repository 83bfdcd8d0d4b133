import { categoryIds, type CategoryId } from '../../../server/domain/categories'
import { mix, withAlpha } from '../colors'
import type { MapPalette } from '../palette'
import { defaultTownScale, type TownScale } from '../scale'
import type { ExpressionSpecification, LayerSpecification } from '../spec'
import { hazardSourceLayer } from './hazards'

export const heatLayerIds = Object.fromEntries(categoryIds.map((c) => [c, `hazard-heat-${c}`])) as Record<CategoryId, string>

/**
 * A category's ramp: from nothing, through a pale tint, to its own hue darkened. One hue a
 * category (the charts' hue), so two heat layers on at once stay told apart.
 */
export function heatRamp(hue: string): ExpressionSpecification {
  return [
    'interpolate', ['linear'], ['heatmap-density'],
    0, withAlpha(hue, 0),
    0.15, withAlpha(mix(hue, '#ffffff', 0.55), 0.35),
    0.45, withAlpha(hue, 0.6),
    1, withAlpha(mix(hue, '#000000', 0.35), 0.9),
  ]
}

/**
 * One heat layer a category over the hazard tiles, weighted by `count` so bins (zoomed out)
 * weigh as many hazards as they hold. The radius grows with the zoom so a hotspot keeps its
 * size on the ground roughly, rather than on the screen.
 */
export function hazardHeatLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const { townZoom } = scale
  return categoryIds.map((category) => ({
    id: heatLayerIds[category],
    type: 'heatmap',
    source: sourceId,
    'source-layer': hazardSourceLayer,
    filter: ['==', ['get', 'category'], category],
    paint: {
      'heatmap-weight': ['get', 'count'],
      // At the town's zoom a hotspot is about a village across; closer in, about a grid cell.
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], townZoom - 3, 0.04, townZoom, 0.12, townZoom + 3, 0.6],
      'heatmap-radius': ['interpolate', ['exponential', 2], ['zoom'], townZoom - 3, 10, townZoom, 36, townZoom + 3, 110],
      'heatmap-color': heatRamp(palette.hazards.categories[category]),
      'heatmap-opacity': 0.8,
    },
  }))
}
