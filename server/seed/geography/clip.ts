import { type Parts, type Pt, type Ring, inRing } from './planar'

/**
 * A convex polygon (a Voronoi cell) cut by a parent polygon, with the result turf's `intersect`
 * (polyclip-ts) gives, coordinate for coordinate, at a fraction of its cost: polyclip sweeps every
 * edge of the parent in BigNumber arithmetic, and the partitions cut one parent into tens of cells.
 *
 * The result is made the way polyclip makes it: a crossing point by polyclip's own formula in the
 * same decimal arithmetic (inputs read as their shortest decimal, divisions rounded to 20 places
 * half up, like bignumber.js's defaults), every ring counter-clockwise from its lowest left vertex,
 * pieces in that vertex's order. Wherever polyclip's exact arithmetic could decide differently from
 * floating point (a vertex on or next to an edge, a hole, a vertex that is nearly collinear, which
 * polyclip would drop), this gives up and returns null; the caller then asks turf.
 */
export function clipConvex(cell: Ring, parent: PreparedParent): Parts | null {
  const c = openRing(cell)
  if (c.length < 3) return null
  if (signedArea(c) < 0) c.reverse()
  for (let i = 0; i < c.length; i++) {
    if (degenerate(c[(i + c.length - 1) % c.length] as Pt, c[i] as Pt, c[(i + 1) % c.length] as Pt) !== 1) return null
  }
  return overlay(c, parent, true, true)
}

/**
 * clipConvex's method for any simple ring (the hills' blobs): its intersection with the parent, or
 * with `inside` false their union. Null where clipConvex would give up, or when the ring is not simple.
 */
export function overlaySimple(ring: Ring, parent: PreparedParent, inside: boolean): Parts | null {
  const c = openRing(ring)
  if (c.length < 3 || !simple(c)) return null
  if (signedArea(c) < 0) c.reverse()
  return overlay(c, parent, inside, false)
}

/** No two edges of the ring meet but neighbours at their shared end, as far as floating point can tell. */
export function simple(r: Pt[]): boolean {
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as Pt
    const b = r[(i + 1) % r.length] as Pt
    for (let j = i + 1; j < r.length; j++) {
      const c = r[j] as Pt
      const d = r[(j + 1) % r.length] as Pt
      if (Math.max(c[0], d[0]) < Math.min(a[0], b[0]) - slack || Math.min(c[0], d[0]) > Math.max(a[0], b[0]) + slack) continue
      if (Math.max(c[1], d[1]) < Math.min(a[1], b[1]) - slack || Math.min(c[1], d[1]) > Math.max(a[1], b[1]) + slack) continue
      const neighbours = j === i + 1 || (i === 0 && j === r.length - 1)
      if (neighbours) {
        const [o, u, v] = j === i + 1 ? [b, a, d] : [a, b, c]
        if ((u[0] - o[0]) * (v[0] - o[0]) + (u[1] - o[1]) * (v[1] - o[1]) > 0 && degenerate(o, u, v) === 0) return false
        continue
      }
      const o1 = degenerate(a, b, c)
      const o2 = degenerate(a, b, d)
      const o3 = degenerate(c, d, a)
      const o4 = degenerate(c, d, b)
      if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0 || (o1 !== o2 && o3 !== o4)) return false
    }
  }
  return true
}

/**
 * The ring c (counter-clockwise, simple) overlaid on the parent: where `inside`, their intersection
 * (each boundary's stretches inside the other), else their union (the stretches outside).
 */
