import { computed, shallowRef } from 'vue'
import { areaLevels } from '../../server/domain/areas'
import type { CategoryId } from '../../server/domain/categories'
import type { RiskLevel } from '../../server/domain/levels'
import type { SourceId } from '../../server/domain/sources'
import { UNASSESSED } from '../api/stats'
import { categoryOption, levelOption, sourceOption } from '../charts/breakdown-option'
import { missedVillages } from '../charts/coverage'
import { dayLabel } from '../charts/labels'
import { chartInk, trendColors } from '../charts/palette'
import { type RankingMetric, rankingOption } from '../charts/ranking-option'
import { trendOption } from '../charts/trend-option'
import { useFilterStore } from '../stores/filters'
import { useGeographyStore } from '../stores/geography'
import { useStatsStore } from '../stores/stats'
import { useLocale } from '../composables/useLocale'

const pathLevels = ['district', 'village', 'grid'] as const

/**
 * The desk charts' specs, built from the stats store by the pure option builders, and what a
 * click on each does: toggle a category, level or source in the filter, or drill into an area.
 */
export function useDeskCharts() {
  const stats = useStatsStore()
  const filters = useFilterStore()
  const geography = useGeographyStore()
  const { t, locale, nameOf } = useLocale()

  const trend = computed(() =>
    stats.trend
      ? trendOption({
          buckets: stats.trend,
          locale: locale.value,
          texts: { reported: t('charts.reported'), closed: t('charts.closed'), open: t('charts.open') },
          marker: filters.choice.openOn,
        })
      : undefined,
  )

  const breakdown = <K extends string>(chosen: readonly K[] | undefined) => (stats.summary ? { summary: stats.summary, locale: locale.value, chosen } : undefined)
  const category = computed(() => {
    const input = breakdown<CategoryId>(filters.choice.category)
    return input && categoryOption(input)
  })
  const level = computed(() => {
    const input = breakdown<RiskLevel>(filters.choice.level)
    return input && levelOption(input)
  })
  const source = computed(() => {
    const input = breakdown<SourceId>(filters.choice.source)
    return input && sourceOption(input)
  })

  /** The trend's legend, drawn in HTML next to the chart. */
  const trendLegend = computed(() => [
    { key: 'reported', label: t('charts.reported'), color: trendColors.reported, shape: 'bar' },
    { key: 'closed', label: t('charts.closed'), color: trendColors.closed, shape: 'bar' },
    { key: 'open', label: t('charts.open'), color: trendColors.open, shape: 'line' },
    ...(filters.choice.openOn ? [{ key: 'replay', label: t('charts.replayMark'), color: chartInk.text, shape: 'frame' }] : []),
  ])

  const metric = shallowRef<RankingMetric>('open')
  const ranking = computed(() =>
    stats.ranking ? rankingOption({ rows: stats.ranking, metric: metric.value, current: filters.path.length === 3 ? filters.area : undefined }) : undefined,
  )
  const rankingRows = computed(() => stats.ranking?.length ?? 0)
  const rankedLevelName = computed(() => nameOf(areaLevels[stats.rankedLevel]))

  const missed = computed(() => (stats.coverage ? missedVillages(stats.coverage) : []))
  const coveragePeriod = computed(() => {
    const p = stats.coverage?.period
    return p ? t('charts.period', { start: dayLabel(p.start, locale.value), end: dayLabel(p.end, locale.value) }) : ''
  })

  const pickCategory = (id: string) => filters.toggle('category', id)
  const pickLevel = (id: string) => id !== UNASSESSED && filters.toggle('level', id)
  const pickSource = (id: string) => filters.toggle('source', id)

  /** A ranked bar drills into its area, with the full path of its ancestors. */
  async function pickArea(id: string): Promise<void> {
    // The ancestors come from the geography, so every level up to the area must be in.
    await Promise.all(pathLevels.map((l) => geography.loadLevel(l)))
    const path = geography.pathTo(id)
    if (path.length) filters.drillTo(path)
  }

  return {
    trend,
    trendLegend,
    category,
    level,
    source,
    metric,
    ranking,
    rankingRows,
    rankedLevelName,
    missed,
    coveragePeriod,
    pickCategory,
    pickLevel,
    pickSource,
    pickArea,
  }
}
