import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { type ChoroplethChoice, defaultChoropleth } from '../map/choropleth'
import { defaultLayerToggles, mapLayerToggles, type MapLayerToggle } from '../map/layer-groups'

export type { ChoroplethChoice }

/** Every toggle, on if listed. */
export function visibleOf(on: readonly MapLayerToggle[]): Record<MapLayerToggle, boolean> {
  return Object.fromEntries(mapLayerToggles.map((t) => [t, on.includes(t)])) as Record<MapLayerToggle, boolean>
}

/** What the legend shows of the choropleth's current classes. */
export interface ChoroplethLegend {
  breaks: number[]
  whole: boolean
  /** the classes are scores (fixed marks, red→green), of this month (none for unscored grid cells) */
  score?: { month?: string }
}

/**
 * Which of the map's layers are on, and how the choropleth is cut. The layers control writes
 * here, the map reads it; the map writes back the classes it draws, for the legend.
 */
export const useMapLayersStore = defineStore('mapLayers', () => {
  const visible = ref<Record<MapLayerToggle, boolean>>(visibleOf(defaultLayerToggles))
  const choropleth = ref<ChoroplethChoice>({ ...defaultChoropleth })
  const legend = shallowRef<ChoroplethLegend>()

  function show(toggle: MapLayerToggle, on: boolean): void {
    visible.value = { ...visible.value, [toggle]: on }
  }

  function cut(choice: Partial<ChoroplethChoice>): void {
    choropleth.value = { ...choropleth.value, ...choice }
  }

  /** The toggles that are on, in the layers control's order. */
  const on = computed(() => mapLayerToggles.filter((t) => visible.value[t]))

  /** Exactly these toggles on (a link's layers). */
  function showOnly(toggles: readonly MapLayerToggle[]): void {
    visible.value = visibleOf(toggles)
  }

  return { visible, on, choropleth, legend, show, showOnly, cut }
})
