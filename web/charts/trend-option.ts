import type { TrendPoint } from '../api/stats'
import type { LocaleId } from '../i18n'
import { halfMonthLabel } from './labels'
import { chartFont, chartInk, trendColors } from './palette'
import type { ChartSpec } from './types'

export interface TrendTexts {
  reported: string
  closed: string
  open: string
}

export interface TrendInput {
  buckets: readonly TrendPoint[]
  locale: LocaleId
  texts: TrendTexts
  /** the time slider's date: the half-month holding it is outlined */
  marker?: string
}

/** The index of the bucket holding `date`, or -1. */
export function bucketIndexOf(buckets: readonly TrendPoint[], date: string): number {
  return buckets.findIndex((b) => b.start <= date && date <= b.end)
}

/**
 * Half-month trend: reported and closed as bars, the open backlog at each half-month's end as a
 * line over them. The legend is the component's (HTML), so ECharts' legend module is not shipped.
 */
export function trendOption({ buckets, locale, texts, marker }: TrendInput): ChartSpec {
  const labels = buckets.map((b, i) => halfMonthLabel(b.start, locale, i === 0 || b.start.endsWith('-01-01')))
  const markerIndex = marker ? bucketIndexOf(buckets, marker) : -1
  const outlined = (i: number) => (i === markerIndex ? { borderColor: chartInk.text, borderWidth: 2 } : {})
  const label = { fontFamily: chartFont, color: chartInk.muted, fontSize: 11 }
  return {
    option: {
      textStyle: { fontFamily: chartFont },
      animation: false,
      grid: { left: 4, right: 10, top: 10, bottom: 2, containLabel: true },
      tooltip: { trigger: 'axis', textStyle: { fontFamily: chartFont } },
      xAxis: {
        type: 'category',
        data: labels,
        axisLine: { lineStyle: { color: chartInk.axis } },
        axisTick: { show: false },
        axisLabel: { ...label, hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: label, splitLine: { lineStyle: { color: chartInk.split } } },
      series: [
        {
          type: 'bar',
          name: texts.reported,
          data: buckets.map((b, i) => ({ value: b.reported, itemStyle: { color: trendColors.reported, ...outlined(i) } })),
          barGap: '10%',
          barCategoryGap: '30%',
        },
        { type: 'bar', name: texts.closed, data: buckets.map((b, i) => ({ value: b.closed, itemStyle: { color: trendColors.closed, ...outlined(i) } })) },
        {
          type: 'line',
          name: texts.open,
          data: buckets.map((b, i) => ({ value: b.openAtEnd, ...(i === markerIndex && { symbolSize: 10 }) })),
          itemStyle: { color: trendColors.open },
          lineStyle: { width: 2.5 },
          symbol: 'circle',
          symbolSize: 4,
        },
      ],
    },
  }
}
