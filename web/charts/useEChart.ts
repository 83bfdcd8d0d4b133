import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { afterMapDrawn } from '../map/draw-first'
import type { ECharts } from './echarts'
import { chartFont } from './palette'
import type { ChartSpec } from './types'

/** Every character a chart will draw, so the font subsets holding them load before the canvas paints. */
function textOf(spec: ChartSpec): string {
  return JSON.stringify(spec.option, (_key, value: unknown) => (typeof value === 'function' ? undefined : value))
}

/**
 * Mounts an ECharts instance into `container` and keeps it in step with `spec`: the option is
 * replaced whole when the spec changes, the chart follows the container's size, and a click on a
 * data item hands its domain key to `onPick`. ECharts itself is loaded on first use, once the
 * page's map has drawn its first picture (draw-first.ts): the map comes first.
 *
 * Clickable charts are keyboard-operable too: with the container focused, the arrow keys move
 * from bar to bar (highlighted, with its tooltip) and Enter or Space picks it.
 */
export function useEChart(container: Readonly<Ref<HTMLElement | null>>, spec: () => ChartSpec | undefined, onPick?: (key: string) => void) {
  const ready = shallowRef(false)
  let chart: ECharts | undefined
  let observer: ResizeObserver | undefined
  let drawn = 0
  let gone = false

  async function draw(next: ChartSpec | undefined): Promise<void> {
    const turn = ++drawn
    if (!chart || !next) return
    // The canvas rasterises text with whatever font is loaded at that moment: load the subsets first.
    await document.fonts.load(`12px "${chartFont}"`, textOf(next)).catch(() => undefined)
    if (turn !== drawn || !chart) return
    chart.setOption(next.option, { notMerge: true })
  }

  onMounted(async () => {
    await afterMapDrawn()
    if (gone) return
    const { init } = await import('./echarts')
    const el = container.value
    if (gone || !el) return
    chart = init(el, undefined, { renderer: 'canvas' })
    chart.on('click', (params) => {
      const key = params.componentType === 'series' ? spec()?.keys?.[params.dataIndex] : undefined
      if (key !== undefined) onPick?.(key)
    })
    observer = new ResizeObserver(() => chart?.resize())
    observer.observe(el)
    await draw(spec())
    ready.value = true
  })

  watch(spec, (next) => void draw(next))

  /** The data item the keyboard is on; -1 until an arrow key is pressed. */
  let cursor = -1

  function moveCursor(to: number): void {
    if (!chart) return
    chart.dispatchAction({ type: 'downplay', seriesIndex: 0 })
    cursor = to
    chart.dispatchAction({ type: 'highlight', seriesIndex: 0, dataIndex: to })
    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: to })
  }

  function onKeydown(event: KeyboardEvent): void {
    const keys = spec()?.keys
    if (!chart || !keys?.length) return
    // Horizontal bars list their items bottom-up: the key that goes down the screen goes down the list.
    const step = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1 }[event.key]
    if (step !== undefined) {
      event.preventDefault()
      const from = cursor < 0 || cursor >= keys.length ? (step > 0 ? -1 : keys.length) : cursor
      moveCursor(Math.min(keys.length - 1, Math.max(0, from + step)))
    } else if ((event.key === 'Enter' || event.key === ' ') && keys[cursor] !== undefined) {
      event.preventDefault()
      onPick?.(keys[cursor]!)
    }
  }

  function onBlur(): void {
    cursor = -1
    chart?.dispatchAction({ type: 'downplay', seriesIndex: 0 })
    chart?.dispatchAction({ type: 'hideTip' })
  }

  onBeforeUnmount(() => {
    gone = true
    observer?.disconnect()
    chart?.dispose()
    chart = undefined
  })

  return { ready, onKeydown, onBlur }
}
