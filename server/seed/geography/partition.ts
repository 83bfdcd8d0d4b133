import { featureCollection, intersect, point, polygon, union, voronoi } from '@turf/turf'
import { clipConvex, prepareParent, unionTouching } from './clip'
import { type Parts, type Pt, type Ring, bboxOf, distanceToEdges, geometryOf, inParts, lonScale, metres, partsArea, partsLocator, partsOf } from './planar'
import type { Rng } from './random'

/** Uniform random points inside parts, by rejection from the bounding box. */
export function samplePoints(parts: Parts, count: number, rng: Rng): Pt[] {
  const [x0, y0, x1, y1] = bboxOf(parts)
  const inside = partsLocator(parts)
  const out: Pt[] = []
  for (let tries = 0; out.length < count && tries < count * 200; tries++) {
    const p: Pt = [rng.range(x0, x1), rng.range(y0, y1)]
    if (inside(p)) out.push(p)
  }
  return out
}

/**
 * `count` well-spread seeds inside parts: best-candidate start, then Lloyd relaxation run on a cloud of
 * samples (k-means), which needs no polygon clipping and so stays cheap at county scale.
 */
export function relaxedSeeds(parts: Parts, count: number, rng: Rng, iterations = 4): Pt[] {
  const samples = samplePoints(parts, Math.max(300, count * 50), rng)
  const d2 = (a: Pt, b: Pt): number => ((a[0] - b[0]) * lonScale) ** 2 + (a[1] - b[1]) ** 2
  const seeds: Pt[] = []
  while (seeds.length < count) {
    let best: Pt | undefined
    let bestD = -1
    for (let c = 0; c < 12; c++) {
      const s = rng.pick(samples)
      const d = seeds.reduce((m, q) => Math.min(m, d2(s, q)), Infinity)
      if (d > bestD) [best, bestD] = [s, d]
    }
    if (!best) throw new Error('no samples inside the polygon')
    seeds.push(best)
  }
  for (let it = 0; it < iterations; it++) {
    const sums = seeds.map(() => [0, 0, 0])
    const nearest = samples.map((s) => {
      let bi = 0
      let bd = d2(s, seeds[0] as Pt)
      for (let i = 0; i < seeds.length; i++) {
        const d = d2(s, seeds[i] as Pt)
        if (d < bd) [bi, bd] = [i, d]
      }
      const acc = sums[bi] as number[]
      acc[0] = (acc[0] ?? 0) + s[0]
      acc[1] = (acc[1] ?? 0) + s[1]
      acc[2] = (acc[2] ?? 0) + 1
      return bi
    })
    seeds.forEach((_, i) => {
      const [sx = 0, sy = 0, n = 0] = sums[i] ?? []
      if (n === 0) return
      const mean: Pt = [sx / n, sy / n]
      // a mean outside a concave parent falls back to its cluster's sample closest to it
      seeds[i] = inParts(mean, parts) ? mean : samples.filter((_, k) => nearest[k] === i).reduce((a, b) => (d2(a, mean) <= d2(b, mean) ? a : b))
    })
  }
  return seeds
}

/**
 * Voronoi cells of seeds, cut by the parent. Adjacent cells share their Voronoi edge vertex for vertex,
 * so the pieces meet exactly. A cell the parent's wiggles cut into several pieces keeps its largest and
 * hands each stray piece to the sibling it borders most, so every piece is one connected polygon.
 */
export function partition(parent: Parts, seeds: Pt[]): Parts[] {
  const [x0, y0, x1, y1] = bboxOf(parent)
  const m = Math.max(x1 - x0, y1 - y0)
  const cells = voronoi(featureCollection(seeds.map((s) => point([s[0] * lonScale, s[1]]))), {
    bbox: [(x0 - m) * lonScale, y0 - m, (x1 + m) * lonScale, y1 + m],
  })
  const parentPoly = featureCollection([{ type: 'Feature' as const, properties: {}, geometry: geometryOf(parent) }])
  const prepared = prepareParent(parent)
  const pieces: Parts[] = cells.features.map((cell, i) => {
    if (!cell) throw new Error(`duplicate seed ${i}`)
    const unprojected = polygon(cell.geometry.coordinates.map((r) => r.map((p) => [(p[0] ?? 0) / lonScale, p[1] ?? 0])))
    // the cells are convex: clipped directly unless the shapes need polyclip's exact arithmetic
    const quick = prepared && clipConvex(partsOf(unprojected.geometry)[0]?.[0] ?? [], prepared)
    if (quick) return quick
    const cut = intersect(featureCollection([unprojected, ...parentPoly.features]))
    return cut ? partsOf(cut.geometry) : []
  })
  const strays: { owner: number; part: Ring[] }[] = []
  const mains: Parts[] = pieces.map((parts, owner) => {
    const sorted = parts.slice().sort((a, b) => partsArea([b]) - partsArea([a]))
    for (const part of sorted.slice(1)) strays.push({ owner, part })
    return sorted.slice(0, 1)
  })
  for (const { owner, part } of strays) {
    const target = longestBorder(part, mains, owner)
    const merged = target === undefined ? null : mergeInto(mains[target] ?? [], part)
    if (target !== undefined && merged) mains[target] = merged
    else mains[owner]?.push(part)
  }
  mains.forEach((m, i) => {
    if (m.length === 0) throw new Error(`seed ${i} lies outside its parent`)
  })
  return mains
}

function longestBorder(part: Ring[], mains: Parts[], owner: number): number | undefined {
  const outer = part[0] ?? []
  const shared = new Map<number, number>()
  for (let i = 0; i + 1 < outer.length; i++) {
    const a = outer[i] as Pt
    const b = outer[i + 1] as Pt
    const mid: Pt = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
    mains.forEach((m, j) => {
      if (j !== owner && distanceToEdges(mid, m) < 0.01) shared.set(j, (shared.get(j) ?? 0) + metres(a, b))
    })
  }
  let best: number | undefined
  for (const [j, len] of shared) if (best === undefined || len > (shared.get(best) ?? 0)) best = j
  return best
}

function mergeInto(main: Parts, part: Ring[]): Parts | null {
  // the stray and its neighbour share their Voronoi edge vertex for vertex: joined without polyclip where possible
  const quick = unionTouching(main, [part])
  if (quick) return quick
  const a = { type: 'Feature' as const, properties: {}, geometry: geometryOf(main) }
  const b = { type: 'Feature' as const, properties: {}, geometry: geometryOf([part]) }
  const u = union(featureCollection([a, b]))
  if (!u) return null
  const parts = partsOf(u.geometry)
  return parts.length === main.length ? parts : null
}
