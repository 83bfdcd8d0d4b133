import type { MapPalette } from '../map/palette'
import type { LayerSpecification } from '../map/spec'

/**
 * The warnings' drawings over the desk's map (overlay kinds, see map/layers/overlays.ts). The
 * features come from warnings.ts: warned cells carry their level's colour and whether they belong to
 * the opened warning; standing hot spots are plain cells.
 */

/** Warned cells in the four colours: a clear tint, so the hazards beneath stay readable, and a solid edge. */
export function warnedCellLayers(sourceId: string): LayerSpecification[] {
  return [
    // A district-wide warning fainter than a cluster's, so it does not drown the district's own map.
    { id: `${sourceId}-fill`, type: 'fill', source: sourceId, paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', ['get', 'broad'], 0.12, 0.35] } },
    {
      id: `${sourceId}-line`,
      type: 'line',
      source: sourceId,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': ['get', 'color'], 'line-width': ['case', ['get', 'opened'], 4, ['get', 'broad'], 0.8, 1.5] },
    },
  ]
}

/** Standing (persistent) hot spots: lighter than a warning, a faint wash and a dotted edge. */
export function standingCellLayers(sourceId: string, palette: MapPalette): LayerSpecification[] {
  const colour = palette.risk.significant
  return [
    { id: `${sourceId}-fill`, type: 'fill', source: sourceId, paint: { 'fill-color': colour, 'fill-opacity': 0.08 } },
    {
      id: `${sourceId}-line`,
      type: 'line',
      source: sourceId,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': colour, 'line-width': 1.5, 'line-opacity': 0.8, 'line-dasharray': [1, 1.5] },
    },
  ]
}
