import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'

/** The option of every desk chart: only the series and components registered in echarts.ts. */
export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption>

/**
 * A chart as its builder returns it: the option, and for clickable charts the domain key of
 * each data item in order (a category id, an area id), so a click names what it chose.
 */
export interface ChartSpec {
  option: ChartOption
  keys?: readonly string[]
}