function overlay(c: Pt[], parent: PreparedParent, inside: boolean, convex: boolean): Parts | null {
  const [cx0, cy0, cx1, cy1] = boxOf(c)
  const crossings: Crossing[] = []
  for (let r = 0; r < parent.rings.length; r++) {
    const p = parent.rings[r] as Pt[]
    const box = parent.boxes[r] as Box
    if (box[2] < cx0 - slack || box[0] > cx1 + slack || box[3] < cy0 - slack || box[1] > cy1 + slack) continue
    // the parent's edges near the cell at all, in order
    const near: number[] = []
    for (let j = 0; j < p.length; j++) {
      const d = p[j] as Pt
      const e = p[(j + 1) % p.length] as Pt
      if (Math.max(d[0], e[0]) >= cx0 - slack && Math.min(d[0], e[0]) <= cx1 + slack && Math.max(d[1], e[1]) >= cy0 - slack && Math.min(d[1], e[1]) <= cy1 + slack) near.push(j)
    }
    for (let i = 0; i < c.length; i++) {
      const a = c[i] as Pt
      const b = c[(i + 1) % c.length] as Pt
      const ex0 = Math.min(a[0], b[0]) - slack
      const ex1 = Math.max(a[0], b[0]) + slack
      const ey0 = Math.min(a[1], b[1]) - slack
      const ey1 = Math.max(a[1], b[1]) + slack
      for (const j of near) {
        const d = p[j] as Pt
        const e = p[(j + 1) % p.length] as Pt
        if (Math.max(d[0], e[0]) < ex0 || Math.min(d[0], e[0]) > ex1 || Math.max(d[1], e[1]) < ey0 || Math.min(d[1], e[1]) > ey1) continue
        const o1 = degenerate(a, b, d)
        const o2 = degenerate(a, b, e)
        const o3 = degenerate(d, e, a)
        const o4 = degenerate(d, e, b)
        if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return null
        if (o1 === o2 || o3 === o4) continue
        const at = crossingPoint(a, b, d, e)
        if (!at) return null
        crossings.push({ at, edge: i, t: along(a, b, at), ring: r, pEdge: j, u: along(d, e, at), entry: o2 > 0, pNext: -1, cNext: -1, done: false })
      }
    }
  }

  const out: Ring[] = []
  const computed = new Set(crossings.map((x) => x.at))
  if (crossings.length > 0) {
    const byParent = crossings.map((_, k) => k).sort((k, l) => order(crossings, k, l, 'ring', 'pEdge', 'u'))
    const byCell = crossings.map((_, k) => k).sort((k, l) => order(crossings, k, l, 'ring', 'edge', 't', true))
    if (!link(crossings, byParent, 'pNext', 'ring', 'pEdge', 'u') || !link(crossings, byCell, 'cNext', null, 'edge', 't')) return null
    // an intersection follows the parent from where it enters the cell, a union from where it leaves
    for (const start of crossings) {
      if (start.entry !== inside || start.done) continue
      const ring: Pt[] = []
      let cur = start
      do {
        const exit = crossings[cur.pNext] as Crossing
        if (cur.entry !== inside || exit.entry === inside || exit.ring !== cur.ring) return null
        cur.done = true
        exit.done = true
        ring.push(cur.at)
        walk(parent.rings[cur.ring] as Pt[], cur.pEdge, cur.u, exit.pEdge, exit.u, ring)
        ring.push(exit.at)
        const next = crossings[exit.cNext] as Crossing
        walk(c, exit.edge, exit.t, next.edge, next.t, ring)
        cur = next
      } while (cur !== start)
      out.push(ring)
    }
  }
  // rings no edge crosses: a parent part inside the cell, or the cell inside a parent part
  const crossed = new Set(crossings.map((x) => x.ring))
  let cellInside = false
  for (let r = 0; r < parent.rings.length; r++) {
    if (crossed.has(r)) continue
    const p = parent.rings[r] as Pt[]
    // (the general test is safe: a vertex near the cell's edges made the crossing search give up)
    const side = convex ? insideConvex(c, p[0] as Pt) : inRing(p[0] as Pt, c) ? 1 : -1
    if (side === 0) return null
    if (side > 0 === inside) out.push(p)
    if (side < 0 && crossings.length === 0 && inRing(c[0] as Pt, p)) cellInside = true
  }
  if (cellInside === inside && (inside || crossings.length === 0)) out.push(c)

  const normalised: { ring: Ring; first: Pt }[] = []
  for (const ring of out) {
    const start = lowestLeft(ring, computed)
    if (start < 0 || signedArea(ring) <= 0) return null
    for (let i = 0; i < ring.length; i++) {
      if (degenerate(ring[(i + ring.length - 1) % ring.length] as Pt, ring[i] as Pt, ring[(i + 1) % ring.length] as Pt) === 0) return null
    }
    const rotated = [...ring.slice(start), ...ring.slice(0, start)]
    normalised.push({ ring: [...rotated, rotated[0] as Pt], first: rotated[0] as Pt })
  }
  normalised.sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1])
  return normalised.map(({ ring }) => [ring])
}

