import { computed, onMounted } from 'vue'
import type { AreaChoice } from './inspection-form'
import { useGeographyStore } from '../stores/geography'

/** Districts and villages as choices for the record forms, from the shared geography store. */
export function useRecordAreas() {
  const geography = useGeographyStore()
  onMounted(() => {
    // A failed level leaves the choice list short; the forms still submit what they have.
    geography.loadLevel('district').catch(() => undefined)
    geography.loadLevel('village').catch(() => undefined)
  })
  const choices = computed<AreaChoice[]>(() => {
    const districts = geography.levels.district ?? []
    const villages = geography.levels.village ?? []
    return [...districts, ...villages].map((a) => ({
      id: a.properties.id,
      name: a.properties.name,
      level: a.properties.level as AreaChoice['level'],
      parentId: a.properties.parentId,
    }))
  })
  const nameOf = (id: string | null | undefined) => (id ? geography.byId.get(id)?.properties.name : undefined)
  const villages = computed(() => choices.value.filter((a) => a.level === 'village'))
  return { choices, villages, nameOf }
}
