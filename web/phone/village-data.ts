import type { FeatureCollection, Geometry } from 'geojson'
import { type AreaFeature, fetchAreas } from '../api/areas'
import { CallError } from '../api/client'
import { type SiteFeature, fetchSites } from '../api/sites'

/** The worker's village as the light map draws it: its boundary, its grid cells and its key sites. */
export interface VillageData {
  village: AreaFeature | undefined
  grid: AreaFeature[]
  sites: SiteFeature[]
}

const cacheKey = (villageId: string | null) => `pingan.phone.village.${villageId ?? 'all'}`

/**
 * The village from the app's own endpoints, kept on the phone (localStorage: one village's shapes
 * are small) so the map and the pin picker still open with no signal; without an answer the last
 * copy is used. Only a refusal that is an answer (401, 403…) is passed on.
 */
export async function loadVillageData(villageId: string | null): Promise<VillageData> {
  try {
    const [villages, cells, sites] = await Promise.all([fetchAreas('village'), fetchAreas('grid'), fetchSites()])
    const village = villages.features.find((f) => f.properties.id === villageId) ?? (villages.features.length === 1 ? villages.features[0] : undefined)
    const data: VillageData = {
      village,
      grid: village ? cells.features.filter((f) => f.properties.parentId === village.properties.id) : [],
      sites: village ? sites.features.filter((s) => s.properties.villageId === village.properties.id) : sites.features,
    }
    try {
      localStorage.setItem(cacheKey(villageId), JSON.stringify(data))
    } catch {
      // A full storage only costs the offline copy.
    }
    return data
  } catch (error) {
    const kept = readKept(villageId)
    if (kept && (!(error instanceof CallError) || error.noAnswer || error.status >= 500)) return kept
    throw error
  }
}

export const collection = <G extends Geometry, P>(features: Array<{ type: 'Feature'; geometry: G; properties: P }>): FeatureCollection<G, P> => ({
  type: 'FeatureCollection',
  features: features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })),
})

function readKept(villageId: string | null): VillageData | undefined {
  try {
    const text = localStorage.getItem(cacheKey(villageId))
    return text ? (JSON.parse(text) as VillageData) : undefined
  } catch {
    return undefined
  }
}