type Box = [number, number, number, number]

/** A parent's rings, open and counter-clockwise, with their boxes: made once for all its cells. */
export interface PreparedParent {
  rings: Pt[][]
  boxes: Box[]
}

/** Null when the parent has holes, which the convex clip does not handle. */
export function prepareParent(parts: Parts): PreparedParent | null {
  const rings: Pt[][] = []
  for (const part of parts) {
    const [outer] = part
    if (part.length !== 1 || !outer) return null
    const r = openRing(outer)
    if (r.length < 3) return null
    if (signedArea(r) < 0) r.reverse()
    rings.push(r)
  }
  return { rings, boxes: rings.map(boxOf) }
}

interface Crossing {
  at: Pt
  /** the cell's edge and how far along it, 0–1 */
  edge: number
  t: number
  /** the parent's ring, its edge and how far along it */
  ring: number
  pEdge: number
  u: number
  /** the parent's boundary enters the cell here (it leaves where false) */
  entry: boolean
  pNext: number
  cNext: number
  done: boolean
}

/** Box margin for edge pairs worth a closer look: far above rounding, far below any edge here. */
const slack = 1e-9

/** Drop repeated vertices and the closing one, as polyclip reads a ring. */
function openRing(ring: Ring): Pt[] {
  const out: Pt[] = []
  for (const p of ring) {
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  const first = out[0]
  const last = out[out.length - 1]
  if (first && last && out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop()
  return out
}

function signedArea(r: Pt[]): number {
  let s = 0
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as Pt
    const b = r[(i + 1) % r.length] as Pt
    s += (a[0] - b[0]) * (a[1] + b[1])
  }
  return s / 2
}

function boxOf(r: Pt[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of r) {
    b[0] = Math.min(b[0], x)
    b[1] = Math.min(b[1], y)
    b[2] = Math.max(b[2], x)
    b[3] = Math.max(b[3], y)
  }
  return b
}

/**
 * The side of line a→b that p lies on (1 left, −1 right), or 0 when it is too close to call: polyclip
 * decides on the decimal values of the inputs, which differ from the binary ones by half an ulp.
 */
function degenerate(a: Pt, b: Pt, p: Pt): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const px = p[0] - a[0]
  const py = p[1] - a[1]
  const o = dx * py - dy * px
  const l1 = Math.abs(dx) + Math.abs(dy)
  const l2 = Math.abs(px) + Math.abs(py)
  if (Math.abs(o) <= 1e-9 * l1 * l2 + 1e-12 * (l1 + l2)) return 0
  return o > 0 ? 1 : -1
}

function along(a: Pt, b: Pt, p: Pt): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  return ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)
}

function order(xs: Crossing[], k: number, l: number, group: 'ring', edge: 'pEdge' | 'edge', at: 'u' | 't', ignoreGroup = false): number {
  const a = xs[k] as Crossing
  const b = xs[l] as Crossing
  return (ignoreGroup ? 0 : a[group] - b[group]) || a[edge] - b[edge] || a[at] - b[at]
}

/**
 * Each crossing's successor along a boundary (cyclic within a ring); false when two crossings on
 * one edge are too close to order, or entries and exits do not alternate.
 */
