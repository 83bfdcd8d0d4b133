import { labelFont } from '../fonts'
import type { MapPalette } from '../palette'
import { defaultTownScale, type TownScale } from '../scale'
import type { ExpressionSpecification, LayerSpecification } from '../spec'

/** The layer name inside the server's hazard tiles (GET /api/tiles/hazards/{z}/{x}/{y}). */
export const hazardSourceLayer = 'hazards'

export const hazardLayerIds = {
  /** A ring around the hazard whose card is open. */
  selected: 'hazard-selected',
  escalated: 'hazard-escalated',
  overdue: 'hazard-overdue',
  bins: 'hazard-bins',
  points: 'hazard-points',
} as const

/**
 * A single hazard carries its `id`; a bin (many hazards of one category, when a tile holds too
 * many to send one by one) carries none, only `count`.
 */
export const isSingle: ExpressionSpecification = ['has', 'id']
export const isBin: ExpressionSpecification = ['!', ['has', 'id']]
const isOpen: ExpressionSpecification = ['==', ['get', 'open'], 1]

/** The image of a mark: the category's shape in the level's colour (see marks.ts). */
export const hazardImage: ExpressionSpecification = ['concat', 'hazard-', ['get', 'category'], '-', ['case', ['==', ['get', 'level'], ''], 'unassessed', ['get', 'level']]]

/** Major 4 … low 1, unassessed 0: drawn in that order, so the worst lies on top. */
const severity: ExpressionSpecification = ['match', ['get', 'level'], 'major', 4, 'significant', 3, 'general', 2, 'low', 1, 0]

/** The filter of the selected-hazard ring: the open card's hazard, or none. */
export const selectedFilter = (id: number | undefined): ExpressionSpecification => ['==', ['get', 'id'], id ?? -1]

/** Zoom-scaled size: `near` at the town's zoom, `far` three levels closer. */
const byZoom = ({ townZoom }: TownScale, near: number | ExpressionSpecification, far: number | ExpressionSpecification): ExpressionSpecification => [
  'interpolate', ['linear'], ['zoom'], townZoom, near, townZoom + 3, far,
]

/**
 * Hazards from the vector-tile source. Open hazards are full-size and opaque; closed ones are
 * smaller and faded, so the backlog stands out from what is done. Overdue hazards get a red
 * ring, open escalated ones a halo outside it; both are static (an animation would keep a
 * software-rendered map repainting for ever).
 */
export function hazardLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const common = { source: sourceId, 'source-layer': hazardSourceLayer } as const
  return [
    {
      id: hazardLayerIds.selected,
      type: 'circle',
      ...common,
      filter: selectedFilter(undefined),
      paint: {
        'circle-radius': byZoom(scale, 14, 18),
        'circle-color': palette.hazards.selected,
        'circle-opacity': 0.15,
        'circle-stroke-color': palette.hazards.selected,
        'circle-stroke-width': 3,
      },
    },
    {
      id: hazardLayerIds.escalated,
      type: 'circle',
      ...common,
      filter: ['all', isSingle, isOpen, ['==', ['get', 'escalated'], 1]],
      paint: {
        'circle-radius': byZoom(scale, 11, 15),
        'circle-color': palette.hazards.escalated,
        'circle-opacity': 0.22,
        'circle-stroke-color': palette.hazards.escalated,
        'circle-stroke-width': 2,
      },
    },
    {
      id: hazardLayerIds.overdue,
      type: 'circle',
      ...common,
      filter: ['all', isSingle, ['==', ['get', 'overdue'], 1]],
      paint: {
        'circle-radius': byZoom(scale, 8, 11),
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-stroke-color': palette.hazards.overdue,
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: hazardLayerIds.bins,
      type: 'symbol',
      ...common,
      filter: isBin,
      layout: {
        'icon-image': hazardImage,
        // Area grows with the count, so the eye reads the sizes as amounts.
        'icon-size': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 1, 10, 2.2, 40, 3.6],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'text-field': ['to-string', ['get', 'count']],
        'text-font': labelFont,
        'text-size': 11,
        'text-offset': [0, 1.4],
        'text-anchor': 'top',
        // A count that collides is dropped; the bin itself always shows.
        'text-optional': true,
        // Bigger bins first: their counts win when labels would collide.
        'symbol-sort-key': ['-', ['get', 'count']],
      },
      paint: {
        'icon-opacity': ['case', ['>', ['get', 'open'], 0], 1, 0.55],
        'text-color': palette.hazards.binText,
        'text-halo-color': palette.labels.halo,
        'text-halo-width': 1.5,
      },
    },
    {
      id: hazardLayerIds.points,
      type: 'symbol',
      ...common,
      filter: isSingle,
      layout: {
        'icon-image': hazardImage,
        'icon-size': byZoom(scale, ['case', isOpen, 0.95, 0.55], ['case', isOpen, 1.3, 0.85]),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['+', ['*', ['get', 'open'], 10], severity],
      },
      paint: {
        'icon-opacity': ['case', isOpen, 1, 0.42],
      },
    },
  ]
}
