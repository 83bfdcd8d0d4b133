import { labelFont } from '../fonts'
import type { MapPalette } from '../palette'
import { defaultTownScale, labelZooms, type TownScale } from '../scale'
import type { LayerSpecification, SymbolLayerSpecification } from '../spec'

type LabelledLevel = 'district' | 'village' | 'grid'

export const areaLabelLayerIds: Record<LabelledLevel, string> = {
  district: 'area-district-label',
  village: 'area-village-label',
  grid: 'area-grid-label',
}

interface LabelLook {
  size: [number, number]
  halo: number
  zoomRange: Pick<SymbolLayerSpecification, 'minzoom' | 'maxzoom'>
}

/**
 * Area names from a point source (one point per area at the server's label position, with
 * `name`, `level` and `population`). Labels never overlap: MapLibre places the last layer first,
 * so districts win over villages and villages over grid cells; among villages the more
 * populous keeps its name.
 */
export function areaLabelLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const zooms = labelZooms(scale)
  const { townZoom } = scale
  const label = (level: LabelledLevel, look: LabelLook): SymbolLayerSpecification => ({
    id: areaLabelLayerIds[level],
    type: 'symbol',
    source: sourceId,
    ...look.zoomRange,
    filter: ['==', ['get', 'level'], level],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': labelFont,
      'text-size': ['interpolate', ['linear'], ['zoom'], townZoom, look.size[0], townZoom + 3, look.size[1]],
      'text-padding': 4,
      'text-max-width': 8,
      'symbol-sort-key': ['-', ['coalesce', ['get', 'population'], 0]],
    },
    paint: {
      'text-color': palette.labels[level],
      'text-halo-color': palette.labels.halo,
      'text-halo-width': look.halo,
      'text-halo-blur': 0.5,
    },
  })
  return [
    label('grid', { size: [11, 13], halo: 1.5, zoomRange: { minzoom: zooms.gridMin } }),
    label('village', { size: [13, 17], halo: 1.5, zoomRange: { minzoom: zooms.villageMin } }),
    label('district', { size: [18, 24], halo: 2, zoomRange: { maxzoom: zooms.districtMax } }),
  ]
}