function link(xs: Crossing[], sorted: number[], next: 'pNext' | 'cNext', group: 'ring' | null, edge: 'pEdge' | 'edge', at: 'u' | 't'): boolean {
  let from = 0
  while (from < sorted.length) {
    let to = from + 1
    const g = group ? (xs[sorted[from] as number] as Crossing)[group] : 0
    while (to < sorted.length && (group ? (xs[sorted[to] as number] as Crossing)[group] : 0) === g) to++
    for (let k = from; k < to; k++) {
      const a = xs[sorted[k] as number] as Crossing
      const b = xs[sorted[k + 1 < to ? k + 1 : from] as number] as Crossing
      if (a[edge] === b[edge] && a !== b && Math.abs(a[at] - b[at]) < 1e-9) return false
      if (a.entry === b.entry) return false
      a[next] = sorted[k + 1 < to ? k + 1 : from] as number
    }
    from = to
  }
  return true
}

/** The vertices of ring r passed going forward from (edge i, at t) to (edge j, at u). */
function walk(r: Pt[], i: number, t: number, j: number, u: number, out: Pt[]): void {
  if (i === j && u > t) return
  for (let k = (i + 1) % r.length; ; k = (k + 1) % r.length) {
    out.push(r[k] as Pt)
    if (k === j) return
  }
}

/** 1 inside, −1 outside, 0 too close to an edge to tell. */
function insideConvex(c: Pt[], p: Pt): number {
  let inside = 1
  for (let i = 0; i < c.length; i++) {
    const s = degenerate(c[i] as Pt, c[(i + 1) % c.length] as Pt, p)
    if (s === 0) return 0
    if (s < 0) inside = -1
  }
  return inside
}

/**
 * Where polyclip's sweep starts a ring: its least x, then least y. −1 when a computed point ties on x:
 * polyclip compares its decimal value, not the double it becomes.
 */
function lowestLeft(r: Pt[], computed: Set<Pt>): number {
  let best = 0
  for (let i = 1; i < r.length; i++) {
    const p = r[i] as Pt
    const q = r[best] as Pt
    if (p[0] < q[0] || (p[0] === q[0] && p[1] < q[1])) best = i
  }
  const b = r[best] as Pt
  return r.some((p, i) => i !== best && p[0] === b[0] && (computed.has(p) || computed.has(b))) ? -1 : best
}

/** A decimal number: mantissa × 10^−scale. */
interface Dec {
  m: bigint
  scale: number
}

function dec(x: number): Dec | null {
  const s = String(x)
  if (s.includes('e')) return null
  const dot = s.indexOf('.')
  return dot < 0 ? { m: BigInt(s), scale: 0 } : { m: BigInt(s.slice(0, dot) + s.slice(dot + 1)), scale: s.length - dot - 1 }
}

const tenTo = (n: number): bigint => 10n ** BigInt(n)
const places = 20
const shift = tenTo(places)

/** a / b rounded to 20 decimal places, half away from zero (bignumber.js's DECIMAL_PLACES and ROUND_HALF_UP). */
function div20(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n
  const n = (a < 0n ? -a : a) * shift
  const d = b < 0n ? -b : b
  let q = n / d
  if ((n % d) * 2n >= d) q += 1n
  return negative ? -q : q
}

function toNumber(m: bigint, scale: number): number {
  const negative = m < 0n
  const digits = (negative ? -m : m).toString().padStart(scale + 1, '0')
  return Number(`${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale) || '0'}`)
}

/**
 * Where segments a–b and c–d cross, computed as polyclip-ts's `intersection` computes it: each
 * segment from its sweep-order left end, special cases for vertical and horizontal ones first,
 * otherwise the mean of the point found along each segment.
 */
