/**
 * The only place ECharts is loaded, module by module: bars and a line on a cartesian grid with a
 * tooltip, drawn on canvas. ECharts 6's core alone is ≈ 440 KB minified, so every module counts:
 * legends, rings and markers are drawn in HTML by the components instead.
 */
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer])

export { init }
export type { ECharts } from 'echarts/core'
