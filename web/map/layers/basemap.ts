import type { BasemapKind } from '../../api/basemap'
import { labelFont } from '../fonts'
import type { MapPalette } from '../palette'
import { defaultTownScale, labelZooms, type TownScale } from '../scale'
import type { FilterSpecification, LayerSpecification, LinePaint } from '../spec'

const ofKind = (...kinds: BasemapKind[]): FilterSpecification => ['in', ['get', 'kind'], ['literal', kinds]]

function widthByZoom({ townZoom }: TownScale, near: number, far: number): LinePaint['line-width'] {
  return ['interpolate', ['linear'], ['zoom'], townZoom, near, townZoom + 3, far]
}

/** Roads, rivers and reservoirs drawn from the town's own data: the base when no raster is set. */
export function basemapLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const road = (id: string, kind: BasemapKind, color: string, near: number, far: number): LayerSpecification => ({
    id,
    type: 'line',
    source: sourceId,
    filter: ofKind(kind),
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': color, 'line-width': widthByZoom(scale, near, far) },
  })
  return [
    {
      id: 'basemap-reservoir',
      type: 'fill',
      source: sourceId,
      filter: ofKind('reservoir'),
      paint: { 'fill-color': palette.water, 'fill-outline-color': palette.waterLine },
    },
    {
      id: 'basemap-river',
      type: 'line',
      source: sourceId,
      filter: ofKind('river'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': palette.waterLine, 'line-width': widthByZoom(scale, 1.5, 4) },
    },
    // Casings first, so where a road meets a main road the main road reads as continuous.
    road('basemap-road-casing', 'road', palette.roadCasing, 3, 6.5),
    road('basemap-main-road-casing', 'main_road', palette.mainRoadCasing, 4, 9),
    road('basemap-road', 'road', palette.road, 1.8, 4.5),
    road('basemap-main-road', 'main_road', palette.mainRoad, 2.8, 7),
  ]
}

/** Names along roads and rivers and inside reservoirs, once the town is zoomed into. */
export function basemapLabelLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const minzoom = labelZooms(scale).basemapMin
  const paint = { 'text-color': palette.labels.basemap, 'text-halo-color': palette.labels.halo, 'text-halo-width': 1.5 }
  return [
    {
      id: 'basemap-line-names',
      type: 'symbol',
      source: sourceId,
      minzoom,
      filter: ofKind('main_road', 'road', 'river'),
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': labelFont,
        'text-size': 12,
        'symbol-spacing': 400,
      },
      paint,
    },
    {
      id: 'basemap-water-names',
      type: 'symbol',
      source: sourceId,
      minzoom,
      filter: ofKind('reservoir'),
      layout: { 'text-field': ['get', 'name'], 'text-font': labelFont, 'text-size': 12 },
      paint,
    },
  ]
}
