import { computed, onBeforeUnmount, shallowRef, watch } from 'vue'
import { type CategoryId, categories } from '../../server/domain/categories'
import { type RiskLevel, riskLevelIds, riskLevels } from '../../server/domain/levels'
import { type SourceId, sourceIds, sources } from '../../server/domain/sources'
import { type Status, statusIds, statuses } from '../../server/domain/statuses'
import { useFilterStore } from '../stores/filters'
import { useLocale } from '../composables/useLocale'

/** Typing settles for this long before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 300

type ListKey = 'category' | 'item' | 'status' | 'level' | 'source'

/**
 * The filter panel's state: the domain's vocabulary in the reader's language, what is chosen,
 * and the changes a control makes, all through the one filter store.
 */
export function useFilterPanel() {
  const filters = useFilterStore()
  const { nameOf } = useLocale()

  const categoryRows = computed(() =>
    categories.map((c) => ({ id: c.id, name: nameOf(c.name), items: c.items.map((i) => ({ id: i.id, name: nameOf(i.name) })) })),
  )
  const levelOptions = computed(() => riskLevelIds.map((id: RiskLevel) => ({ id, name: nameOf(riskLevels[id]), color: riskLevels[id].color })))
  const statusOptions = computed(() => statusIds.map((id: Status) => ({ id, name: nameOf(statuses[id]) })))
  const sourceOptions = computed(() => sourceIds.map((id: SourceId) => ({ id, name: nameOf(sources[id]) })))

  const expanded = shallowRef<ReadonlySet<CategoryId>>(new Set())
  function toggleExpanded(id: CategoryId): void {
    const next = new Set(expanded.value)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    expanded.value = next
  }

  const isChosen = (key: ListKey, value: string) => ((filters.choice[key] ?? []) as readonly string[]).includes(value)
  const toggle = (key: ListKey, value: string) => filters.toggle(key, value)
  /** Items chosen under a category, so a folded category still says that some are. */
  const chosenItems = (id: CategoryId) => categories.find((c) => c.id === id)!.items.filter((i) => isChosen('item', i.id)).length

  // A range never ends before it starts: moving one end past the other lets go of the other.
  const from = computed({
    get: () => filters.choice.from ?? '',
    set: (value: string) => {
      if (value && filters.choice.to && value > filters.choice.to) filters.set('to', undefined)
      filters.set('from', value || undefined)
    },
  })
  const to = computed({
    get: () => filters.choice.to ?? '',
    set: (value: string) => {
      if (value && filters.choice.from && value < filters.choice.from) filters.set('from', undefined)
      filters.set('to', value || undefined)
    },
  })
  const overdue = computed({ get: () => !!filters.choice.overdue, set: (on: boolean) => filters.set('overdue', on) })
  const escalated = computed({ get: () => !!filters.choice.escalated, set: (on: boolean) => filters.set('escalated', on) })

  const search = shallowRef(filters.choice.q ?? '')
  let typing: ReturnType<typeof setTimeout> | undefined
  function onSearch(text: string): void {
    search.value = text
    clearTimeout(typing)
    typing = setTimeout(() => filters.set('q', text.trim() || undefined), SEARCH_DEBOUNCE_MS)
  }
  /** Enter searches at once. */
  function searchNow(): void {
    clearTimeout(typing)
    filters.set('q', search.value.trim() || undefined)
  }
  // A link, Back or the reset button changes the search from outside: show it.
  watch(
    () => filters.choice.q,
    (q) => {
      if ((q ?? '') !== search.value.trim()) {
        clearTimeout(typing)
        search.value = q ?? ''
      }
    },
  )
  onBeforeUnmount(() => clearTimeout(typing))

  const chosen = computed(() => Object.keys(filters.choice).filter((k) => k !== 'openOn').length)
  function reset(): void {
    const { openOn } = filters.choice
    filters.reset()
    // The time slider has its own off switch; resetting the filters leaves the replay date alone.
    if (openOn) filters.set('openOn', openOn)
  }

  return {
    categoryRows,
    levelOptions,
    statusOptions,
    sourceOptions,
    expanded,
    toggleExpanded,
    isChosen,
    toggle,
    chosenItems,
    from,
    to,
    overdue,
    escalated,
    search,
    onSearch,
    searchNow,
    chosen,
    reset,
  }
}
