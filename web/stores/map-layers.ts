import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { categoryIds } from '../../server/domain/categories'
import type { ChoroplethMetric } from '../map/choropleth'
import type { MapLayerToggle } from '../map/layer-groups'
import type { ChoroplethLevel } from '../map/layers/choropleth'

export interface ChoroplethChoice {
  level: ChoroplethLevel
  metric: ChoroplethMetric
}

/** What the legend shows of the choropleth's current classes. */
export interface ChoroplethLegend {
  breaks: number[]
  whole: boolean
}

/**
 * Which of the map's layers are on, and how the choropleth is cut. The layers control writes
 * here, the map reads it; the map writes back the classes it draws, for the legend.
 */
export const useMapLayersStore = defineStore('mapLayers', () => {
  const visible = ref<Record<MapLayerToggle, boolean>>({
    hazards: true,
    choropleth: false,
    sites: true,
    ...(Object.fromEntries(categoryIds.map((c) => [`heat-${c}`, false])) as Record<`heat-${(typeof categoryIds)[number]}`, boolean>),
  })
  const choropleth = ref<ChoroplethChoice>({ level: 'village', metric: 'open' })
  const legend = shallowRef<ChoroplethLegend>()

  function show(toggle: MapLayerToggle, on: boolean): void {
    visible.value = { ...visible.value, [toggle]: on }
  }

  function cut(choice: Partial<ChoroplethChoice>): void {
    choropleth.value = { ...choropleth.value, ...choice }
  }

  return { visible, choropleth, legend, show, cut }
})
