import { booleanPointInPolygon, buffer, distance } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { BUFFER_STEPS, bboxParam, boundsOf, buffersBoxes, hazardsNear, hitPoints, siteBuffers } from '../../../web/geo/proximity'
import { hazardFrom, makeSite, point, seeded, type HazardProps, type SiteProps } from './factories'

const SCHOOL = [120.2, 36.9]

/** The answer by brute force: every hazard against every site with turf's distance. */
function bruteForce(hazards: ReturnType<typeof point<HazardProps>>[], sites: ReturnType<typeof makeSite>[], radius: number) {
  return hazards
    .map((h) => {
      const near = sites.map((s) => ({ site: s.properties.id, metres: distance(h.geometry.coordinates, s.geometry.coordinates, { units: 'meters' }) }))
      const best = near.reduce((a, b) => (b.metres < a.metres ? b : a))
      return { hazard: h.properties.id, ...best }
    })
    .filter((x) => x.metres <= radius)
    .sort((a, b) => a.metres - b.metres)
}

const summarise = (hits: ReturnType<typeof hazardsNear<HazardProps, SiteProps>>) =>
  hits.map((h) => ({ hazard: h.hazard.properties.id, site: h.site.properties.id, metres: h.metres }))

describe('hazardsNear', () => {
  it('keeps a hazard just inside the radius and drops one just outside', () => {
    const hits = hazardsNear([hazardFrom(1, SCHOOL, 499.5), hazardFrom(2, SCHOOL, 500.5)], [makeSite('s')], 500)
    expect(hits.map((h) => h.hazard.properties.id)).toEqual([1])
    expect(hits[0]!.metres).toBeCloseTo(499.5, 3)
  })

  it('keeps a hazard exactly on the site', () => {
    expect(hazardsNear([point(SCHOOL, { id: 1 })], [makeSite('s')], 100)).toHaveLength(1)
  })

  it('names the nearest of several sites that reach the same hazard, and lists the hazard once', () => {
    const a = makeSite('a', SCHOOL)
    const b = makeSite('b', hazardFrom(0, SCHOOL, 600).geometry.coordinates)
    const hits = hazardsNear([hazardFrom(1, SCHOOL, 400)], [a, b], 500)
    expect(summarise(hits)).toEqual([{ hazard: 1, site: 'b', metres: expect.closeTo(200, 3) }])
  })

  it('lists the nearest first', () => {
    const hazards = [hazardFrom(1, SCHOOL, 300), hazardFrom(2, SCHOOL, 100, 200), hazardFrom(3, SCHOOL, 200, 10)]
    expect(hazardsNear(hazards, [makeSite('s')], 500).map((h) => h.hazard.properties.id)).toEqual([2, 3, 1])
  })

  it('finds nothing without sites or with a radius that is not positive', () => {
    const hazards = [point(SCHOOL, { id: 1 })]
    expect(hazardsNear(hazards, [], 500)).toEqual([])
    expect(hazardsNear(hazards, [makeSite('s')], 0)).toEqual([])
    expect(hazardsNear(hazards, [makeSite('s')], Number.NaN)).toEqual([])
  })

  // The site index must never hide a site within reach, wherever the cells fall.
  it.each([
    { where: 'the town (37°N)', centre: [120.2, 36.9], radius: 500 },
    { where: 'a small radius', centre: [120.2, 36.9], radius: 100 },
    { where: 'a large radius', centre: [120.2, 36.9], radius: 2000 },
    { where: 'the far north (62°N)', centre: [129.7, 62.0], radius: 800 },
    { where: 'across the prime meridian and the equator', centre: [0, 0], radius: 700 },
  ])('agrees with a brute-force turf distance in $where', ({ centre, radius }) => {
    const random = seeded(radius)
    const spread = (radius * 8) / 111_000
    const around = (k: number) => [centre[0]! + (random() - 0.5) * spread * k, centre[1]! + (random() - 0.5) * spread]
    const sites = Array.from({ length: 25 }, (_, i) => makeSite(`s${i}`, around(2)))
    const hazards = Array.from({ length: 2000 }, (_, i) => point(around(2), { id: i + 1 }))
    const ours = summarise(hazardsNear(hazards, sites, radius))
    expect(ours.length).toBeGreaterThan(100)
    expect(ours).toEqual(bruteForce(hazards, sites, radius))
  })

  it('finds the hazards inside the real @turf/buffer polygons, but for those along their edges', () => {
    const random = seeded(7)
    const sites = Array.from({ length: 10 }, (_, i) => makeSite(`s${i}`, [120.2 + random() * 0.05, 36.9 + random() * 0.05]))
    const hazards = Array.from({ length: 3000 }, (_, i) => point([120.19 + random() * 0.07, 36.89 + random() * 0.07], { id: i + 1 }))
    const radius = 500
    const polygons = sites.map((s) => buffer(s, radius, { units: 'meters' })!)
    const found = new Set(hazardsNear(hazards, sites, radius).map((h) => h.hazard.properties.id))
    // A buffer is a polygon of 32 chords (turf's default), whose edge cuts up to r·(1 − cos(π/32))
    // ≈ 0.5 % inside the circle: near the edge the two tests may differ, so those are left out.
    const clear = hazards.filter((h) => sites.every((s) => Math.abs(distance(h, s, { units: 'meters' }) - radius) > radius * 0.006))
    const inside = new Set(clear.filter((h) => polygons.some((p) => booleanPointInPolygon(h, p))).map((h) => h.properties.id))
    expect(inside.size).toBeGreaterThan(100)
    expect(clear.filter((h) => found.has(h.properties.id)).map((h) => h.properties.id)).toEqual([...inside])
  })
})

