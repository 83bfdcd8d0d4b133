import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Camera {
  lon: number
  lat: number
  zoom: number
}

/** What the user has picked on the map or in a list: one hazard card open at a time. */
export const useSelectionStore = defineStore('selection', () => {
  const hazardId = ref<number>()
  /** the map's camera, mirrored in the URL as `map=lon,lat,zoom` */
  const camera = ref<Camera>()

  function openHazard(id: number | undefined): void {
    hazardId.value = id
  }

  function closeHazard(): void {
    hazardId.value = undefined
  }

  return { hazardId, camera, openHazard, closeHazard }
})
