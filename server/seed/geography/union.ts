import { type IParts, type IPt, type IRing, key, ringArea2 } from './topology'

/**
 * Union of polygons that share edges exactly (after nodeAll): every edge traversed both ways is
 * interior and cancels; what remains is chained back into rings. Exact, unlike a general clipper,
 * so the union's boundary is made of its members' own edges.
 */
export function unionByEdges(members: IParts[]): IParts {
  const count = new Map<string, number>()
  const edgeKey = (a: IPt, b: IPt): string => `${a[0]},${a[1]},${b[0]},${b[1]}`
  const edges: [IPt, IPt][] = []
  for (const g of members) {
    for (const rings of g) {
      for (const r of rings) {
        r.forEach((a, i) => {
          const b = r[(i + 1) % r.length] as IPt
          edges.push([a, b])
          count.set(edgeKey(a, b), (count.get(edgeKey(a, b)) ?? 0) + 1)
        })
      }
    }
  }
  const outgoing = new Map<number, IPt[]>()
  for (const [a, b] of edges) {
    const back = count.get(edgeKey(b, a)) ?? 0
    if (back > 0) continue
    const list = outgoing.get(key(a))
    if (list) list.push(b)
    else outgoing.set(key(a), [b])
  }
  const rings: IRing[] = []
  for (const [a, b] of edges) {
    const list = outgoing.get(key(a))
    if (!list?.some((q) => q[0] === b[0] && q[1] === b[1])) continue
    const ring: IRing = []
    let prev = a
    let cur = b
    list.splice(list.findIndex((q) => q[0] === b[0] && q[1] === b[1]), 1)
    ring.push(a)
    while (!(cur[0] === a[0] && cur[1] === a[1])) {
      ring.push(cur)
      const options = outgoing.get(key(cur)) ?? []
      if (options.length === 0) throw new Error('unionByEdges: open boundary')
      // at a pinch point take the first edge clockwise from the way back, keeping lobes apart
      const back = Math.atan2(prev[1] - cur[1], prev[0] - cur[0])
      const turn = (q: IPt): number => {
        const d = back - Math.atan2(q[1] - cur[1], q[0] - cur[0])
        return d <= 0 ? d + 2 * Math.PI : d
      }
      let bi = 0
      options.forEach((q, i) => {
        if (turn(q) < turn(options[bi] as IPt)) bi = i
      })
      const next = options.splice(bi, 1)[0] as IPt
      prev = cur
      cur = next
    }
    rings.push(ring)
  }
  const outers = rings.filter((r) => ringArea2(r) > 0).map((r): IRing[] => [r])
  for (const hole of rings.filter((r) => ringArea2(r) < 0)) {
    const probe = hole[0] as IPt
    const host = outers.find(([o]) => o !== undefined && inIRing(probe, o)) ?? outers[0]
    host?.push(hole)
  }
  return outers
}

function inIRing(p: IPt, r: IRing): boolean {
  let inside = false
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i] as IPt
    const b = r[j] as IPt
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** Pairs of geometries sharing at least one edge, as adjacency lists. */
export function adjacency(geoms: IParts[]): number[][] {
  const owners = new Map<string, number>()
  const adj = geoms.map(() => new Set<number>())
  geoms.forEach((g, i) => {
    for (const rings of g) {
      for (const r of rings) {
        r.forEach((a, k) => {
          const b = r[(k + 1) % r.length] as IPt
          const o = owners.get(`${b[0]},${b[1]},${a[0]},${a[1]}`)
          if (o !== undefined && o !== i) {
            adj[i]?.add(o)
            adj[o]?.add(i)
          }
          owners.set(`${a[0]},${a[1]},${b[0]},${b[1]}`, i)
        })
      }
    }
  })
  return adj.map((s) => [...s].sort((a, b) => a - b))
}
