import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { filterToQuery } from '../../server/domain/filters'
import { fetchHealth } from '../api/health'
import {
  type AreaRow,
  type Coverage,
  type RankedLevel,
  type Summary,
  type TrendPoint,
  fetchAreaStats,
  fetchCoverage,
  fetchSummary,
  fetchTrend,
} from '../api/stats'
import { defaultCampaignStart } from '../desk/campaign-time'
import { useFilterStore } from './filters'
import { useGeographyStore } from './geography'
import { useLiveStore } from './live'
import { useSessionStore } from './session'

/** Filter changes come in bursts (typing, scrubbing, a link restoring several keys): ask once they settle. */
export const STATS_DEBOUNCE_MS = 100

export type StatsPart = 'summary' | 'trend' | 'ranking' | 'coverage'

/** What a path of this depth ranks: the town's districts, a district's villages, a village's grid cells. */
const rankedLevels: readonly RankedLevel[] = ['district', 'village', 'grid', 'grid']

const qs = (query: Record<string, string>) => new URLSearchParams(query).toString()

interface Question {
  /** equal keys ask the same question, so an unchanged part is not asked again */
  key: string
  /** fetches the answer and returns how to show it, so that a stale answer can be dropped unseen */
  run(): Promise<() => void>
}

function question<T>(key: string, fetch: () => Promise<T>, take: (answer: T) => void): Question {
  return { key, run: () => fetch().then((answer) => () => take(answer)) }
}

/**
 * The figures every panel shows, for the current filter and area: the summary, the half-month
 * trend, the ranking of the areas one level down and the inspection coverage. Refetched when the
 * filter or the live revision moves; each part is asked only when its own question changed, and
 * an answer that is no longer the latest question is dropped.
 */
