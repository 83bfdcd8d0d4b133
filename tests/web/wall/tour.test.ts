import { describe, expect, it } from 'vitest'
import { DEFAULT_TOUR_SECONDS, nextStopIndex, tourIntervalMs, tourStops } from '../../../web/wall/useWallTour'

describe('the tour', () => {
  it('starts at the township, visits every district in order, then comes back to the township', () => {
    const stops = tourStops(['d1', 'd2', 'd3'])
    const visited: (string | null)[] = []
    let i = 0
    for (let step = 0; step < 5; step++) {
      visited.push(stops[i]!)
      i = nextStopIndex(i, stops.length)
    }
    expect(visited).toEqual([null, 'd1', 'd2', 'd3', null])
  })

  it('stays on the township when the town has no districts', () => {
    expect(tourStops([])).toEqual([null])
    expect(nextStopIndex(0, 1)).toBe(0)
  })

  it('restarts at the township from an index the stops no longer have (districts changed)', () => {
    expect(nextStopIndex(7, 3)).toBe(0)
    expect(nextStopIndex(-1, 3)).toBe(0)
  })
})

describe('the tour pace from the URL', () => {
  it('is 20 seconds when the URL names none', () => {
    expect(DEFAULT_TOUR_SECONDS).toBe(20)
    expect(tourIntervalMs(undefined)).toBe(20_000)
  })

  it('takes seconds, decimals included', () => {
    expect(tourIntervalMs('45')).toBe(45_000)
    expect(tourIntervalMs('2.5')).toBe(2_500)
    expect(tourIntervalMs(['8', '9'])).toBe(8_000)
  })

  it('is stopped by 0 or off', () => {
    expect(tourIntervalMs('0')).toBeNull()
    expect(tourIntervalMs('off')).toBeNull()
  })

  it('falls back to the default for what it cannot read, and never runs faster than a stop a second', () => {
    expect(tourIntervalMs('soon')).toBe(20_000)
    expect(tourIntervalMs('-3')).toBe(20_000)
    expect(tourIntervalMs('')).toBe(20_000)
    expect(tourIntervalMs('0.2')).toBe(1_000)
  })
})
