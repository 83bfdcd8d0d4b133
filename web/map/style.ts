import type { MapPalette } from './palette'
import { overlayLayers } from './registry'
import { defaultTownScale, type TownScale } from './scale'
import { sourceIds } from './sources'
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
}

/** Over a raster the town's own land and tints must let the imagery show through. */
export function paletteOverRaster(palette: MapPalette): MapPalette {
  return { ...palette, land: 'rgba(0, 0, 0, 0)', districtTintOpacity: 0.25 }
}

/**
 * The whole style from the town's data: every source is inline GeoJSON, and there is no
 * `glyphs` or `sprite` URL — labels are drawn from the app's own font (see fonts.ts). Nothing
 * leaves the app's origin unless a raster basemap is configured.
 */
export function buildTownStyle(data: TownMapData, options: TownStyleOptions): StyleSpecification {
  const { rasterBasemap, scale = defaultTownScale } = options
  const palette = rasterBasemap ? paletteOverRaster(options.palette) : options.palette
  const raster: Pick<StyleSpecification, 'sources'> & { layers: LayerSpecification[] } = rasterBasemap
    ? {
        sources: {
          [sourceIds.rasterBasemap]: {
            type: 'raster',
            tiles: rasterBasemap.tiles,
            tileSize: rasterBasemap.tileSize ?? 256,
            attribution: rasterBasemap.attribution,
          },
        },
        layers: [{ id: 'raster-basemap', type: 'raster', source: sourceIds.rasterBasemap }],
      }
    : { sources: {}, layers: [] }

  return {
    version: 8,
    sources: {
      ...raster.sources,
      [sourceIds.areas]: { type: 'geojson', data: areaShapes(data.areas) },
      [sourceIds.areaLabels]: { type: 'geojson', data: areaLabelPoints(data.areas) },
      [sourceIds.basemap]: { type: 'geojson', data: { type: 'FeatureCollection', features: data.basemap } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
      ...raster.layers,
      ...overlayLayers(palette, scale),
    ],
  }
}