function crossingPoint(a: Pt, b: Pt, c: Pt, d: Pt): Pt | null {
  const left = (p: Pt, q: Pt): [Pt, Pt] => (p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]) ? [p, q] : [q, p])
  const [l1, r1] = left(a, b)
  const [l2, r2] = left(c, d)
  const ds: Dec[] = []
  for (const v of [l1[0], l1[1], r1[0], r1[1], l2[0], l2[1], r2[0], r2[1]]) {
    const x = dec(v)
    if (!x) return null
    ds.push(x)
  }
  const scale = Math.max(...ds.map((x) => x.scale))
  const [p1x, p1y, q1x, q1y, p2x, p2y, q2x, q2y] = ds.map((x) => x.m * tenTo(scale - x.scale)) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
  const v1x = q1x - p1x
  const v1y = q1y - p1y
  const v2x = q2x - p2x
  const v2y = q2y - p2y
  // verticalIntersection(pt, v, x) and horizontalIntersection(pt, v, y): exact but for one division
  const vertical = (px: bigint, py: bigint, vx: bigint, vy: bigint, x: bigint): Pt | null =>
    vx === 0n ? null : [toNumber(x, scale), toNumber(py * shift + div20(vy, vx) * (x - px), scale + places)]
  const horizontal = (px: bigint, py: bigint, vx: bigint, vy: bigint, y: bigint): Pt | null =>
    vy === 0n ? null : [toNumber(px * shift + div20(vx, vy) * (y - py), scale + places), toNumber(y, scale)]
  let p: Pt | null
  if (v1x === 0n) p = vertical(p2x, p2y, v2x, v2y, p1x)
  else if (v2x === 0n) p = vertical(p1x, p1y, v1x, v1y, p2x)
  else if (v1y === 0n) p = horizontal(p2x, p2y, v2x, v2y, p1y)
  else if (v2y === 0n) p = horizontal(p1x, p1y, v1x, v1y, p2y)
  else {
    const kross = v1x * v2y - v1y * v2x
    if (kross === 0n) return null
    const ex = p2x - p1x
    const ey = p2y - p1y
    const d1 = div20(ex * v1y - ey * v1x, kross)
    const d2 = div20(ex * v2y - ey * v2x, kross)
    const half = 2n * tenTo(scale)
    const x = div20(p1x * shift + d2 * v1x + p2x * shift + d1 * v2x, half * shift)
    const y = div20(p1y * shift + d2 * v1y + p2y * shift + d1 * v2y, half * shift)
    p = [toNumber(x, places), toNumber(y, places)]
  }
  if (!p) return null
  // polyclip drops a crossing outside both segments' boxes; so close to a vertex, it is left to turf
  const inBox = (q: Pt, s: Pt, t: Pt): boolean => q[0] >= Math.min(s[0], t[0]) && q[0] <= Math.max(s[0], t[0]) && q[1] >= Math.min(s[1], t[1]) && q[1] <= Math.max(s[1], t[1])
  return inBox(p, a, b) && inBox(p, c, d) ? p : null
}

/**
 * The county outline cleaned as turf's `intersect` with a box around it cleans it (polyclip-ts: the
 * ring's repeated vertices, back-tracking spikes and overlaps cancel, collinear vertices go), for a
 * ring on a binary grid fine enough that floating point decides every orientation exactly, as
 * polyclip's decimals do, and that only touches itself: null for anything else (a crossing, a pinch,
 * a ring leaving the box, a coordinate off the grid), which the caller hands to turf.
 */
