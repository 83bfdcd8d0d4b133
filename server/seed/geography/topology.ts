import type { Parts, Pt, Ring } from './planar'

/**
 * Exact topology on a grid of 1e-6° (≈ 0.1 m), the precision of the output. Coordinates are
 * integers here, so "the same vertex" means equal numbers and edge bookkeeping is exact.
 */
export type IPt = [number, number]
export type IRing = IPt[] // open: the first vertex is not repeated
export type IParts = IRing[][]

const unit = 1e6
/** A rounded vertex lies within √2/2 units of where it was; a segment end moved as much. */
const snapTolerance = 2

export const key = (p: IPt): number => p[0] * 2 ** 26 + p[1]

export function cross(o: IPt, a: IPt, b: IPt): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

export function ringArea2(r: IRing): number {
  let s = 0
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as IPt
    const b = r[(i + 1) % r.length] as IPt
    s += a[0] * b[1] - b[0] * a[1]
  }
  return s
}

/** Drop repeated vertices and zero-width spikes (a→b→a, or b doubling back along a→b). */
export function cleanRing(ring: IRing): IRing {
  let r = ring.slice()
  for (let changed = true; changed && r.length >= 3; ) {
    changed = false
    const out: IRing = []
    for (const p of r) {
      const last = out[out.length - 1]
      if (last && last[0] === p[0] && last[1] === p[1]) continue
      out.push(p)
    }
    while (out.length > 1 && out[0]?.[0] === out[out.length - 1]?.[0] && out[0]?.[1] === out[out.length - 1]?.[1]) out.pop()
    for (let i = 0; i < out.length && out.length >= 3; i++) {
      const a = out[(i + out.length - 1) % out.length] as IPt
      const b = out[i] as IPt
      const c = out[(i + 1) % out.length] as IPt
      const backtracks = cross(a, b, c) === 0 && (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) <= 0
      if (backtracks) {
        out.splice(i, 1)
        changed = true
        i--
      }
    }
    r = out
  }
  return r.length >= 3 ? r : []
}

/** Round to the output grid, orient outer rings counter-clockwise and holes clockwise (RFC 7946). */
export function toGrid(parts: Parts): IParts {
  const out: IParts = []
  for (const rings of parts) {
    const rounded = rings.map((r) => cleanRing(r.slice(0, -1).map(([x, y]): IPt => [Math.round(x * unit), Math.round(y * unit)])))
    const [outer, ...holes] = rounded
    if (!outer || outer.length === 0) continue
    out.push([orient(outer, true), ...holes.filter((h) => h.length > 0).map((h) => orient(h, false))])
  }
  return out
}

function orient(r: IRing, ccw: boolean): IRing {
  return ringArea2(r) > 0 === ccw ? r : r.slice().reverse()
}

export function fromGrid(parts: IParts): Parts {
  return parts.map((rings) => rings.map((r): Ring => [...r, r[0] as IPt].map(([x, y]): Pt => [x / unit, y / unit])))
}

/**
 * Node every ring against every vertex of every geometry: a vertex lying on another ring's edge (within
 * the rounding error) is inserted into that edge. Afterwards, neighbours at all levels trace their shared
 * boundary through the very same vertices, so they neither overlap nor leave gaps.
 */
export function nodeAll(geoms: IParts[]): IParts[] {
  const cell = 1000
  const grid = new Map<number, IPt[]>()
  const seen = new Set<number>()
  for (const g of geoms) {
    for (const rings of g) {
      for (const r of rings) {
        for (const p of r) {
          const k = key(p)
          if (seen.has(k)) continue
          seen.add(k)
          const ck = Math.floor(p[0] / cell) * 1e6 + Math.floor(p[1] / cell)
          const list = grid.get(ck)
          if (list) list.push(p)
          else grid.set(ck, [p])
        }
      }
    }
  }
  const near = (a: IPt, b: IPt): IPt[] => {
    const cells = new Set<number>()
    const steps = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / (cell / 2)) + 1
    for (let s = 0; s <= steps; s++) {
      const cx = Math.floor((a[0] + ((b[0] - a[0]) * s) / steps) / cell)
      const cy = Math.floor((a[1] + ((b[1] - a[1]) * s) / steps) / cell)
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) cells.add((cx + dx) * 1e6 + cy + dy)
    }
    const out: IPt[] = []
    for (const c of cells) out.push(...(grid.get(c) ?? []))
    return out
  }
  return geoms.map((g) =>
    g.map((rings) =>
      rings.map((r) => {
        const out: IRing = []
        for (let i = 0; i < r.length; i++) {
          const a = r[i] as IPt
          const b = r[(i + 1) % r.length] as IPt
          out.push(a)
          const dx = b[0] - a[0]
          const dy = b[1] - a[1]
          const len2 = dx * dx + dy * dy
          const onEdge: { t: number; p: IPt }[] = []
          for (const p of near(a, b)) {
            const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2
            if (t <= 0 || t >= 1) continue
            const c = cross(a, b, p)
            if ((c * c) / len2 <= snapTolerance * snapTolerance) onEdge.push({ t, p })
          }
          onEdge.sort((u, v) => u.t - v.t || key(u.p) - key(v.p))
          for (const { p } of onEdge) out.push(p)
        }
        return cleanRing(out)
      }),
    ),
  )
}
