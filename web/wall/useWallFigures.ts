import { computed, onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'
import { type AreaRow, type Coverage, type Summary, type TrendPoint, fetchAreaStats, fetchCoverage, fetchSummary, fetchTrend } from '../api/stats'
import { useLiveStore } from '../stores/live'
import { inFlight } from '../composables/useMapFigures'
import type { TourStop } from './useWallTour'
import { type ScopeFigures, districtCoverage } from './useWallKpis'

/** Everything the wall shows, the town's figures and each district's, asked together so the panels agree. */
export interface WallFigures {
  summary: Summary
  trend: TrendPoint[]
  districts: AreaRow[]
  villages: AreaRow[]
  coverage: Coverage
  /** each district's summary, so a tour stop shows its figures the moment it arrives */
  districtSummaries: ReadonlyMap<string, Summary>
}

async function fetchWallFigures(): Promise<WallFigures> {
  const districtsAsked = fetchAreaStats('district', {})
  const summariesAsked = districtsAsked.then((rows) => Promise.all(rows.map(async (row) => [row.areaId, await fetchSummary({ area: row.areaId })] as const)))
  const [summary, trend, districts, villages, coverage, summaries] = await Promise.all([
    fetchSummary({}),
    fetchTrend({}),
    districtsAsked,
    fetchAreaStats('village', {}),
    fetchCoverage(),
    summariesAsked,
  ])
  return { summary, trend, districts, villages, coverage, districtSummaries: new Map(summaries) }
}

const RETRY_MS = 5_000

/**
 * The wall's figures, refetched whenever the live revision moves. A failed fetch keeps the last
 * picture (the server may be restarting): the revision moves again once the stream is back, and
 * everything is asked again. Only the latest answer is kept, so nothing accumulates over a day.
 */
export function useWallFigures(stop: Readonly<Ref<TourStop>>) {
  const live = useLiveStore()
  const work = inFlight()
  const figures = shallowRef<WallFigures>()
  /** the live revision the figures on show were asked at */
  const shown = shallowRef(live.revision)
  let asked = -1
  let gone = false
  let retry: ReturnType<typeof setTimeout> | undefined

  function load(revision: number): void {
    asked = revision
    clearTimeout(retry)
    work
      .track(fetchWallFigures())
      .then((answer) => {
        if (gone || asked !== revision) return
        figures.value = answer
        shown.value = revision
      })
      // A failure while the stream stays up (a request dropped) is asked again after a while.
      .catch(() => {
        if (!gone && asked === revision) retry = setTimeout(() => load(revision), RETRY_MS)
      })
  }

  watch(() => live.revision, load, { immediate: true })
  onBeforeUnmount(() => {
    gone = true
    clearTimeout(retry)
  })

  const townScope = computed<ScopeFigures>(() => ({ summary: figures.value?.summary, coverage: figures.value?.coverage }))
  const districtScope = computed<ScopeFigures | undefined>(() => {
    const id = stop.value
    const known = figures.value
    if (id === null) return undefined
    return { summary: known?.districtSummaries.get(id), coverage: known && districtCoverage(known.coverage, id) }
  })

  return { town: figures, revision: shown, townScope, districtScope, settled: work.settled }
}
