import type { DrawnAreaLevel, MapPalette } from '../palette'
import { defaultTownScale, type TownScale } from '../scale'
import type { FillPaint, FilterSpecification, LayerSpecification, LinePaint } from '../spec'

/** Line layer ids by area level: what tests and interactions ask the map about. */
export const areaLineLayerIds: Record<DrawnAreaLevel, string> = {
  town: 'area-town-line',
  district: 'area-district-line',
  village: 'area-village-line',
  grid: 'area-grid-line',
}
export const areaFillLayerIds = { town: 'area-town-fill', district: 'area-district-fill' } as const

const ofLevel = (level: DrawnAreaLevel): FilterSpecification => ['==', ['get', 'level'], level]

/** Widths at the town's zoom and three levels closer: the hierarchy reads thickest to thinnest. */
export const areaLineWidths: Record<DrawnAreaLevel, [number, number]> = {
  town: [4, 6],
  district: [2.5, 4],
  village: [1.2, 2],
  grid: [0.6, 1.2],
}

function widthByZoom(level: DrawnAreaLevel, { townZoom }: TownScale): LinePaint['line-width'] {
  const [near, far] = areaLineWidths[level]
  return ['interpolate', ['linear'], ['zoom'], townZoom, near, townZoom + 3, far]
}

/** Tints go round in the server's order of districts: no two share one while there are tints enough. */
function tintByOrder(tints: readonly string[]): FillPaint['fill-color'] {
  return ['to-color', ['at', ['%', ['get', 'tint'], tints.length], ['literal', [...tints]]]]
}

/**
 * Both builders read one source whose features carry `level` (town | district | village | grid)
 * and, for districts, `tint` (their order). Fills go under the base layer and lines over it, so roads
 * and rivers show through the tints and never hide a boundary.
 */
export function areaFillLayers(sourceId: string, palette: MapPalette): LayerSpecification[] {
  return [
    {
      id: areaFillLayerIds.town,
      type: 'fill',
      source: sourceId,
      filter: ofLevel('town'),
      paint: { 'fill-color': palette.land },
    },
    {
      id: areaFillLayerIds.district,
      type: 'fill',
      source: sourceId,
      filter: ofLevel('district'),
      paint: {
        'fill-color': tintByOrder(palette.districtTints),
        'fill-opacity': palette.districtTintOpacity,
      },
    },
  ]
}

export function areaLineLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const { townZoom } = scale
  const line = (level: DrawnAreaLevel, paint: LinePaint = {}): LayerSpecification => ({
    id: areaLineLayerIds[level],
    type: 'line',
    source: sourceId,
    filter: ofLevel(level),
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': palette.lines[level], 'line-width': widthByZoom(level, scale), ...paint },
  })
  return [
    // Grid cells are many and small: dashed and faint at the town's zoom so villages stay legible.
    line('grid', {
      'line-dasharray': [3, 2],
      'line-opacity': ['interpolate', ['linear'], ['zoom'], townZoom - 1, 0.4, townZoom + 2, 1],
    }),
    line('village'),
    line('district'),
    line('town'),
  ]
}
