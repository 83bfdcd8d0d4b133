import { crosses } from './lines'
import { type Pt, metres } from './planar'

/**
 * Which villages a road joins: a minimum spanning tree over their centres, so every village is
 * reachable, plus about one short extra link per five villages, as real road nets have loops. A
 * link through `blocked` ground (the reservoir) costs four times its length.
 */
export function villageLinks(points: Pt[], blocked: (a: Pt, b: Pt) => boolean): [number, number][] {
  // Prim's tree and the extra links ask for the same pairs many times: each weighed once
  const n = points.length
  const weights = new Float64Array(n * n).fill(-1)
  const weight = (i: number, j: number): number => {
    const known = weights[i * n + j] as number
    if (known >= 0) return known
    const a = points[i] as Pt
    const b = points[j] as Pt
    const w = metres(a, b) * (blocked(a, b) ? 4 : 1)
    weights[i * n + j] = w
    return w
  }
  const links = spanningTree(points.length, weight)
  const lengths = links.map(([i, j]) => weight(i, j)).sort((a, b) => a - b)
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0
  const straight = (i: number, j: number): Pt[] => [points[i] as Pt, points[j] as Pt]
  const candidates: [number, number][] = []
  for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length; j++) candidates.push([i, j])
  candidates.sort((a, b) => weight(a[0], a[1]) - weight(b[0], b[1]) || a[0] - b[0] || a[1] - b[1])
  const wanted = points.length - 1 + Math.ceil(points.length / 5)
  for (const [i, j] of candidates) {
    if (links.length >= wanted) break
    const [a, b] = straight(i, j) as [Pt, Pt]
    if (links.some(([p, q]) => (p === i && q === j) || (p === j && q === i))) continue
    if (weight(i, j) > median * 1.4 || blocked(a, b)) continue
    // no level crossings without a junction: skip links that cut across another road
    if (links.some(([p, q]) => p !== i && p !== j && q !== i && q !== j && crosses(a, b, straight(p, q)))) continue
    links.push([i, j])
  }
  return links
}

/** Prim's algorithm over a complete graph; deterministic tie-break by index. */
function spanningTree(n: number, weight: (i: number, j: number) => number): [number, number][] {
  if (n < 2) return []
  const inTree = [0]
  const edges: [number, number][] = []
  while (inTree.length < n) {
    let best: [number, number] | null = null
    let bestW = Infinity
    for (const i of inTree) {
      for (let j = 0; j < n; j++) {
        if (inTree.includes(j)) continue
        const w = weight(i, j)
        if (w < bestW) [best, bestW] = [[i, j], w]
      }
    }
    if (!best) break
    edges.push(best)
    inTree.push(best[1])
  }
  return edges
}

