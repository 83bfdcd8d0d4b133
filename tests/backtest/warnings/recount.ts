import { categoryById } from '../../../server/domain/categories'
import type { Signal } from '../../../server/domain/warnings/model'
import type { Generated, GeneratedHazard } from './generator'
import type { Town } from './town'

/**
 * The explanations' numbers recounted from the generated rows (the records, not the typed columns
 * the detectors read), by this file's own reading of each rule. `expected` is left undefined where a
 * signal shows none to check.
 */
export interface Recount {
  observed: number
  expected?: number | null
}

const known = (h: GeneratedHazard, day: number) => h.reported <= day
const openOn = (h: GeneratedHazard, day: number) => h.closed === 0 || h.closed > day
const overdueOn = (h: GeneratedHazard, day: number) => known(h, day) && h.deadline > 0 && h.deadline < day && openOn(h, day)

/** Metres on the sphere, by the haversine (the detectors use an equirectangular approximation: equal to well under a metre at 50 m). */
function metres(a: GeneratedHazard, b: GeneratedHazard): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(s))
}

/** Does `later` come back to where `earlier` was closed out (same item, 60 days, 50 m or the same key site), as known on the day? */
function comesBack(earlier: GeneratedHazard, later: GeneratedHazard, day: number): boolean {
  if (earlier.item !== later.item || earlier.id === later.id || !known(earlier, day) || !known(later, day)) return false
  if (earlier.closed === 0 || earlier.closed > day) return false
  const days = later.discovered - earlier.closed
  if (days < 0 || days > 60) return false
  return (earlier.site > 0 && earlier.site === later.site) || metres(earlier, later) <= 50
}

/** Repeat sites: the reopenings of the place the evidence is at, following returns both ways from it. */
function repeatSite(g: Generated, day: number, s: Signal): Recount {
  const byId = (id: number) => g.hazards[id - 1]!
  const same = g.hazards.filter((h) => h.item === s.item && known(h, day))
  const chain = new Set(s.evidence.map(byId))
  const returns = new Set<GeneratedHazard>()
  for (let grown = true; grown; ) {
    grown = false
    for (const h of same)
      for (const c of [...chain]) {
        const back = comesBack(c, h, day) ? h : comesBack(h, c, day) ? c : null
        if (!back) continue
        if (!returns.has(back)) {
          returns.add(back)
          grown = true
        }
        if (!chain.has(h)) {
          chain.add(h)
          grown = true
        }
      }
  }
  return { observed: returns.size }
}

/** The 75th percentile, interpolated between ranks. */
function p75(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  const h = (v.length - 1) * 0.75
  const lo = Math.floor(h)
  return v[lo]! + (h - lo) * ((v[Math.min(lo + 1, v.length - 1)] ?? v[lo]!) - v[lo]!)
}

/** Overdue: a hazard's days past its deadline; a unit's or district's overdue count now against its weekly counts' 75th percentile. */
function overdue(town: Town, g: Generated, day: number, s: Signal): Recount | null {
  if (s.ruleId === 'R1' || s.ruleId === 'R2') {
    const h = g.hazards[s.evidence[0]! - 1]!
    return { observed: overdueOn(h, day) ? day - h.deadline : -1, expected: null }
  }
  const area = s.area
  const member =
    area.kind === 'unit' ? (h: GeneratedHazard) => categoryById[h.category].leadUnit === area.id
    : area.kind === 'district' ? (h: GeneratedHazard) => town.geography.cells[h.cell]!.districtId === area.id
    : null
  if (!member) return null
  const mine = g.hazards.filter(member)
  const weekly: number[] = []
  for (let d = day; d >= town.geography.since; d -= 7) weekly.push(mine.filter((h) => overdueOn(h, d)).length)
  return { observed: weekly[0]!, expected: Math.round(p75(weekly) * 10) / 10 }
}

/** The half-months of the campaign as of a day (each wholly after its start), at most 24. */
const binsAsOf = (town: Town, day: number) => Math.max(0, Math.min(24, Math.floor((day - town.geography.since + 1) / 15)))
/** The half-month a hazard was found in, as of a day: 0 for the 15 days ending on it. */
const binFound = (h: GeneratedHazard, day: number) => Math.floor((day - h.discovered) / 15)

/**
 * Hot spots: the cluster's hazards found in the latest half-month; expected, its cells' own earlier
 * half-months plus one half-month at the mean cell-half-month of the category (or of all), over the bins.
 */
function hotSpot(town: Town, g: Generated, day: number, s: Signal): Recount | null {
  if (s.area.kind !== 'cells') return null
  const bins = binsAsOf(town, day)
  const inArea = new Set(s.area.cells)
  let observed = 0
  let earlier = 0
  let total = 0
  for (const h of g.hazards) {
    if (!known(h, day) || (s.category !== null && h.category !== s.category)) continue
    const k = binFound(h, day)
    if (k < 0 || k >= bins) continue
    total++
    if (!inArea.has(town.geography.cells[h.cell]!.id)) continue
    if (k === 0) observed++
    else earlier++
  }
  const mean = total / (town.geography.cells.length * bins)
  return { observed, expected: Math.round(((earlier + mean * inArea.size) / bins) * 100) / 100 }
}

/**
 * Rising trends: the village's hazards of the category (or item) found in the latest half-month;
 * expected, the mean of its half-months before a window of three and a guard of one, with one more
 * half-month at the town's mean per village of the same category (or item), never below 0.05.
 */
function risingTrend(town: Town, g: Generated, day: number, s: Signal): Recount | null {
  if (s.area.kind !== 'village') return null
  const villageId = s.area.id
  const bins = binsAsOf(town, day)
  const baseline = bins - 4
  const same = (h: GeneratedHazard) => (s.item ? h.item === s.item : h.category === s.category)
  let observed = 0
  let mine = 0
  let all = 0
  for (const h of g.hazards) {
    if (!known(h, day) || !same(h)) continue
    const k = binFound(h, day)
    if (k < 0 || k >= bins) continue
    const here = town.geography.cells[h.cell]!.villageId === villageId
    if (k === 0 && here) observed++
    if (k >= 4) {
      all++
      if (here) mine++
    }
  }
  const rate = all / (town.geography.villages.length * baseline)
  return { observed, expected: Math.round(Math.max(0.05, (mine + rate) / (baseline + 1)) * 100) / 100 }
}

export function recount(town: Town, g: Generated, day: number, s: Signal): Recount | null {
  if (s.detector === 'repeat_site') return repeatSite(g, day, s)
  if (s.detector === 'overdue') return overdue(town, g, day, s)
  if (s.detector === 'hot_spot') return hotSpot(town, g, day, s)
  if (s.detector === 'rising_trend') return risingTrend(town, g, day, s)
  return null
}
