import { type MapLayerState, withState } from './layer-groups'
import { hazardLayerIds } from './layers/hazards'
import { siteClusterMaxZoom } from './layers/sites'
import type { MapPalette } from './palette'
import { overlayLayers } from './registry'
import { defaultTownScale, type TownScale } from './scale'
import { mapSourceIds } from './sources'
import type { LayerSpecification, StyleSpecification } from './spec'
import { areaLabelPoints, areaShapes, type TownMapData } from './town-data'

/** An optional tile server (intranet, Tianditu with a key, …); off unless configured. */
export interface RasterBasemap {
  /** XYZ template(s) with {z}/{x}/{y}. */
  tiles: string[]
  attribution: string
  tileSize?: number
}

export interface TownStyleOptions {
  palette: MapPalette
  scale?: TownScale
  rasterBasemap?: RasterBasemap
  /** The hazard tile template for the current filter (api/tiles.ts). */
  hazardTiles: string
  /** Toggles, choropleth level and drill-down focus for the first frame. */
  state: MapLayerState
  /** Single hazards are drawn only for roles that may see them (not the wall's aggregate view). */
  hazardPoints?: boolean
}

/** Past this zoom the server sends single hazards only; closer in, MapLibre overzooms its tiles. */
export const HAZARD_TILES_MAXZOOM = 16

/** Over a raster the town's own land and tints must let the imagery show through. */
export function paletteOverRaster(palette: MapPalette): MapPalette {
  return { ...palette, land: 'rgba(0, 0, 0, 0)', districtTintOpacity: 0.25 }
}

const pointLayerIds: ReadonlySet<string> = new Set(Object.values(hazardLayerIds))

/**
 * The whole style from the town's data: every source is inline GeoJSON but the hazards (vector
 * tiles from the app's own server, by a path-only URL), and there is no `glyphs` or `sprite`
 * URL — labels are drawn from the app's own font (see fonts.ts), icons are drawn on a canvas
 * (see marks.ts). Nothing leaves the app's origin unless a raster basemap is configured.
 */
export function buildTownStyle(data: TownMapData, options: TownStyleOptions): StyleSpecification {
  const { rasterBasemap, scale = defaultTownScale, hazardPoints = true } = options
  const palette = rasterBasemap ? paletteOverRaster(options.palette) : options.palette
  const raster: Pick<StyleSpecification, 'sources'> & { layers: LayerSpecification[] } = rasterBasemap
    ? {
        sources: {
          [mapSourceIds.rasterBasemap]: {
            type: 'raster',
            tiles: rasterBasemap.tiles,
            tileSize: rasterBasemap.tileSize ?? 256,
            attribution: rasterBasemap.attribution,
          },
        },
        layers: [{ id: 'raster-basemap', type: 'raster', source: mapSourceIds.rasterBasemap }],
      }
    : { sources: {}, layers: [] }

  return {
    version: 8,
    sources: {
      ...raster.sources,
      // Ids promoted, so the choropleth and the hover state can address an area by its id.
      [mapSourceIds.areas]: { type: 'geojson', data: areaShapes(data.areas), promoteId: 'id' },
      [mapSourceIds.areaLabels]: { type: 'geojson', data: areaLabelPoints(data.areas) },
      [mapSourceIds.basemap]: { type: 'geojson', data: { type: 'FeatureCollection', features: data.basemap } },
      [mapSourceIds.hazards]: { type: 'vector', tiles: [options.hazardTiles], maxzoom: HAZARD_TILES_MAXZOOM },
      [mapSourceIds.sites]: {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: data.sites },
        cluster: true,
        clusterRadius: 44,
        clusterMaxZoom: siteClusterMaxZoom(scale),
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
      ...raster.layers,
      ...withState(
        overlayLayers(palette, scale).filter((layer) => hazardPoints || !pointLayerIds.has(layer.id)),
        options.state,
      ),
    ],
  }
}
