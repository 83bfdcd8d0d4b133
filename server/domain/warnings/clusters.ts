import { type CategoryId, categoryById, categoryIds } from '../categories'
import { type HotSpotPattern, type Responsible, type Signal, type WarningGeography, type WarningLedger, BIN_DAYS } from './model'
import { EMERGING_FDR } from './emerging'
import type { GroupCube } from './patterns'
import { categoryOfCode, round } from './signals'
import { poissonUpperTail, senSlope } from './stats'

/**
 * Hot spots' clusters (hot-spots.ts): adjacent cells of one pattern merged, the cells that carry
 * them, each cluster as a signal with its numbers, and its evidence hazards.
 */

/** model.ts binOf's step, bound locally for the pass over the ledger */
const BIN = BIN_DAYS
const EVIDENCE_MAX = 10
/** Group index of "all categories" after the four categories. */
export const ALL = categoryIds.length
export const GROUPS = ALL + 1
const categoryIndex = new Map(categoryIds.map((c, i) => [c, i]))
/** A hazard's group by its item code. */
export const groupOfCode = Uint8Array.from(categoryOfCode, (c) => categoryIndex.get(c)!)

/** What a signal's parameters cite. */
export interface ClusterSettings {
  alpha: number
  minHazards: number
  ownP: number
}

/** Pattern strength when a cluster's cells differ: the longer the evidence, the stronger. */
const patternRank: Partial<Record<HotSpotPattern, number>> = { intensifying: 3, consecutive: 2, new: 1, persistent: 0 }

/** Adjacent cells whose pattern passes `keep`, merged (breadth first); each cluster's cells ascending. */
export function clustersOf(cube: GroupCube, neighbourhoods: number[][], keep: (p: HotSpotPattern) => boolean): number[][] {
  const seen = new Set<number>()
  const out: number[][] = []
  const starts = [...cube.cells.keys()].sort((a, b) => a - b)
  for (const start of starts) {
    if (seen.has(start) || !keep(cube.cells.get(start)!.pattern)) continue
    const cluster: number[] = []
    const queue = [start]
    seen.add(start)
    while (queue.length) {
      const c = queue.pop()!
      cluster.push(c)
      for (const j of neighbourhoods[c]!) {
        const r = cube.cells.get(j)
        if (!seen.has(j) && r && keep(r.pattern)) {
          seen.add(j)
          queue.push(j)
        }
      }
    }
    out.push(cluster.sort((a, b) => a - b))
  }
  return out
}

/**
 * The cells of a Gi* cluster that carry it. Gi* is a neighbourhood sum, so the quiet ring around a
 * busy block is "hot" too (its neighbourhood holds the block); the warning names only the cells
 * whose own count in bin 0 is above their own expectation (the same baseline as the signal's
 * `expected`), or for a standing hot spot above the cube's mean.
 */
export function coreOf(cube: GroupCube, cluster: number[], bins: number): number[] {
  return cluster.filter((c) => {
    const now = cube.counts[c * bins]!
    let earlier = 0
    for (let k = 1; k < bins; k++) earlier += cube.counts[c * bins + k]!
    return now > (earlier + cube.mean) / bins || (cube.cells.get(c)!.pattern === 'persistent' && now > cube.mean)
  })
}

/**
 * One cluster as a signal: its counts are those of its core `cells`. Its key must stay the same while
 * the cluster grows or shrinks by a cell, or every half-month would raise a new warning: it is named
 * after its anchor, the cell of the whole Gi* cluster with the most hazards over the whole cube
 * (which a new neighbouring cell rarely overtakes at once, and which stays in the Gi* cluster while
 * a quiet fortnight drops it from the core), ties to the lowest cell id; the area's id, village and
 * district are the anchor's.
 */
