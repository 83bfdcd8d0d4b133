import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { fetchAreas, type AreaCollection, type AreaFeature } from '../api/areas'
import { fetchBasemap, type BasemapFeature } from '../api/basemap'
import type { AreaLevel } from '../../server/domain/areas'

/**
 * The town's geography, fetched once per level and shared by every view. Kept shallow: the
 * collections are read whole and replaced whole, never edited in place.
 */
export const useGeographyStore = defineStore('geography', () => {
  const levels = shallowRef<Partial<Record<AreaLevel, AreaFeature[]>>>({})
  const basemap = shallowRef<BasemapFeature[]>()
  const pending = new Map<string, Promise<unknown>>()

  /** Shares one request between every caller asking at the same time or later. */
  function once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = pending.get(key) as Promise<T> | undefined
    if (known) return known
    const started = load()
    pending.set(key, started)
    // A failure is not cached: the next caller asks the server again.
    started.catch(() => pending.delete(key))
    return started
  }

  function loadLevel(level: AreaLevel): Promise<AreaFeature[]> {
    return once(`areas:${level}`, async () => {
      const collection: AreaCollection = await fetchAreas(level)
      levels.value = { ...levels.value, [level]: collection.features }
      return collection.features
    })
  }

  function loadBasemap(): Promise<BasemapFeature[]> {
    return once('basemap', async () => {
      const collection = await fetchBasemap()
      basemap.value = collection.features
      return collection.features
    })
  }

  const town = computed(() => levels.value.town?.[0])

  /** Every loaded area by id. */
  const byId = computed(() => new Map(Object.values(levels.value).flatMap((areas) => areas.map((a) => [a.properties.id, a] as const))))

  /**
   * The drill-down path to an area, as the filter store keeps it: its ancestors below the town
   * and itself, e.g. [district, village, grid]. Empty for the town or an area not loaded.
   */
  function pathTo(id: string): string[] {
    const path: string[] = []
    for (let area = byId.value.get(id); area && area.properties.level !== 'town'; area = byId.value.get(area.properties.parentId ?? '')) {
      path.unshift(area.properties.id)
      if (path.length > 4) break
    }
    return path
  }

  return { levels, basemap, town, byId, loadLevel, loadBasemap, pathTo }
})
