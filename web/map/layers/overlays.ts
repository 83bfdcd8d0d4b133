import type { OverlayKind } from '../../stores/overlays'
import { standingCellLayers, warnedCellLayers } from '../../warnings/warning-layers'
import type { MapPalette } from '../palette'
import type { LayerSpecification } from '../spec'

/** A drawing's layers: ids derived from its source id, so several drawings never clash. */
export type OverlayKindBuilder = (sourceId: string, palette: MapPalette) => LayerSpecification[]

/** Proximity buffers: a clear tint with a dashed edge, so the hazards beneath stay readable. */
export function bufferLayers(sourceId: string, palette: MapPalette): LayerSpecification[] {
  const { buffer, bufferLine } = palette.overlays
  return [
    { id: `${sourceId}-fill`, type: 'fill', source: sourceId, paint: { 'fill-color': buffer, 'fill-opacity': 0.16 } },
    {
      id: `${sourceId}-line`,
      type: 'line',
      source: sourceId,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': bufferLine, 'line-width': 1.5, 'line-dasharray': [3, 2] },
    },
  ]
}

/** The hazards a question found: a bright ring around each, over the hazard marks. */
export function hitLayers(sourceId: string, palette: MapPalette): LayerSpecification[] {
  return [
    {
      id: `${sourceId}-ring`,
      type: 'circle',
      source: sourceId,
      paint: {
        'circle-radius': 10,
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-stroke-color': palette.overlays.hit,
        'circle-stroke-width': 3,
      },
    },
  ]
}

export const overlayKinds: Record<OverlayKind, OverlayKindBuilder> = {
  buffers: bufferLayers,
  hits: hitLayers,
  // The early warnings' areas (web/warnings): tints under the hazards, like the buffers.
  warnedCells: warnedCellLayers,
  standingCells: standingCellLayers,
}

/** Buffers and warned areas lie under the hazards, hits over them: the layer each kind is inserted before. */
export const overlayBelow: Record<OverlayKind, 'hazards' | 'sites'> = { buffers: 'hazards', hits: 'sites', warnedCells: 'hazards', standingCells: 'hazards' }
