import { NO_SCORE, noScoreColor, SCORE_CLASS, scoreRamp } from '../choropleth'
import type { MapPalette } from '../palette'
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from '../spec'

export type ChoroplethLevel = 'district' | 'village' | 'grid'
export const choroplethLayerId = 'area-choropleth'

/** The feature state that carries an area's class (0 = lightest); see choropleth.ts for the join. */
export const CLASS_STATE = 'klass'

export const choroplethFilter = (level: ChoroplethLevel): FilterSpecification => ['==', ['get', 'level'], level]

/**
 * Class → colour; an area without a class (no figure, or none yet) stays clear. Score classes
 * (SCORE_CLASS + k, NO_SCORE: see choropleth.ts) take the red→green scale and its grey.
 */
export function choroplethColor(ramp: readonly string[]): ExpressionSpecification {
  const [lightest = 'rgba(0, 0, 0, 0)', ...darker] = ramp
  const stops = darker.flatMap((colour, i) => [i + 1, colour])
  const scores = [NO_SCORE, noScoreColor, ...scoreRamp.flatMap((colour, k) => [SCORE_CLASS + k, colour])]
  return ['match', ['coalesce', ['feature-state', CLASS_STATE], -1], 0, lightest, ...stops, ...scores, 'rgba(0, 0, 0, 0)']
}

/**
 * Villages or grid cells shaded by a figure joined in as feature state (by area id, the source
 * promoting `id`). The figure and its classes change with every filter; the layer never does,
 * so a filter change costs one setFeatureState per area and no style update.
 */
export function choroplethLayers(sourceId: string, palette: MapPalette, level: ChoroplethLevel = 'village'): LayerSpecification[] {
  return [
    {
      id: choroplethLayerId,
      type: 'fill',
      source: sourceId,
      filter: choroplethFilter(level),
      paint: { 'fill-color': choroplethColor(palette.choropleth), 'fill-opacity': 0.62 },
    },
  ]
}