describe('siteBuffers', () => {
  const [ring] = siteBuffers([makeSite('s', SCHOOL)], 500).features.map((f) => f.geometry.coordinates[0]!)

  it('draws a closed ring with a vertex every 360/64 degrees', () => {
    expect(ring).toHaveLength(BUFFER_STEPS + 1)
    expect(ring![0]).toEqual(ring!.at(-1))
  })

  it('puts every vertex at the radius from the site', () => {
    for (const vertex of ring!) expect(distance(SCHOOL, vertex, { units: 'meters' })).toBeCloseTo(500, 1)
  })

  it('covers the same ground as @turf/buffer within half a percent', () => {
    const theirs = buffer(makeSite('s', SCHOOL), 500, { units: 'meters' })!.geometry.coordinates[0] as number[][]
    const extent = (r: number[][]) => [Math.min(...r.map((p) => p[0]!)), Math.max(...r.map((p) => p[0]!)), Math.min(...r.map((p) => p[1]!)), Math.max(...r.map((p) => p[1]!))]
    const [a, b] = [extent(ring!), extent(theirs)]
    a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThan((500 * 0.005) / 111_000 / Math.cos((36.9 * Math.PI) / 180)))
  })

  it('carries the site and the radius, for the map and its legend', () => {
    const buffers = siteBuffers([makeSite('s1'), makeSite('s2', [120.3, 36.95])], 750)
    expect(buffers.features.map((f) => f.properties)).toEqual([
      { id: 's1', name: '场所s1', radius: 750 },
      { id: 's2', name: '场所s2', radius: 750 },
    ])
  })
})

describe('boundsOf and bboxParam', () => {
  const buffers = siteBuffers([makeSite('a', SCHOOL), makeSite('b', [120.31234567, 36.98765432])], 500)

  it('holds every vertex of every buffer', () => {
    const [minLon, minLat, maxLon, maxLat] = boundsOf(buffers)
    for (const f of buffers.features)
      for (const [lon, lat] of f.geometry.coordinates[0]!) {
        expect(lon).toBeGreaterThanOrEqual(minLon!)
        expect(lon).toBeLessThanOrEqual(maxLon!)
        expect(lat).toBeGreaterThanOrEqual(minLat!)
        expect(lat).toBeLessThanOrEqual(maxLat!)
      }
  })

  it('writes four plain decimals, as the API takes them', () => {
    expect(bboxParam([-0.0000001, 36.9, 120.5, 37])).toBe('-0.000000,36.900000,120.500000,37.000000')
    expect(bboxParam(boundsOf(buffers))).toMatch(/^-?\d+\.\d{6}(,-?\d+\.\d{6}){3}$/)
  })
})

describe('hitPoints', () => {
  it('places each hit at its hazard with what the caller says of it', () => {
    const hits = hazardsNear([hazardFrom(9, SCHOOL, 120)], [makeSite('s')], 500)
    const points = hitPoints(hits, (h) => ({ id: h.hazard.properties.id, metres: Math.round(h.metres) }))
    expect(points.features).toEqual([{ type: 'Feature', geometry: hits[0]!.hazard.geometry, properties: { id: 9, metres: 120 } }])
  })
})

describe('buffersBoxes', () => {
  const near = [makeSite('a', SCHOOL), makeSite('b', hazardFrom(0, SCHOOL, 800).geometry.coordinates)]
  const far = makeSite('c', [120.4, 37.1])

  it('boxes buffers that overlap together and a distant one alone', () => {
    const boxes = buffersBoxes(siteBuffers([...near, far], 500))
    expect(boxes).toHaveLength(2)
    expect(boxes).toContainEqual(boundsOf(siteBuffers(near, 500)))
    expect(boxes).toContainEqual(boundsOf(siteBuffers([far], 500)))
  })

  it('merges boxes that only touch through a box merged before', () => {
    const chain = [0, 900, 1800, 2700].map((m, i) => makeSite(`s${i}`, hazardFrom(0, SCHOOL, m).geometry.coordinates))
    const shuffled = [chain[0]!, chain[3]!, chain[1]!, chain[2]!]
    expect(buffersBoxes(siteBuffers(shuffled, 500))).toEqual([boundsOf(siteBuffers(chain, 500))])
  })

  it('leaves no buffer vertex outside every box', () => {
    const random = seeded(3)
    const buffers = siteBuffers(Array.from({ length: 40 }, (_, i) => makeSite(`r${i}`, [120.2 + random() * 0.2, 36.9 + random() * 0.2])), 700)
    const boxes = buffersBoxes(buffers)
    for (const f of buffers.features)
      for (const [lon, lat] of f.geometry.coordinates[0]!) expect(boxes.some((b) => lon! >= b[0] && lon! <= b[2] && lat! >= b[1] && lat! <= b[3])).toBe(true)
  })
})
