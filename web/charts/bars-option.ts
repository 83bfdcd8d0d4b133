import { chartFont, chartInk } from './palette'
import type { ChartSpec } from './types'

export interface BarRow {
  key: string
  name: string
  value: number
  color: string
  /** drawn faint: not among the filter's current choice */
  dimmed?: boolean
  /** drawn with an outline: the area the reader is in */
  current?: boolean
}

/** Pixels a horizontal bar row takes, so a panel can size the chart to its rows. */
export const BAR_ROW_HEIGHT = 26

/**
 * Horizontal bars, first row on top, a value label at each bar's end: the shape shared by the
 * level, source and area-ranking charts (names are long Chinese words; they read best on the left).
 */
export function horizontalBars(rows: readonly BarRow[], format: (value: number) => string = String): ChartSpec {
  const ordered = [...rows].reverse() // the category axis runs bottom-up
  const label = { fontFamily: chartFont, color: chartInk.text, fontSize: 12 }
  return {
    keys: ordered.map((r) => r.key),
    option: {
      textStyle: { fontFamily: chartFont },
      animation: false,
      grid: { left: 4, right: 48, top: 4, bottom: 4, containLabel: true },
      tooltip: { trigger: 'item', textStyle: { fontFamily: chartFont }, formatter: '{b}: {c}' },
      xAxis: { type: 'value', show: false, max: (extent: { max: number }) => Math.max(1, extent.max) },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.name),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { ...label, width: 120, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          cursor: 'pointer',
          data: ordered.map((r) => ({
            value: r.value,
            name: r.name,
            itemStyle: {
              color: r.color,
              opacity: r.dimmed ? chartInk.dimmedOpacity : 1,
              ...(r.current && { borderColor: chartInk.text, borderWidth: 2 }),
            },
          })),
          label: { show: true, position: 'right', ...label, formatter: (p: { value: unknown }) => format(Number(p.value)) },
        },
      ],
    },
  }
}
