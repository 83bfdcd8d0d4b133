import { computed, onBeforeUnmount, shallowRef, watch } from 'vue'
import { filterToQuery } from '../../server/domain/filters'
import { fetchAreaStats, type AreaRow, type RankedLevel } from '../api/stats'
import { choroplethClasses, type ChoroplethClasses } from '../map/choropleth'
import { useFilterStore } from '../stores/filters'
import { useLiveStore } from '../stores/live'
import { useMapLayersStore } from '../stores/map-layers'

/** Classes of the choropleth: five reads well on a map and in a legend. */
const CLASSES = 5

/** Tracks the map's requests in flight, so tests (and nothing else) can wait for them. */
export function inFlight() {
  const pending = new Set<Promise<unknown>>()
  return {
    track<T>(work: Promise<T>): Promise<T> {
      pending.add(work)
      void work.then(
        () => pending.delete(work),
        () => pending.delete(work),
      )
      return work
    },
    async settled(): Promise<void> {
      while (pending.size) await Promise.allSettled([...pending])
    },
  }
}

/**
 * Area figures (GET /api/stats/areas) for the choropleth and the hover tooltip. They are asked
 * for the filter choice without the drill-down area: with it, every neighbour would read zero,
 * whereas the map dims the neighbours instead and still tells their own figures on hover.
 * One answer per level, filter and live revision, kept while those hold.
 */
export function useMapFigures(track: <T>(work: Promise<T>) => Promise<T>) {
  const filters = useFilterStore()
  const live = useLiveStore()
  const layers = useMapLayersStore()
  const query = computed(() => filterToQuery(filters.choice))
  const key = computed(() => `${new URLSearchParams(query.value).toString()}|${live.revision}`)
  /** The latest answer a level, with the filter and revision it was asked for. */
  const rows = shallowRef<Partial<Record<RankedLevel, { key: string; byId: Map<string, AreaRow> }>>>({})
  const asked = new Map<RankedLevel, string>()
  let disposed = false

  function load(level: RankedLevel): void {
    if (asked.get(level) === key.value) return
    const askedFor = key.value
    asked.set(level, askedFor)
    track(fetchAreaStats(level, query.value))
      .then((answer) => {
        if (disposed || asked.get(level) !== askedFor) return
        rows.value = { ...rows.value, [level]: { key: askedFor, byId: new Map(answer.map((row) => [row.areaId, row])) } }
      })
      // No figures leave the choropleth clear and the tooltip with the name only; asked again on the next change.
      .catch(() => asked.delete(level))
  }

  const classes = computed<ChoroplethClasses | undefined>(() => {
    if (!layers.visible.choropleth) return undefined
    const { level, metric } = layers.choropleth
    // Until the new figures come, the old classes stay: a filter change does not flash the map clear.
    const known = rows.value[level]
    return known ? choroplethClasses([...known.byId.values()], metric, CLASSES) : undefined
  })

  watch(
    [() => layers.visible.choropleth, () => layers.choropleth.level, key],
    ([on, level]) => {
      if (on) load(level)
    },
    { immediate: true },
  )
  watch(classes, (next) => (layers.legend = next && { breaks: next.breaks, whole: next.whole }), { immediate: true })

  onBeforeUnmount(() => (disposed = true))

  /** The figures of one area under the current filter, once its level's figures are in (see `load`). */
  function figuresOf(level: RankedLevel, id: string): AreaRow | undefined {
    const known = rows.value[level]
    return known?.key === key.value ? known.byId.get(id) : undefined
  }

  return { classes, figuresOf, load }
}
