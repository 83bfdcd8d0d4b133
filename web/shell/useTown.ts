import { computed, onMounted } from 'vue'
import { useGeographyStore } from '../stores/geography'

/** The town this deployment serves, as named by its own data. */
export function useTown() {
  const geography = useGeographyStore()
  onMounted(() => {
    // The header can live without the name (e.g. before login); the map reports failures.
    geography.loadLevel('town').catch(() => undefined)
  })
  return { townName: computed(() => geography.town?.properties.name) }
}
