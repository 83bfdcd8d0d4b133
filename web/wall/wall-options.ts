import { categories, type CategoryId } from '../../server/domain/categories'
import type { AreaRow, Summary, TrendPoint } from '../api/stats'
import { type LocaleId, nameIn } from '../i18n'
import { halfMonthLabel } from '../charts/labels'
import { categoryColors, chartFont, rankingColors, trendColors } from '../charts/palette'
import { rankAreas } from '../charts/ranking-option'
import type { ChartSpec } from '../charts/types'

/** Ink of the wall's charts: light on the command centre's dark panels. */
export const wallInk = {
  text: '#eaf4ff',
  muted: '#a9c1dc',
  axis: '#34506e',
  split: '#1b2f47',
  /** the district on tour, among the town's */
  highlight: '#4fd1ff',
}

/** Half-months on the trend: the last quarter of a year reads across a room; a whole year does not. */
export const WALL_TREND_BUCKETS = 12

/** Every size of a wall chart follows the wall's unit (see useWallUnit.ts) and its text size. */
export interface WallChartScale {
  /** CSS px per wall unit */
  unit: number
  /** text size, CSS px */
  text: number
}

const textStyle = (scale: WallChartScale, color = wallInk.muted) => ({ fontFamily: chartFont, fontSize: scale.text, color })

export interface WallTrendInput {
  buckets: readonly TrendPoint[]
  locale: LocaleId
  texts: { reported: string; closed: string; open: string }
  scale: WallChartScale
}

/** The town's half-month trend: found and closed as bars, the open backlog as a line over them. */
export function wallTrendOption({ buckets, locale, texts, scale }: WallTrendInput): ChartSpec {
  const shown = buckets.slice(-WALL_TREND_BUCKETS)
  // No year on the axis: the clock above says which year it is, and the labels stay short.
  const labels = shown.map((b) => halfMonthLabel(b.start, locale, false))
  const u = scale.unit
  return {
    option: {
      textStyle: { fontFamily: chartFont },
      animation: false,
      grid: { left: u * 0.3, right: u * 0.5, top: u * 0.8, bottom: u * 0.2, containLabel: true },
      xAxis: {
        type: 'category',
        data: labels,
        axisLine: { lineStyle: { color: wallInk.axis } },
        axisTick: { show: false },
        axisLabel: { ...textStyle(scale), hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: textStyle(scale), splitLine: { lineStyle: { color: wallInk.split } } },
      series: [
        { type: 'bar', name: texts.reported, data: shown.map((b) => b.reported), itemStyle: { color: trendColors.reported }, barGap: '10%', barCategoryGap: '35%' },
        { type: 'bar', name: texts.closed, data: shown.map((b) => b.closed), itemStyle: { color: trendColors.closed } },
        {
          type: 'line',
          name: texts.open,
          data: shown.map((b) => b.openAtEnd),
          itemStyle: { color: trendColors.open },
          lineStyle: { width: Math.max(2, u * 0.15) },
          symbol: 'circle',
          symbolSize: Math.max(4, u * 0.3),
        },
      ],
    },
  }
}

export interface WallCategoryInput {
  town: Pick<Summary, 'byCategory'>
  /** the district on tour, drawn beside the town's bar */
  district?: Pick<Summary, 'byCategory'>
  locale: LocaleId
  scale: WallChartScale
}

const categoryName = (id: CategoryId, locale: LocaleId) => nameIn(locale, categories.find((c) => c.id === id)!.name)

/** The four categories, one bar each in its hue with its count; the district's beside it while on tour. */
export function wallCategoryOption({ town, district, locale, scale }: WallCategoryInput): ChartSpec {
  const ids = categories.map((c) => c.id).reverse() // the category axis runs bottom-up: the plan's order reads top-down
  const u = scale.unit
  const label = { show: true, position: 'right' as const, ...textStyle(scale, wallInk.text) }
  return {
    keys: ids,
    option: {
      textStyle: { fontFamily: chartFont },
      animation: false,
      grid: { left: u * 0.2, right: u * 3.2, top: u * 0.2, bottom: u * 0.2, containLabel: true },
      xAxis: { type: 'value', show: false, max: (extent: { max: number }) => Math.max(1, extent.max) },
      yAxis: {
        type: 'category',
        data: ids.map((id) => categoryName(id, locale)),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: textStyle(scale, wallInk.text),
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: u * 0.9,
          barGap: '15%',
          data: ids.map((id) => ({ value: town.byCategory[id] ?? 0, itemStyle: { color: categoryColors[id] } })),
          label,
        },
        ...(district
          ? [{ type: 'bar' as const, barMaxWidth: u * 0.9, data: ids.map((id) => ({ value: district.byCategory[id] ?? 0, itemStyle: { color: wallInk.highlight } })), label }]
          : []),
      ],
    },
  }
}

export interface WallRankingInput {
  rows: readonly AreaRow[]
  /** the district on tour, lit among the others */
  current?: string | null
  scale: WallChartScale
}

/** The districts by open hazards, most first; the district on tour stands out in the highlight. */
export function wallRankingOption({ rows, current, scale }: WallRankingInput): ChartSpec {
  const ordered = rankAreas(rows, 'open').reverse() // bottom-up axis: the most open on top
  const u = scale.unit
  return {
    keys: ordered.map((r) => r.areaId),
    option: {
      textStyle: { fontFamily: chartFont },
      animation: false,
      grid: { left: u * 0.2, right: u * 2.6, top: u * 0.2, bottom: u * 0.2, containLabel: true },
      xAxis: { type: 'value', show: false, max: (extent: { max: number }) => Math.max(1, extent.max) },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.name),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: textStyle(scale, wallInk.text),
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: u * 1.1,
          data: ordered.map((r) => ({ value: r.open, itemStyle: { color: r.areaId === current ? wallInk.highlight : rankingColors.open } })),
          label: { show: true, position: 'right', ...textStyle(scale, wallInk.text) },
        },
      ],
    },
  }
}
