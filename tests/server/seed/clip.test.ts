import { bboxPolygon, featureCollection, intersect, polygon, union } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { cleanWithin, clipConvex, overlaySimple, prepareParent, unionTouching } from '../../../server/seed/geography/clip'
import { readOutline } from '../../../server/seed/geography/divisions'
import { type Parts, type Pt, type Ring, partsOf, ringOf } from '../../../server/seed/geography/planar'
import { createRng } from '../../../server/seed/geography/random'
import { blob } from '../../../server/seed/geography/terrain'

/**
 * clipConvex stands in for turf's intersect when the partitions cut Voronoi cells out of a parent, and
 * must give turf's very coordinates (the demo's bytes depend on them) or step aside with null.
 */
const rng = createRng(16)

/** A convex polygon: points on an ellipse at sorted random angles, around Pingdu's coordinates. */
function convexCell(cx: number, cy: number, r: number): Ring {
  const angles = Array.from({ length: rng.int(3, 9) }, () => rng.range(0, 2 * Math.PI)).sort((a, b) => a - b)
  const ring: Ring = angles.map((t): Pt => [cx + Math.cos(t) * r * 1.3, cy + Math.sin(t) * r])
  return [...ring, ring[0] as Pt]
}

/** A wiggly star-shaped (so simple) polygon; clockwise half the time. */
function wigglyParent(cx: number, cy: number, r: number): Ring {
  const n = rng.int(20, 200)
  const ring: Ring = Array.from({ length: n }, (_, i): Pt => {
    const t = (2 * Math.PI * i) / n
    const s = r * rng.range(0.4, 1)
    return [cx + Math.cos(t) * s, cy + Math.sin(t) * s]
  })
  if (rng.chance(0.5)) ring.reverse()
  return [...ring, ring[0] as Pt]
}

function turf(cell: Ring, parent: Parts): Parts {
  const cut = intersect(featureCollection([polygon([cell]), polygon(parent[0] ?? [])]))
  return cut ? partsOf(cut.geometry) : []
}

describe('clipConvex', () => {
  it('gives turf intersect’s result coordinate for coordinate, or null', () => {
    let answered = 0
    let pieces = 0
    for (let k = 0; k < 300; k++) {
      const parent: Parts = [[wigglyParent(119.9 + rng.range(0, 0.1), 36.8 + rng.range(0, 0.1), 0.05)]]
      const cell = convexCell(119.95 + rng.range(0, 0.05), 36.85 + rng.range(0, 0.05), rng.range(0.005, 0.06))
      const prepared = prepareParent(parent)
      if (!prepared) throw new Error('a parent without holes is always prepared')
      const quick = clipConvex(cell, prepared)
      if (quick === null) continue
      answered++
      pieces += quick.length
      expect(quick).toEqual(turf(cell, parent))
    }
    // it steps aside only where polyclip's exact decisions are too close to call
    expect(answered).toBeGreaterThan(280)
    // and the cases include cells cut into several pieces
    expect(pieces).toBeGreaterThan(answered)
  })

  it('keeps a cell inside its parent whole, and gives nothing for one outside it', () => {
    const parent: Parts = [[[[120, 36], [121, 36], [121, 37], [120, 37], [120, 36]]]]
    const prepared = prepareParent(parent)
    if (!prepared) throw new Error('prepared')
    const inside = convexCell(120.5, 36.5, 0.1)
    expect(clipConvex(inside, prepared)).toEqual(turf(inside, parent))
    expect(clipConvex(convexCell(122, 36.5, 0.1), prepared)).toEqual([])
  })

  it('leaves parents with holes to turf', () => {
    const outer: Ring = [[120, 36], [121, 36], [121, 37], [120, 37], [120, 36]]
    const hole: Ring = [[120.4, 36.4], [120.4, 36.6], [120.6, 36.6], [120.6, 36.4], [120.4, 36.4]]
    expect(prepareParent([[outer, hole]])).toBeNull()
  })
})