export function cleanWithin(ring: Ring, box: [number, number, number, number]): Parts | null {
  const pts = openRing(ring)
  const n = pts.length
  if (n < 3 || !pts.every(([x, y]) => x > box[0] && x < box[2] && y > box[1] && y < box[3]) || !exactlyOrientable(pts)) return null
  const keyOf = (p: Pt): string => `${p[0]},${p[1]}`

  // vertices lying inside another segment split it there (where polyclip's sweep splits it)
  const splits: Pt[][] = pts.map(() => [])
  const [x0, y0, x1, y1] = boxOf(pts)
  let total = 0
  for (let i = 0; i < n; i++) {
    const a = pts[i] as Pt
    const b = pts[(i + 1) % n] as Pt
    total += Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1])
  }
  const size = Math.max((4 * total) / n, (x1 - x0 + y1 - y0) / 4096)
  const cells = new Map<number, number[]>()
  const columns = Math.floor((x1 - x0) / size) + 1
  for (let i = 0; i < n; i++) {
    const a = pts[i] as Pt
    const b = pts[(i + 1) % n] as Pt
    for (let cx = Math.floor((Math.min(a[0], b[0]) - x0) / size); cx <= Math.floor((Math.max(a[0], b[0]) - x0) / size); cx++) {
      for (let cy = Math.floor((Math.min(a[1], b[1]) - y0) / size); cy <= Math.floor((Math.max(a[1], b[1]) - y0) / size); cy++) {
        const list = cells.get(cy * columns + cx)
        if (list) list.push(i)
        else cells.set(cy * columns + cx, [i])
      }
    }
  }
  const tested = new Set<number>()
  for (const list of cells.values()) {
    for (let s = 0; s < list.length; s++) {
      for (let t = s + 1; t < list.length; t++) {
        const i = Math.min(list[s] as number, list[t] as number)
        const j = Math.max(list[s] as number, list[t] as number)
        if (tested.has(i * n + j)) continue
        tested.add(i * n + j)
        const a = pts[i] as Pt
        const b = pts[(i + 1) % n] as Pt
        const c = pts[j] as Pt
        const d = pts[(j + 1) % n] as Pt
        const o1 = exactSide(a, b, c)
        const o2 = exactSide(a, b, d)
        const o3 = exactSide(c, d, a)
        const o4 = exactSide(c, d, b)
        if (o1 * o2 < 0 && o3 * o4 < 0) return null
        if (o1 === 0 && strictlyBetween(a, b, c)) splits[i]?.push(c)
        if (o2 === 0 && strictlyBetween(a, b, d)) splits[i]?.push(d)
        if (o3 === 0 && strictlyBetween(c, d, a)) splits[j]?.push(a)
        if (o4 === 0 && strictlyBetween(c, d, b)) splits[j]?.push(b)
      }
    }
  }

  // each piece counted with its direction: a piece run both ways (a spike, an overlap) cancels
  const net = new Map<string, { from: Pt; to: Pt; count: number }>()
  for (let i = 0; i < n; i++) {
    const a = pts[i] as Pt
    const b = pts[(i + 1) % n] as Pt
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const along = [a, ...(splits[i] ?? []).sort((p, q) => (p[0] - q[0]) * dx + (p[1] - q[1]) * dy), b]
    for (let k = 0; k + 1 < along.length; k++) {
      const p = along[k] as Pt
      const q = along[k + 1] as Pt
      if (p[0] === q[0] && p[1] === q[1]) continue
      const forward = p[0] < q[0] || (p[0] === q[0] && p[1] < q[1])
      const [lo, hi] = forward ? [p, q] : [q, p]
      const key = `${keyOf(lo)};${keyOf(hi)}`
      const entry = net.get(key) ?? { from: lo, to: hi, count: 0 }
      entry.count += forward ? 1 : -1
      net.set(key, entry)
    }
  }
  const next = new Map<string, Pt>()
  let incoming = 0
  for (const { from, to, count } of net.values()) {
    if (count === 0) continue
    if (Math.abs(count) > 1) return null
    const [p, q] = count > 0 ? [from, to] : [to, from]
    if (next.has(keyOf(p))) return null
    next.set(keyOf(p), q)
    incoming++
  }
  // one simple cycle through every remaining piece, started where polyclip's sweep starts it
  let start: Pt | undefined
  for (const q of next.values()) if (!start || q[0] < start[0] || (q[0] === start[0] && q[1] < start[1])) start = q
  if (!start) return null
  const cycle: Pt[] = [start]
  for (let p = next.get(keyOf(start)); p && !(p[0] === start[0] && p[1] === start[1]); p = next.get(keyOf(p))) {
    cycle.push(p)
    if (cycle.length > incoming) return null
  }
  if (cycle.length !== incoming) return null
  if (signedArea(cycle) < 0) cycle.splice(1, cycle.length - 1, ...cycle.slice(1).reverse())

  // RingOut.getGeom: one pass dropping vertices collinear with the last kept one and the next
  const events = [...cycle, start]
  let prev = start
  const points: Pt[] = [start]
  for (let i = 1; i + 1 < events.length; i++) {
    const p = events[i] as Pt
    if (exactSide(prev, p, events[i + 1] as Pt) === 0) continue
    points.push(p)
    prev = p
  }
  if (points.length < 3) return null
  if (exactSide(prev, points[0] as Pt, points[1] as Pt) === 0) points.shift()
  return [[[...points, points[0] as Pt]]]
}

