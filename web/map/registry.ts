import { areaFillLayers, areaLineLayers } from './layers/areas'
import { basemapLabelLayers, basemapLayers } from './layers/basemap'
import { choroplethLayers } from './layers/choropleth'
import { focusFillLayers, focusLineLayers } from './layers/focus'
import { hazardLayers } from './layers/hazards'
import { hazardHeatLayers } from './layers/heat'
import { areaLabelLayers } from './layers/labels'
import { siteLayers } from './layers/sites'
import type { MapPalette } from './palette'
import type { TownScale } from './scale'
import { mapSourceIds, type MapSourceId } from './sources'
import type { LayerSpecification } from './spec'

export type OverlayBuilder = (sourceId: string, palette: MapPalette, scale: TownScale) => LayerSpecification[]

export interface Overlay {
  source: MapSourceId
  layers: OverlayBuilder
}

/**
 * Overlays in drawing order, bottom first: the land and its tints, the choropleth, the base,
 * heat, the drill-down veil, boundaries, hazards, sites, then every label on top.
 */
export const overlayIds = [
  'areaFills',
  'choropleth',
  'basemap',
  'heat',
  'focusFills',
  'areaLines',
  'focusLines',
  'hazards',
  'sites',
  'basemapLabels',
  'areaLabels',
] as const
export type OverlayId = (typeof overlayIds)[number]

export const overlays: Record<OverlayId, Overlay> = {
  areaFills: { source: mapSourceIds.areas, layers: areaFillLayers },
  choropleth: { source: mapSourceIds.areas, layers: (source, palette) => choroplethLayers(source, palette) },
  basemap: { source: mapSourceIds.basemap, layers: basemapLayers },
  heat: { source: mapSourceIds.hazards, layers: hazardHeatLayers },
  focusFills: { source: mapSourceIds.areas, layers: focusFillLayers },
  areaLines: { source: mapSourceIds.areas, layers: areaLineLayers },
  focusLines: { source: mapSourceIds.areas, layers: focusLineLayers },
  hazards: { source: mapSourceIds.hazards, layers: hazardLayers },
  sites: { source: mapSourceIds.sites, layers: siteLayers },
  basemapLabels: { source: mapSourceIds.basemap, layers: basemapLabelLayers },
  areaLabels: { source: mapSourceIds.areaLabels, layers: areaLabelLayers },
}

export function overlayLayers(palette: MapPalette, scale: TownScale): LayerSpecification[] {
  return overlayIds.flatMap((id) => overlays[id].layers(overlays[id].source, palette, scale))
}

/** The first layer of an overlay: where layers that belong beneath it are inserted. */
export function firstLayerOf(id: OverlayId, palette: MapPalette, scale: TownScale): string | undefined {
  return overlays[id].layers(overlays[id].source, palette, scale)[0]?.id
}
