import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { type HazardFilter, filterToQuery } from '../../server/domain/filters'

/** What the analyst chooses in the filter panel; the area comes from the drill-down path instead. */
export type FilterChoice = Omit<HazardFilter, 'area' | 'bbox'>

/**
 * The one filter state that drives the map, the charts and the lists together. The URL mirrors
 * it (see useUrlState), so a link reproduces the view.
 */
export const useFilterStore = defineStore('filters', () => {
  const choice = ref<FilterChoice>({})
  /** the drill-down path from the town: [districtId?, villageId?, gridId?] */
  const path = ref<string[]>([])
  const area = computed(() => path.value.at(-1))

  /** The filter as the API takes it: the choice plus the current area. */
  const filter = computed<HazardFilter>(() => ({ ...choice.value, ...(area.value ? { area: [area.value] } : {}) }))
  /** The filter as query parameters, stable for equal filters: a cache key and a tile URL part. */
  const query = computed(() => filterToQuery(filter.value))
  const queryString = computed(() => new URLSearchParams(query.value).toString())

  function set<K extends keyof FilterChoice>(key: K, value: FilterChoice[K] | undefined): void {
    const next = { ...choice.value }
    const empty = value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)
    if (empty) delete next[key]
    else next[key] = value
    choice.value = next
  }

  function toggle(key: 'category' | 'item' | 'status' | 'level' | 'source', value: string): void {
    const list = (choice.value[key] ?? []) as string[]
    set(key, (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]) as never)
  }

  function reset(): void {
    choice.value = {}
  }

  /** Replaces the whole view at once (a link opened, Back pressed): one change, one refetch. */
  function restore(nextChoice: FilterChoice, nextPath: readonly string[]): void {
    choice.value = { ...nextChoice }
    path.value = [...nextPath]
  }

  /** How many filter choices are in effect, for the reset button and the panel's summary. */
  const chosen = computed(() => Object.keys(choice.value).length)

  /** Drills to an area given its ancestors below the town, e.g. [district, village]. */
  function drillTo(ancestors: string[]): void {
    path.value = [...ancestors]
  }

  function up(levels = 1): void {
    path.value = path.value.slice(0, Math.max(0, path.value.length - levels))
  }

  return { choice, path, area, filter, query, queryString, chosen, set, toggle, reset, restore, drillTo, up }
})