/** Largest power-of-two grid the outline data can sit on for exactSide to stay exact. */
const finestGrid = 2 ** 20

/**
 * Whether every coordinate is a multiple of 2^−k (k ≤ 20) whose shortest decimal, the value polyclip
 * reads, is exact, and the ring small enough on that grid for orientation products to be exact doubles.
 */
function exactlyOrientable(pts: Pt[]): boolean {
  let grid = 1
  while (grid <= finestGrid && !pts.every(([x, y]) => Number.isInteger(x * grid) && Number.isInteger(y * grid))) grid *= 2
  if (grid > finestGrid) return false
  const [x0, y0, x1, y1] = boxOf(pts)
  const span = Math.max(x1 - x0, y1 - y0) * grid
  if (2 * span * span >= 2 ** 53) return false
  const g = BigInt(grid)
  return pts.every((p) =>
    p.every((v) => {
      const d = dec(v)
      return d !== null && d.m * g === BigInt(v * grid) * tenTo(d.scale)
    }),
  )
}

/** The exact side of line a→b that p lies on, for points exactlyOrientable has vouched for. */
function exactSide(a: Pt, b: Pt, p: Pt): number {
  return Math.sign((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]))
}

/** p (on the line through a and b) lies strictly between them. */
function strictlyBetween(a: Pt, b: Pt, p: Pt): boolean {
  const t = (p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])
  return t > 0 && t < (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2
}

/**
 * Two polygons that meet along a shared stretch of boundary, run through the very same vertices (a
 * partition's stray piece and the neighbour it joins), united as turf's `union` unites them: the shared
 * edges cancel and the rest is one ring, counter-clockwise from its lowest left vertex, vertices
 * collinear in polyclip's exact arithmetic dropped. Null for anything else (holes, several parts, edges
 * that cross or nearly touch, a pinch), which the caller hands to turf.
 */
