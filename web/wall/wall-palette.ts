import { riskPalette } from '../../server/domain/levels'
import { type AreaFigures, type ChoroplethClasses, choroplethClasses } from '../map/choropleth'
import { wallPalette, type MapPalette } from '../map/palette'

/** The four-colour convention's classes, fewest open hazards first: blue, yellow, orange, red. */
export const FOUR_COLOURS = [riskPalette.low, riskPalette.general, riskPalette.significant, riskPalette.major] as const

/**
 * The wall's map: the dark command-centre palette, its choropleth in the national four risk
 * colours (四色图) rather than the desk's sequential ramp.
 */
export const wallMapPalette: MapPalette = { ...wallPalette, choropleth: FOUR_COLOURS }

/** Villages in four classes by their open hazards (quantiles), one colour a class. */
export function fourColourClasses(rows: readonly AreaFigures[]): ChoroplethClasses {
  return choroplethClasses(rows, 'open', FOUR_COLOURS.length)
}
