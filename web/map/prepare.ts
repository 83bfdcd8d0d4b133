import { fetchSites } from '../api/sites'
import type { useGeographyStore } from '../stores/geography'
import type { createTownMap } from './create-map'
import { loadBadgeFont, loadLabelFont } from './fonts'
import { siteGlyphs } from './marks'
import { drawnAreaLevels } from './palette'
import { labelCharacters, type TownMapData } from './town-data'

/** Digits of bin and cluster counts, loaded with the names so no count is drawn as boxes. */
const DIGITS = '0123456789'

export interface PreparedMap {
  createTownMap: typeof createTownMap
  data: TownMapData
}

/**
 * Everything a town map needs before it can be drawn: MapLibre (most of the app's weight; its
 * worker starts as its module loads), the town's areas, base map and key sites, and the label
 * font's subsets for every name on them. A page starts this while it is still being set up, so
 * the downloads run while its panels render rather than after.
 */
export async function prepareTownMap(geography: ReturnType<typeof useGeographyStore>): Promise<PreparedMap> {
  const [{ createTownMap }, areas, basemap, sites] = await Promise.all([
    import('./create-map'),
    Promise.all(drawnAreaLevels.map((level) => geography.loadLevel(level))),
    geography.loadBasemap(),
    fetchSites(),
  ])
  const data: TownMapData = { areas: areas.flat(), basemap, sites: sites.features }
  await Promise.all([loadLabelFont(labelCharacters(data) + DIGITS), loadBadgeFont(siteGlyphs)])
  return { createTownMap, data }
}
