import { computed, onMounted, shallowRef } from 'vue'
import { fetchHealth } from '../api/health'
import type { AreaChoice } from './inspection-form'
import { useGeographyStore } from '../stores/geography'

let todayAsked: Promise<string> | undefined

/**
 * The server's "today" (its AS_OF in demos and tests), asked once per page: forms default their
 * dates to it and the bulletin's months count back from it, so the page agrees with the ledger.
 */
export function useServerToday() {
  const today = shallowRef<string>()
  onMounted(() => {
    todayAsked ??= fetchHealth().then(
      (h) => h.today,
      (error: unknown) => {
        todayAsked = undefined
        throw error
      },
    )
    todayAsked.then((d) => (today.value = d)).catch(() => (today.value = new Date().toISOString().slice(0, 10)))
  })
  return today
}

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