describe('cleanWithin', () => {
  const box: [number, number, number, number] = [119, 36, 121, 38]
  const turfClean = (ring: Ring): Parts => {
    const cut = intersect(featureCollection([polygon([ring]), bboxPolygon(box)]))
    return cut ? partsOf(cut.geometry) : []
  }

  it('cleans the county outline exactly as turf does', () => {
    const [ring] = readOutline().coordinates
    if (!ring) throw new Error('the outline has a ring')
    const quick = cleanWithin(ringOf(ring), box)
    expect(quick).not.toBeNull()
    expect(quick).toEqual(turfClean(ringOf(ring)))
  })

  it('drops repeated and collinear vertices, spikes and overlaps as turf does, in either direction', () => {
    const g = 1 / 1024
    const at = (x: number, y: number): Pt => [120 + x * g, 36.5 + y * g]
    // a square with a repeated vertex, collinear vertices, a spike out and back, and a spike lying on an edge
    const ring: Ring = [at(0, 0), at(2, 0), at(2, 0), at(4, 0), at(4, 2), at(6, 2), at(4, 2), at(4, 4), at(1, 4), at(3, 4), at(0, 4), at(0, 2), at(0, 0)]
    for (const r of [ring, ring.slice().reverse()]) {
      const quick = cleanWithin(r, box)
      expect(quick).not.toBeNull()
      expect(quick).toEqual(turfClean(r))
    }
  })

  it('leaves a ring that crosses itself, leaves the box or is off the binary grid to turf', () => {
    const g = 1 / 1024
    const bowtie: Ring = [[120, 36.5], [120 + 4 * g, 36.5 + 4 * g], [120 + 4 * g, 36.5], [120, 36.5 + 4 * g], [120, 36.5]]
    expect(cleanWithin(bowtie, box)).toBeNull()
    expect(cleanWithin([[118, 36.5], [120, 36.5], [120, 37], [118, 36.5]], box)).toBeNull()
    expect(cleanWithin([[120.1, 36.5], [120.3, 36.5], [120.3, 37], [120.1, 36.5]], box)).toBeNull()
  })
})

describe('unionTouching', () => {
  it('joins pieces of neighbouring cells exactly as turf union does, or gives null', () => {
    let answered = 0
    let tried = 0
    for (let k = 0; k < 200; k++) {
      const parent: Parts = [[wigglyParent(120 + rng.range(0, 0.1), 36.8 + rng.range(0, 0.1), 0.05)]]
      const prepared = prepareParent(parent)
      if (!prepared) throw new Error('prepared')
      // two cells sharing the edge top–bottom, as neighbouring Voronoi cells do
      const [cx, cy] = [120.02 + rng.range(0, 0.06), 36.82 + rng.range(0, 0.06)]
      const top: Pt = [cx + rng.range(-0.01, 0.01), cy + 0.06]
      const bottom: Pt = [cx + rng.range(-0.01, 0.01), cy - 0.06]
      const left: Ring = [bottom, top, [cx - 0.08, cy + rng.range(-0.02, 0.02)], bottom]
      const right: Ring = [top, bottom, [cx + 0.08, cy + rng.range(-0.02, 0.02)], top]
      const a = clipConvex(left, prepared)
      const b = clipConvex(right, prepared)
      for (const pa of a ?? []) {
        for (const pb of b ?? []) {
          tried++
          const quick = unionTouching([pa], [pb])
          if (quick === null) continue
          answered++
          const u = union(featureCollection([polygon(pa), polygon(pb)]))
          expect(quick).toEqual(u ? partsOf(u.geometry) : null)
        }
      }
    }
    // most pairs do not touch (null); those that do are joined
    expect(tried).toBeGreaterThan(200)
    expect(answered).toBeGreaterThan(50)
  })
})

describe('overlaySimple', () => {
  it('unites two blobs and cuts the union by a parent exactly as turf does, or gives null', () => {
    let united = 0
    let cut = 0
    for (let k = 0; k < 150; k++) {
      // two overlapping hill blobs, as hillsOf draws them
      const a = blob([120 + rng.range(0, 0.02), 36.8 + rng.range(0, 0.02)], 2000, 1400, rng.range(0, 360), rng)
      const b = blob([120 + rng.range(0, 0.02), 36.8 + rng.range(0, 0.02)], 2000, 1400, rng.range(0, 360), rng)
      const other = prepareParent([[b]])
      if (!other) throw new Error('prepared')
      const joined = overlaySimple(a, other, false)
      if (joined === null) continue
      united++
      const u = union(featureCollection([polygon([a]), polygon([b])]))
      expect(joined).toEqual(u ? partsOf(u.geometry) : [])
      const [only] = joined
      const [ring] = only ?? []
      const parent: Parts = [[wigglyParent(120.01, 36.81, 0.03)]]
      const prepared = prepareParent(parent)
      if (joined.length !== 1 || !ring || !prepared) continue
      const quick = overlaySimple(ring, prepared, true)
      if (quick === null) continue
      cut++
      expect(quick).toEqual(turf(ring, parent))
    }
    expect(united).toBeGreaterThan(100)
    expect(cut).toBeGreaterThan(80)
  })
})
