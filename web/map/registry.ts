import { areaFillLayers, areaLineLayers } from './layers/areas'
import { basemapLabelLayers, basemapLayers } from './layers/basemap'
import { areaLabelLayers } from './layers/labels'
import type { MapPalette } from './palette'
import type { TownScale } from './scale'
import { sourceIds, type SourceId } from './sources'
import type { LayerSpecification } from './spec'

export type OverlayBuilder = (sourceId: string, palette: MapPalette, scale: TownScale) => LayerSpecification[]

export interface Overlay {
  source: SourceId
  layers: OverlayBuilder
}

/** Overlays in drawing order, bottom first: fills, the base, boundaries, then every label on top. */
export const overlayIds = ['areaFills', 'basemap', 'areaLines', 'basemapLabels', 'areaLabels'] as const
export type OverlayId = (typeof overlayIds)[number]

export const overlays: Record<OverlayId, Overlay> = {
  areaFills: { source: sourceIds.areas, layers: areaFillLayers },
  basemap: { source: sourceIds.basemap, layers: basemapLayers },
  areaLines: { source: sourceIds.areas, layers: areaLineLayers },
  basemapLabels: { source: sourceIds.basemap, layers: basemapLabelLayers },
  areaLabels: { source: sourceIds.areaLabels, layers: areaLabelLayers },
}

export function overlayLayers(palette: MapPalette, scale: TownScale): LayerSpecification[] {
  return overlayIds.flatMap((id) => overlays[id].layers(overlays[id].source, palette, scale))
}
