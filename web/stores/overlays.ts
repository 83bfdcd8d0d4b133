import { defineStore } from 'pinia'
import type { FeatureCollection } from 'geojson'
import { shallowRef } from 'vue'

/** Kinds of temporary drawings over the map; each has its own layer specs in map/layers/overlays.ts. */
export type OverlayKind = 'buffers' | 'hits' | 'warnedCells' | 'standingCells'

export interface Overlay {
  kind: OverlayKind
  data: FeatureCollection
}

/**
 * Drawings a panel asks the map to show (proximity buffers and the hazards they hold). Panels
 * write here; the map component draws what is here. Neither imports the other.
 */
export const useOverlayStore = defineStore('overlays', () => {
  const overlays = shallowRef<Record<string, Overlay>>({})

  function show(id: string, overlay: Overlay): void {
    overlays.value = { ...overlays.value, [id]: overlay }
  }

  function hide(id: string): void {
    const next = { ...overlays.value }
    delete next[id]
    overlays.value = next
  }

  return { overlays, show, hide }
})
