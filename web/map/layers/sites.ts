import { labelFont } from '../fonts'
import type { MapPalette } from '../palette'
import { defaultTownScale, labelZooms, type TownScale } from '../scale'
import type { LayerSpecification } from '../spec'

export const siteLayerIds = {
  clusters: 'site-clusters',
  clusterCounts: 'site-cluster-counts',
  icons: 'site-icons',
} as const

/** Sites cluster until a village fills much of the screen; then each shows its badge. */
export const siteClusterMaxZoom = ({ townZoom }: TownScale) => Math.round(townZoom + 1)

/**
 * Key sites from a clustered GeoJSON source: a cluster is a light disc with its count, a single
 * site the badge of its kind (drawn locally, see marks.ts) and, close in, its name.
 */
export function siteLayers(sourceId: string, palette: MapPalette, scale: TownScale = defaultTownScale): LayerSpecification[] {
  const { sites } = palette
  return [
    {
      id: siteLayerIds.clusters,
      type: 'circle',
      source: sourceId,
      filter: ['has', 'point_count'],
      // Light discs: a cluster says "sites here", it must not outweigh the hazards.
      paint: {
        'circle-color': sites.clusterFill,
        'circle-radius': ['step', ['get', 'point_count'], 9, 5, 11, 15, 14],
        'circle-stroke-color': sites.cluster,
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: siteLayerIds.clusterCounts,
      type: 'symbol',
      source: sourceId,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['to-string', ['get', 'point_count']],
        'text-font': labelFont,
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': sites.cluster },
    },
    {
      id: siteLayerIds.icons,
      type: 'symbol',
      source: sourceId,
      filter: ['!', ['has', 'point_count']],
      layout: {
        'icon-image': ['concat', 'site-', ['get', 'kind']],
        'icon-allow-overlap': true,
        'text-field': ['step', ['zoom'], '', labelZooms(scale).gridMin + 0.5, ['get', 'name']],
        'text-font': labelFont,
        'text-size': 11,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-optional': true,
        'text-max-width': 8,
      },
      paint: { 'text-color': sites.label, 'text-halo-color': palette.labels.halo, 'text-halo-width': 1.5 },
    },
  ]
}