export const useStatsStore = defineStore('stats', () => {
  const filters = useFilterStore()
  const live = useLiveStore()
  const geography = useGeographyStore()
  const session = useSessionStore()

  const summary = shallowRef<Summary>()
  const trend = shallowRef<TrendPoint[]>()
  const areaRows = shallowRef<AreaRow[]>()
  const coverageAll = shallowRef<Coverage>()
  const failures = shallowRef<Partial<Record<StatsPart, unknown>>>({})
  const inFlight = shallowRef(0)
  /** the server's today (it may run on a fixed date, as the demo and the tests do) */
  const today = shallowRef<string>()
  const firstBucket = shallowRef<string>()

  const rankedLevel = computed<RankedLevel>(() => rankedLevels[filters.path.length] ?? 'grid')
  /** The area whose children are ranked: inside a grid cell, its village's cells are ranked. */
  const rankedParent = computed(() => (filters.path.length === 3 ? filters.path[1] : filters.area))

  const questions = computed<Record<StatsPart, Question>>(() => {
    const { openOn, from } = filters.choice
    const { openOn: _openOn, ...timeless } = filters.filter
    const trendQuery = filterToQuery(timeless)
    const parent = rankedParent.value
    const level = rankedLevel.value
    const rankQuery = filterToQuery({ ...filters.choice, ...(parent ? { area: [parent] } : {}) })
    const summaryQuery = filters.query
    return {
      summary: question(filters.queryString, () => fetchSummary(summaryQuery), (s) => (summary.value = s)),
      // The trend is the time axis itself: "open on a date" would cut it to that day's hazards.
      trend: question(qs(trendQuery), () => fetchTrend(trendQuery), (t) => {
        trend.value = t
        // The campaign's own start, not a chosen one, bounds the time slider.
        if (!from && t[0]) firstBucket.value = t[0].start
      }),
      ranking: question(
        `${level}|${qs(rankQuery)}`,
        () => Promise.all([fetchAreaStats(level, rankQuery), geography.loadLevel(level)]).then(([rows]) => rows),
        (rows) => (areaRows.value = rows),
      ),
      coverage: question(openOn ?? '', () => fetchCoverage(openOn), (c) => (coverageAll.value = c)),
    }
  })

  const asked: Partial<Record<StatsPart, string>> = {}

  function ask(part: StatsPart, q: Question, key: string): void {
    asked[part] = key
    inFlight.value++
    // An answer is shown only while it is still the latest question of its part.
    const latest = () => asked[part] === key
    q.run()
      .then(
        (show) => {
          if (!latest()) return
          show()
          failures.value = { ...failures.value, [part]: undefined }
        },
        (error: unknown) => {
          if (!latest()) return
          delete asked[part] // so that the next change asks again
          failures.value = { ...failures.value, [part]: error }
        },
      )
      .finally(() => inFlight.value--)
  }

  /** Asks again every part whose question changed since it was last asked. */
  async function refresh(): Promise<void> {
    loadToday()
    // The districts name the ranking and the breadcrumb, and the map asks for them first: waiting
    // for them means a session that expired is found out once, by that request, rather than by
    // every figure at the same time.
    const known = await geography.loadLevel('district').then(
      () => true,
      () => false,
    )
    if (!known || !session.user) return
    for (const [part, q] of Object.entries(questions.value) as [StatsPart, Question][]) {
      const key = `${q.key}#${live.revision}`
      if (asked[part] !== key) ask(part, q, key)
    }
  }

  // Another user sees other hazards: nothing of the last one's figures may stay on screen.
  watch(
    () => session.user?.id,
    (user, before) => {
      if (before !== undefined && user !== before) {
        summary.value = undefined
        trend.value = undefined
        areaRows.value = undefined
        coverageAll.value = undefined
        for (const part of Object.keys(asked) as StatsPart[]) delete asked[part]
      }
      if (user !== undefined) schedule()
    },
  )

  let timer: ReturnType<typeof setTimeout> | undefined
  function schedule(): void {
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(), STATS_DEBOUNCE_MS)
  }
  watch(() => Object.values(questions.value).map((q) => q.key).join('\n'), schedule, { immediate: true })
  // A live change asks at once, not after the debounce meant for typing: the request then leaves
  // before the map starts repainting its new tiles, which on a slow machine holds the page's thread.
  watch(
    () => live.revision,
    () => {
      clearTimeout(timer)
      void refresh()
    },
  )

  let askingToday = false
  /** The server's day, asked until it is known (a failed ask is retried with the next refresh). */
  function loadToday(): void {
    if (today.value || askingToday) return
    askingToday = true
    fetchHealth()
      .then((health) => (today.value = health.today))
      .catch(() => undefined)
      .finally(() => (askingToday = false))
  }
  loadToday()

  /** The ranked rows that lie in the current area (the server answers for every area of the level). */
  const ranking = computed<AreaRow[] | undefined>(() => {
    const rows = areaRows.value
    const parent = rankedParent.value
    if (!rows || !parent) return rows
    const inside = new Set((geography.levels[rankedLevel.value] ?? []).filter((f) => f.properties.parentId === parent).map((f) => f.properties.id))
    return rows.filter((row) => inside.has(row.areaId))
  })

  /** Coverage of the villages in the current area: a district's villages, or the village drilled into. */
  const coverage = computed<Coverage | undefined>(() => {
    const all = coverageAll.value
    const [district, village] = filters.path
    if (!all || !district) return all
    const villages = all.villages.filter((v) => (village ? v.villageId === village : v.districtId === district))
    const covered = villages.filter((v) => v.inspected).length
    return { ...all, villages, covered, total: villages.length, rate: villages.length ? covered / villages.length : 0 }
  })

  /** The replay's bounds: the campaign's first half-month (or a year back) to today. */
  const campaign = computed(() => {
    const end = today.value
    if (!end) return undefined
    return { start: firstBucket.value ?? defaultCampaignStart(end), end }
  })

  const loading = computed(() => inFlight.value > 0)

  return { summary, trend, ranking, coverage, rankedLevel, failures, loading, today, campaign, refresh }
})
