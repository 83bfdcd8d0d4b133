// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Map as MaplibreMap } from 'maplibre-gl'

/** MapLibre's markers stood in for: which are on the map, and where. */
const onMap = new Set<object>()
vi.mock('maplibre-gl', () => ({
  Marker: class {
    at: unknown
    setLngLat(at: unknown) {
      this.at = at
      return this
    }
    addTo() {
      onMap.add(this)
      return this
    }
    remove() {
      onMap.delete(this)
      return this
    }
  },
}))
vi.mock('../../../web/warnings/wall-warning-pulses.css', () => ({}))

const { PULSE_EVERY_MS, WARNING_PULSES, wallWarningPulses } = await import('../../../web/warnings/wall-warning-pulses')

const spot = (i: number) => ({ at: [120 + i / 100, 36] as [number, number], level: i % 2 ? ('red' as const) : ('orange' as const) })
const spots = (n: number) => Array.from({ length: n }, (_, i) => spot(i))

describe('the wall’s warning pulses', () => {
  let animate: ReturnType<typeof vi.fn>
  beforeEach(() => {
    vi.useFakeTimers()
    onMap.clear()
    animate = vi.fn()
    HTMLElement.prototype.animate = animate as unknown as HTMLElement['animate']
  })
  afterEach(() => vi.useRealTimers())

  it('marks each red and orange place, at most twelve, reusing its markers as the list changes', () => {
    const pulses = wallWarningPulses(() => 40)
    pulses.attach({} as MaplibreMap)
    pulses.show(spots(3))
    expect(onMap.size).toBe(3)
    pulses.show(spots(20))
    expect(onMap.size).toBe(WARNING_PULSES)
    pulses.show(spots(1))
    expect(onMap.size).toBe(1)
    expect(pulses.count()).toBe(1)
  })

  it('pulses every few seconds while a place is marked, and stops when none is left', () => {
    const pulses = wallWarningPulses(() => 40)
    pulses.attach({} as MaplibreMap)
    pulses.show(spots(2))
    expect(animate).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(PULSE_EVERY_MS)
    expect(animate).toHaveBeenCalledTimes(4)
    pulses.show([])
    expect(onMap.size).toBe(0)
    vi.advanceTimersByTime(3 * PULSE_EVERY_MS)
    expect(animate).toHaveBeenCalledTimes(4)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('takes every marker off and stops when the wall goes', () => {
    const pulses = wallWarningPulses(() => 40)
    pulses.attach({} as MaplibreMap)
    pulses.show(spots(5))
    pulses.destroy()
    expect(onMap.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
