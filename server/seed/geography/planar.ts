import type { MultiPolygon, Polygon, Position } from 'geojson'

/** A longitude/latitude pair; tuples keep indexing total under noUncheckedIndexedAccess. */
export type Pt = [number, number]
export type Ring = Pt[]
/** Polygon parts, each an outer ring followed by its holes (rings closed, GeoJSON style). */
export type Parts = Ring[][]

/** Metres per degree of latitude; good to a fraction of a percent at Pingdu's latitude. */
export const metresPerDegree = 111_320
/** Pingdu lies around 36.8°N: one degree of longitude is this much shorter than one of latitude. */
export const lonScale = Math.cos((36.8 * Math.PI) / 180)

export const toPt = (p: Position): Pt => [p[0] ?? 0, p[1] ?? 0]
export const ringOf = (r: Position[]): Ring => r.map(toPt)

export function partsOf(g: Polygon | MultiPolygon): Parts {
  return g.type === 'Polygon' ? [g.coordinates.map(ringOf)] : g.coordinates.map((p) => p.map(ringOf))
}

export function geometryOf(parts: Parts): Polygon | MultiPolygon {
  const [only] = parts
  return parts.length === 1 && only ? { type: 'Polygon', coordinates: only } : { type: 'MultiPolygon', coordinates: parts }
}

/** Distance in metres on the local plane (errors below 0.5 % over a county). */
export function metres(a: Pt, b: Pt): number {
  return Math.hypot((a[0] - b[0]) * lonScale, a[1] - b[1]) * metresPerDegree
}

/** Planar ring area in square degrees of latitude; positive when counter-clockwise. */
export function ringArea(r: Ring): number {
  let s = 0
  for (let i = 0; i + 1 < r.length; i++) {
    const a = r[i] as Pt
    const b = r[i + 1] as Pt
    s += a[0] * lonScale * b[1] - b[0] * lonScale * a[1]
  }
  return s / 2
}

export function partsArea(parts: Parts): number {
  return parts.reduce((sum, rings) => sum + rings.reduce((s, r, i) => s + (i === 0 ? 1 : -1) * Math.abs(ringArea(r)), 0), 0)
}

export function inRing(p: Pt, r: Ring): boolean {
  let inside = false
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i] as Pt
    const b = r[j] as Pt
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

export function inParts(p: Pt, parts: Parts): boolean {
  return parts.some(([outer, ...holes]) => outer !== undefined && inRing(p, outer) && !holes.some((h) => inRing(p, h)))
}

/**
 * inParts for many points against the same parts, with the same answer: inRing's crossing test only
 * counts edges whose span in latitude holds the point's, so each ring's edges are filed by latitude band
 * and a point tests the edges of its own band, in the same arithmetic.
 */
export function partsLocator(parts: Parts): (p: Pt) => boolean {
  const rings = parts.map((rings) => rings.map(ringLocator))
  return (p) => rings.some(([outer, ...holes]) => outer !== undefined && outer(p) && !holes.some((h) => h(p)))
}

function ringLocator(r: Ring): (p: Pt) => boolean {
  let y0 = Infinity
  let y1 = -Infinity
  for (const [, y] of r) {
    y0 = Math.min(y0, y)
    y1 = Math.max(y1, y)
  }
  const count = Math.max(1, Math.min(256, r.length >> 2))
  const height = (y1 - y0) / count || 1
  const bandOf = (y: number): number => Math.floor((y - y0) / height)
  const bands: number[][] = Array.from({ length: bandOf(y1) + 1 }, () => [])
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = (r[i] as Pt)[1]
    const b = (r[j] as Pt)[1]
    for (let k = bandOf(Math.min(a, b)); k <= bandOf(Math.max(a, b)); k++) bands[k]?.push(i, j)
  }
  return (p) => {
    const band = bands[bandOf(p[1])]
    if (!band) return false
    let inside = false
    for (let k = 0; k < band.length; k += 2) {
      const a = r[band[k] as number] as Pt
      const b = r[band[k + 1] as number] as Pt
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
    }
    return inside
  }
}

/** Distance in metres from p to the nearest edge of any ring. */
export function distanceToEdges(p: Pt, parts: Parts): number {
  let best = Infinity
  for (const rings of parts) {
    for (const r of rings) {
      for (let i = 0; i + 1 < r.length; i++) best = Math.min(best, segmentDistance(p, r[i] as Pt, r[i + 1] as Pt))
    }
  }
  return best
}

export function segmentDistance(p: Pt, a: Pt, b: Pt): number {
  const ax = a[0] * lonScale
  const bx = b[0] * lonScale
  const px = p[0] * lonScale
  const dx = bx - ax
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (p[1] - a[1]) * dy) / len2))
  return Math.hypot(px - ax - t * dx, p[1] - a[1] - t * dy) * metresPerDegree
}

export function bboxOf(parts: Parts): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const rings of parts) {
    for (const [x, y] of rings[0] ?? []) {
      b[0] = Math.min(b[0], x)
      b[1] = Math.min(b[1], y)
      b[2] = Math.max(b[2], x)
      b[3] = Math.max(b[3], y)
    }
  }
  return b
}
