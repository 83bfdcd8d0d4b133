import { computed, onBeforeUnmount, shallowRef, watch } from 'vue'
import { filterToQuery } from '../../server/domain/filters'
import type { ScoreLevel } from '../../server/domain/scorecards'
import { fetchScorecards } from '../api/scorecards'
import { fetchAreaStats, type AreaRow, type RankedLevel } from '../api/stats'
import { choroplethClasses, scoreClasses, type ChoroplethClasses } from '../map/choropleth'
import type { ChoroplethLevel } from '../map/layers/choropleth'
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

  /** This month's scores a level (village, district), asked only while the choropleth shows scores; one answer per live revision. */
  const scores = shallowRef<Partial<Record<ScoreLevel, { month: string; classes: ChoroplethClasses; byId: Map<string, number | null> }>>>({})
  const scoresAsked = new Map<ScoreLevel, number>()
  const scored = (level: ChoroplethLevel): level is Exclude<ScoreLevel, 'unit'> => level === 'village' || level === 'district'

  function loadScores(level: ChoroplethLevel): void {
    if (!scored(level) || scoresAsked.get(level) === live.revision) return
    const askedAt = live.revision
    scoresAsked.set(level, askedAt)
    track(fetchScorecards(level))
      .then((answer) => {
        if (disposed || scoresAsked.get(level) !== askedAt) return
        const byId = new Map(answer.rows.map((row) => [row.id, row.score]))
        scores.value = { ...scores.value, [level]: { month: answer.month, classes: scoreClasses(answer.rows), byId } }
      })
      .catch(() => scoresAsked.delete(level))
  }

  const classes = computed<ChoroplethClasses | undefined>(() => {
    if (!layers.visible.choropleth) return undefined
    const { level, metric } = layers.choropleth
    // Grid cells are not scored: the map stays clear and the legend says by what scores go.
    if (metric === 'score') return scored(level) ? scores.value[level]?.classes : scoreClasses([])
    // Until the new figures come, the old classes stay: a filter change does not flash the map clear.
    const known = rows.value[level]
    return known ? choroplethClasses([...known.byId.values()], metric, CLASSES) : undefined
  })

  watch(
    [() => layers.visible.choropleth, () => layers.choropleth.level, () => layers.choropleth.metric, key],
    ([on, level, metric]) => {
      if (on && metric === 'score') loadScores(level)
      else if (on) load(level)
    },
    { immediate: true },
  )
  const scoreMonth = computed(() => {
    const level = layers.choropleth.level
    return layers.choropleth.metric === 'score' && scored(level) ? scores.value[level]?.month : undefined
  })
  watch(
    classes,
    (next) => (layers.legend = next && { breaks: next.breaks, whole: next.whole, ...(layers.choropleth.metric === 'score' ? { score: { month: scoreMonth.value } } : {}) }),
    { immediate: true },
  )

  onBeforeUnmount(() => (disposed = true))

  /** The figures of one area under the current filter, once its level's figures are in (see `load`). */
  function figuresOf(level: RankedLevel, id: string): AreaRow | undefined {
    const known = rows.value[level]
    return known?.key === key.value ? known.byId.get(id) : undefined
  }

  /** An area's score this month while the choropleth shows scores: null when it had nothing to judge it on, undefined when not shown or not known. */
  function scoreOf(level: RankedLevel, id: string): number | null | undefined {
    if (!layers.visible.choropleth || layers.choropleth.metric !== 'score' || !scored(level)) return undefined
    return scores.value[level]?.byId.get(id)
  }

  return { classes, figuresOf, load, scoreOf }
}