export function unionTouching(a: Parts, b: Parts): Parts | null {
  const [pa] = a
  const [pb] = b
  const [ra] = pa ?? []
  const [rb] = pb ?? []
  if (a.length !== 1 || b.length !== 1 || pa?.length !== 1 || pb?.length !== 1 || !ra || !rb) return null
  const rings = [openRing(ra), openRing(rb)]
  for (const r of rings) {
    if (r.length < 3) return null
    if (signedArea(r) < 0) r.reverse()
  }
  const [ringA, ringB] = rings as [Pt[], Pt[]]
  const same = (p: Pt, q: Pt): boolean => p[0] === q[0] && p[1] === q[1]

  // edges of the two that come near each other must be the same edge, or meet only end to end
  const [bx0, by0, bx1, by1] = boxOf(ringB)
  for (let i = 0; i < ringA.length; i++) {
    const p = ringA[i] as Pt
    const q = ringA[(i + 1) % ringA.length] as Pt
    if (Math.max(p[0], q[0]) < bx0 - slack || Math.min(p[0], q[0]) > bx1 + slack || Math.max(p[1], q[1]) < by0 - slack || Math.min(p[1], q[1]) > by1 + slack) continue
    for (let j = 0; j < ringB.length; j++) {
      const r = ringB[j] as Pt
      const s = ringB[(j + 1) % ringB.length] as Pt
      if (Math.max(r[0], s[0]) < Math.min(p[0], q[0]) - slack || Math.min(r[0], s[0]) > Math.max(p[0], q[0]) + slack) continue
      if (Math.max(r[1], s[1]) < Math.min(p[1], q[1]) - slack || Math.min(r[1], s[1]) > Math.max(p[1], q[1]) + slack) continue
      if ((same(p, s) && same(q, r)) || (same(p, r) && same(q, s))) continue
      const shared = same(p, r) ? [p, q, s] : same(p, s) ? [p, q, r] : same(q, r) ? [q, p, s] : same(q, s) ? [q, p, r] : null
      if (shared) {
        // end to end: polyclip leaves them apart unless the two run on along one line
        const [o, u, v] = shared as [Pt, Pt, Pt]
        if ((u[0] - o[0]) * (v[0] - o[0]) + (u[1] - o[1]) * (v[1] - o[1]) > 0 && degenerate(o, u, v) === 0) return null
        continue
      }
      const o1 = degenerate(p, q, r)
      const o2 = degenerate(p, q, s)
      const o3 = degenerate(r, s, p)
      const o4 = degenerate(r, s, q)
      if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0 || (o1 !== o2 && o3 !== o4)) return null
    }
  }

  // every edge run both ways (once by each) cancels; the rest must chain into one ring
  const keyOf = (p: Pt): string => `${p[0]},${p[1]}`
  const edges = new Map<string, Pt>()
  for (const r of rings) {
    for (let i = 0; i < r.length; i++) {
      const p = r[i] as Pt
      const q = r[(i + 1) % r.length] as Pt
      const back = `${keyOf(q)};${keyOf(p)}`
      if (edges.has(back)) edges.delete(back)
      else if (edges.has(`${keyOf(p)};${keyOf(q)}`)) return null
      else edges.set(`${keyOf(p)};${keyOf(q)}`, q)
    }
  }
  const next = new Map<string, Pt>()
  let start: Pt | undefined
  for (const [key, q] of edges) {
    const from = key.slice(0, key.indexOf(';'))
    if (next.has(from)) return null
    next.set(from, q)
    if (!start || q[0] < start[0] || (q[0] === start[0] && q[1] < start[1])) start = q
  }
  if (!start) return null
  const cycle: Pt[] = [start]
  for (let p = next.get(keyOf(start)); p && !same(p, start); p = next.get(keyOf(p))) {
    cycle.push(p)
    if (cycle.length > next.size) return null
  }
  if (cycle.length !== next.size || signedArea(cycle) <= 0) return null

  // RingOut.getGeom's pass, deciding near-collinear vertices exactly (where the boundary changes hands)
  const collinear = (p: Pt, q: Pt, r: Pt): boolean | null => (degenerate(p, q, r) !== 0 ? false : exactOrient(p, q, r) === 0)
  const events = [...cycle, start]
  let prev = start
  const points: Pt[] = [start]
  for (let i = 1; i + 1 < events.length; i++) {
    const p = events[i] as Pt
    const flat = collinear(prev, p, events[i + 1] as Pt)
    if (flat === null) return null
    if (flat) continue
    points.push(p)
    prev = p
  }
  if (points.length < 3) return null
  const flatStart = collinear(prev, points[0] as Pt, points[1] as Pt)
  if (flatStart === null) return null
  if (flatStart) points.shift()
  return [[[...points, points[0] as Pt]]]
}

/** The sign of the orientation of a, b, c on the decimal values polyclip reads; null if one has none. */
function exactOrient(a: Pt, b: Pt, c: Pt): number | null {
  const ds: Dec[] = []
  for (const v of [a[0], a[1], b[0], b[1], c[0], c[1]]) {
    const x = dec(v)
    if (!x) return null
    ds.push(x)
  }
  const scale = Math.max(...ds.map((x) => x.scale))
  const [ax, ay, bx, by, cx, cy] = ds.map((x) => x.m * tenTo(scale - x.scale)) as [bigint, bigint, bigint, bigint, bigint, bigint]
  const o = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
  return o === 0n ? 0 : o > 0n ? 1 : -1
}
