import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { describe, expect, it } from 'vitest'
import type { AreaFeature } from '../../../server/seed/geography'
import { ShapeRaster } from '../../../server/seed/ledger/placement'

type Shape = AreaFeature['geometry']

/** A concave shape with long slanted edges, and a shape of two parts, one with a hole. */
const shapes: Shape[] = [
  { type: 'Polygon', coordinates: [[[119.9, 36.8], [119.95, 36.81], [119.93, 36.83], [119.96, 36.86], [119.9, 36.85], [119.91, 36.83], [119.9, 36.8]]] },
  {
    type: 'MultiPolygon',
    coordinates: [
      [[[120, 36.9], [120.02, 36.9], [120.02, 36.92], [120, 36.92], [120, 36.9]], [[120.005, 36.905], [120.015, 36.905], [120.01, 36.915], [120.005, 36.905]]],
      [[[120.03, 36.9], [120.04, 36.905], [120.03, 36.91], [120.03, 36.9]]],
    ],
  },
]

/** Points all over the shape's box and beyond, and on, beside and just off every edge. */
function pointsFor(shape: Shape): Array<[number, number]> {
  const raster = new ShapeRaster(shape)
  const [x0, y0, x1, y1] = raster.box
  const points: Array<[number, number]> = []
  for (let i = -5; i <= 205; i++) for (let j = -5; j <= 205; j++) points.push([x0 + ((x1 - x0) * i) / 200, y0 + ((y1 - y0) * j) / 200])
  const rings = shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat()
  for (const ring of rings)
    for (let k = 1; k < ring.length; k++) {
      const [ax, ay] = ring[k - 1] as [number, number]
      const [bx, by] = ring[k] as [number, number]
      for (let t = 0; t <= 1; t += 1 / 64)
        for (const d of [0, 1e-9, -1e-9, 1e-6, -1e-6, 2e-4, -2e-4]) {
          points.push([ax + (bx - ax) * t + d, ay + (by - ay) * t])
          points.push([ax + (bx - ax) * t, ay + (by - ay) * t + d])
        }
    }
  return points
}

describe('shape raster', () => {
  it("answers exactly as turf's booleanPointInPolygon, edges and vertices included", () => {
    for (const shape of shapes) {
      const raster = new ShapeRaster(shape)
      let inside = 0
      for (const p of pointsFor(shape)) {
        const expected = booleanPointInPolygon(p, shape)
        if (raster.inside(p) !== expected) expect.fail(`${p} in ${shape.type}: turf says ${expected}`)
        if (expected) inside++
      }
      expect(inside).toBeGreaterThan(1000)
    }
  })

  it('calls a box inside only when turf finds every point of it inside', () => {
    for (const shape of shapes) {
      const raster = new ShapeRaster(shape)
      const [x0, y0, x1, y1] = raster.box
      let whole = 0
      for (let i = 0; i <= 40; i++)
        for (let j = 0; j <= 40; j++) {
          const [x, y] = [x0 + ((x1 - x0) * i) / 40, y0 + ((y1 - y0) * j) / 40]
          const r = (x1 - x0) / 50
          if (!raster.boxInside(x - r, y - r, x + r, y + r)) continue
          whole++
          for (let a = 0; a <= 8; a++)
            for (let b = 0; b <= 8; b++) if (!booleanPointInPolygon([x - r + (r * a) / 4, y - r + (r * b) / 4], shape)) expect.fail(`${x}, ${y}: not all inside`)
        }
      expect(whole).toBeGreaterThan(100)
    }
  })
})
