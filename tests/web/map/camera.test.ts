import { describe, expect, it } from 'vitest'
import { fitPadding, roundCamera, sameCamera } from '../../../web/map/camera'

describe('the camera', () => {
  it('is kept to the URL’s precision: five decimals of a degree, two of a zoom', () => {
    expect(roundCamera({ lon: 120.1234567, lat: 36.9876543, zoom: 12.3456 })).toEqual({ lon: 120.12346, lat: 36.98765, zoom: 12.35 })
  })

  it('counts as the same when equal to that precision, so the map does not jump to its own echo', () => {
    expect(sameCamera({ lon: 120.123451, lat: 36.9, zoom: 12 }, { lon: 120.123449, lat: 36.9, zoom: 12.001 })).toBe(true)
    expect(sameCamera({ lon: 120.1235, lat: 36.9, zoom: 12 }, { lon: 120.1234, lat: 36.9, zoom: 12 })).toBe(false)
    expect(sameCamera(undefined, { lon: 1, lat: 1, zoom: 1 })).toBe(false)
  })
})

describe('padding around an area the map flies to', () => {
  it('clears the panels with a margin', () => {
    expect(fitPadding({ top: 12, right: 484, bottom: 80, left: 350 }, { width: 1920, height: 1080 })).toEqual({ top: 36, right: 508, bottom: 104, left: 374 })
  })

  it('never takes more than half the map a side, so a small window still shows the area', () => {
    const p = fitPadding({ top: 12, right: 484, bottom: 80, left: 350 }, { width: 800, height: 600 })
    expect(p.left + p.right).toBeLessThan(800)
    expect(p.left).toBeLessThanOrEqual(376)
  })
})