export function clusterSignal(
  cube: GroupCube,
  cluster: number[],
  cells: number[],
  geo: WarningGeography,
  bins: number,
  window: { from: string; to: string },
  settings: ClusterSettings,
): Signal {
  const { alpha, minHazards, ownP } = settings
  const { counts, group } = cube
  const perBin = new Float64Array(bins)
  for (const c of cells) for (let k = 0; k < bins; k++) perBin[k]! += counts[c * bins + k]!
  let anchor = cluster[0]!
  let anchorTotal = -1
  for (const c of cluster) {
    let total = 0
    for (let k = 0; k < bins; k++) total += counts[c * bins + k]!
    const id = geo.cells[c]!.id
    if (total > anchorTotal || (total === anchorTotal && id < geo.cells[anchor]!.id)) {
      anchor = c
      anchorTotal = total
    }
  }
  const results = cells.map((c) => cube.cells.get(c)!)
  const pattern = results.reduce((best, r) => ((patternRank[r.pattern] ?? 0) > (patternRank[best] ?? 0) ? r.pattern : best), results[0]!.pattern)
  // The trend reported is that of the cluster's hottest cell with the cluster's pattern.
  const lead = results.filter((r) => r.pattern === pattern).reduce((a, b) => (b.z0 > a.z0 ? b : a))
  const observed = perBin[0]!
  // Expected: the cells' own earlier bins, with one bin of the cube's mean so a quiet past does not
  // make any count infinitely many times expected (a cell's own history tells more than the town's mean).
  let earlier = 0
  for (let k = 1; k < bins; k++) earlier += perBin[k]!
  const expected = (earlier + cube.mean * cells.length) / bins
  const ratio = observed / expected
  let streak = 0
  while (streak < bins && cells.some((c) => cube.significance[c * bins + streak] === 1)) streak++
  const chronological = Float64Array.from({ length: bins }, (_, i) => perBin[bins - 1 - i]!)
  const category: CategoryId | null = group === ALL ? null : categoryIds[group]!
  const anchorCell = geo.cells[anchor]!
  const responsible: Responsible = category
    ? { kind: 'lead_unit', id: categoryById[category].leadUnit }
    : { kind: 'district', id: anchorCell.districtId }
  const orange = pattern === 'intensifying' && ratio >= 3
  const stats: Signal['stats'] = {
    z: round(Math.max(...results.map((r) => r.z0)), 2),
    p: poissonUpperTail(observed, expected),
    q: Math.min(...results.map((r) => r.q0)),
  }
  if (lead.tau !== null && lead.tauP !== null) {
    stats.tau = round(lead.tau, 3)
    stats.tauP = lead.tauP
  }
  return {
    key: `hot_spot|cells:${anchorCell.id}|${category ?? 'all'}|`,
    detector: 'hot_spot',
    level: pattern === 'persistent' ? 'yellow' : orange ? 'orange' : 'yellow',
    // A persistent hot spot is a standing layer, not a warning: it cites no rule.
    ruleId: pattern === 'persistent' ? '' : orange ? 'R4' : 'R5',
    area: {
      kind: 'cells',
      id: anchorCell.id,
      cells: cells.map((c) => geo.cells[c]!.id),
      villageId: anchorCell.villageId,
      districtId: anchorCell.districtId,
    },
    category,
    item: null,
    window,
    observed,
    expected: round(expected, 2),
    ratio: round(ratio, 2),
    stats,
    streak,
    slope: round(senSlope(chronological), 2),
    pattern,
    evidence: [],
    parameters: {
      alpha,
      bins,
      neighbours: 'adjacent cells and the same cells one half-month earlier, itself included',
      minHazards,
      ownP,
      expected: "the cells' own earlier half-months, with one half-month at the cube's mean",
      baseline: "warned when the cells' half-month (alone or with the one before) stands above their own past at the town's level (exact binomial; its looks calibrated on simulated null towns; FDR across cells)",
      ...(pattern === 'persistent' ? {} : { fdr: EMERGING_FDR }),
    },
    responsible,
  }
}

/** Second pass: each cluster's newest hazards of bin 0 (by day found, then id), up to ten. */
export function addEvidence(
  ledger: WarningLedger,
  asOf: number,
  nCells: number,
  clusters: Array<{ signal: Signal; group: number; cells: number[] }>,
): void {
  if (clusters.length === 0) return
  const owner = Array.from({ length: GROUPS }, () => new Map<number, number[]>())
  clusters.forEach((cl, index) => {
    for (const c of cl.cells) {
      const list = owner[cl.group]!.get(c) ?? []
      list.push(index)
      owner[cl.group]!.set(c, list)
    }
  })
  const found: Array<Array<{ id: number; day: number }>> = clusters.map(() => [])
  for (let i = 0; i < ledger.n; i++) {
    if (ledger.reported[i]! > asOf || Math.floor((asOf - ledger.discovered[i]!) / BIN) !== 0) continue
    const c = ledger.grid[i]!
    if (c >= nCells) continue
    for (const g of [groupOfCode[ledger.item[i]!]!, ALL]) {
      for (const index of owner[g]!.get(c) ?? []) found[index]!.push({ id: ledger.id[i]!, day: ledger.discovered[i]! })
    }
  }
  clusters.forEach((cl, index) => {
    cl.signal.evidence = found[index]!
      .sort((a, b) => b.day - a.day || b.id - a.id)
      .slice(0, EVIDENCE_MAX)
      .map((h) => h.id)
  })
}
