import { round6 } from './label'
import { type Parts, type Pt, lonScale, metres, partsLocator, segmentDistance } from './planar'
import type { Rng } from './random'

/**
 * A gently bent polyline from a to b: a quadratic curve whose control point sits off the straight
 * line by `bend` of its length, sampled every ~300 m. Straight rulers look machine-made on a map.
 */
export function curve(a: Pt, b: Pt, rng: Rng, bend = 0.08): Pt[] {
  const len = metres(a, b)
  const n = Math.max(3, Math.min(40, Math.round(len / 300)))
  const side = rng.range(-bend, bend)
  const mx = (a[0] + b[0]) / 2
  const my = (a[1] + b[1]) / 2
  // the perpendicular, computed on the local plane so the bend is the same in every direction
  const px = -(b[1] - a[1]) / lonScale
  const py = (b[0] - a[0]) * lonScale
  const c: Pt = [mx + px * side, my + py * side]
  const out: Pt[] = []
  for (let i = 0; i <= n; i++) {
    const t = i / n
    const u = 1 - t
    out.push([u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]])
  }
  return out
}

/** Join polylines end to start, dropping the repeated joint. */
export function join(...pieces: Pt[][]): Pt[] {
  const out: Pt[] = []
  for (const piece of pieces) out.push(...(out.length > 0 ? piece.slice(1) : piece))
  return out
}

function segmentCrossing(a: Pt, b: Pt, c: Pt, d: Pt): number | null {
  const rx = b[0] - a[0]
  const ry = b[1] - a[1]
  const sx = d[0] - c[0]
  const sy = d[1] - c[1]
  const den = rx * sy - ry * sx
  if (den === 0) return null
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / den
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / den
  return t > 0 && t < 1 && u >= 0 && u <= 1 ? t : null
}

export function crosses(a: Pt, b: Pt, line: Pt[]): boolean {
  for (let i = 0; i + 1 < line.length; i++) if (segmentCrossing(a, b, line[i] as Pt, line[i + 1] as Pt) !== null) return true
  return false
}

/**
 * A parts' edges filed by longitude band, and its point test: clipping a polyline asks both for every
 * segment, so they are made once per parts (the same parts are clipped against many lines).
 */
interface Clipper {
  edges: [Pt, Pt][]
  x0: number
  width: number
  bands: number[][]
  inside: (p: Pt) => boolean
  /** per edge, the last query that looked at it: a band overlap visits an edge once */
  seen: Uint32Array
  query: number
}

const clippers = new WeakMap<Parts, Clipper>()

function clipperOf(parts: Parts): Clipper {
  const cached = clippers.get(parts)
  if (cached) return cached
  const edges: [Pt, Pt][] = []
  for (const rings of parts) for (const r of rings) for (let i = 0; i + 1 < r.length; i++) edges.push([r[i] as Pt, r[i + 1] as Pt])
  let x0 = Infinity
  let x1 = -Infinity
  for (const [c, d] of edges) {
    x0 = Math.min(x0, c[0], d[0])
    x1 = Math.max(x1, c[0], d[0])
  }
  const count = Math.max(1, Math.min(256, edges.length >> 2))
  const width = (x1 - x0) / count || 1
  const bands: number[][] = Array.from({ length: Math.floor((x1 - x0) / width) + 1 }, () => [])
  edges.forEach(([c, d], k) => {
    for (let b = Math.floor((Math.min(c[0], d[0]) - x0) / width); b <= Math.floor((Math.max(c[0], d[0]) - x0) / width); b++) bands[b]?.push(k)
  })
  const clipper: Clipper = { edges, x0, width, bands, inside: partsLocator(parts), seen: new Uint32Array(edges.length), query: 0 }
  clippers.set(parts, clipper)
  return clipper
}

/** The pieces of a polyline inside parts (split where it crosses the boundary). */
export function clipLine(line: Pt[], parts: Parts): Pt[][] {
  const clipper = clipperOf(parts)
  const { edges, x0, width, bands, seen } = clipper
  const pieces: Pt[][] = []
  let current: Pt[] = []
  const flush = (): void => {
    if (current.length >= 2) pieces.push(current)
    current = []
  }
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as Pt
    const b = line[i + 1] as Pt
    const ts = [0, 1]
    const [minx, maxx] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])]
    const [miny, maxy] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])]
    const query = ++clipper.query
    const first = Math.max(0, Math.floor((minx - x0) / width))
    const last = Math.min(bands.length - 1, Math.floor((maxx - x0) / width))
    for (let band = first; band <= last; band++) {
      for (const k of bands[band] ?? []) {
        if (seen[k] === query) continue
        seen[k] = query
        const [c, d] = edges[k] as [Pt, Pt]
        if (Math.max(c[0], d[0]) < minx || Math.min(c[0], d[0]) > maxx || Math.max(c[1], d[1]) < miny || Math.min(c[1], d[1]) > maxy) continue
        const t = segmentCrossing(a, b, c, d)
        if (t !== null) ts.push(t)
      }
    }
    ts.sort((x, y) => x - y)
    for (let k = 0; k + 1 < ts.length; k++) {
      const t0 = ts[k] as number
      const t1 = ts[k + 1] as number
      if (t1 - t0 < 1e-12) continue
      const at = (t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
      if (clipper.inside(at((t0 + t1) / 2))) {
        if (current.length === 0) current.push(at(t0))
        current.push(at(t1))
      } else flush()
    }
  }
  flush()
  return pieces
}

/** Round to the output precision and drop repeated points. */
export function roundLine(line: Pt[]): Pt[] {
  const out: Pt[] = []
  for (const [x, y] of line) {
    const p: Pt = [round6(x), round6(y)]
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  return out
}

export function lineLength(line: Pt[]): number {
  let m = 0
  for (let i = 0; i + 1 < line.length; i++) m += metres(line[i] as Pt, line[i + 1] as Pt)
  return m
}

/** The point `m` metres along a polyline, and the bearing of the segment it lies on. */
export function along(line: Pt[], m: number): { p: Pt; bearing: number } {
  let left = m
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as Pt
    const b = line[i + 1] as Pt
    const len = metres(a, b)
    if (left <= len || i + 2 === line.length) {
      const t = len === 0 ? 0 : Math.min(1, left / len)
      const bearing = (Math.atan2((b[0] - a[0]) * lonScale, b[1] - a[1]) * 180) / Math.PI
      return { p: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], bearing }
    }
    left -= len
  }
  const only = line[0] ?? [0, 0]
  return { p: only, bearing: 0 }
}

export function distanceToLine(p: Pt, line: Pt[]): number {
  let best = Infinity
  for (let i = 0; i + 1 < line.length; i++) best = Math.min(best, segmentDistance(p, line[i] as Pt, line[i + 1] as Pt))
  return best
}
