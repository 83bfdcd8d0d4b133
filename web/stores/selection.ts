import { defineStore } from 'pinia'
import { ref } from 'vue'

/** What the user has picked on the map or in a list: one hazard card open at a time. */
export const useSelectionStore = defineStore('selection', () => {
  const hazardId = ref<number>()
  /** the map's camera, mirrored in the URL as `map=lon,lat,zoom` */
  const camera = ref<{ lon: number; lat: number; zoom: number }>()

  function openHazard(id: number | undefined): void {
    hazardId.value = id
  }

  return { hazardId, camera, openHazard }
})
