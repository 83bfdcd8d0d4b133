import { metresBetween } from '../../../server/domain/accountability'
import { type CategoryId, type LeadUnitId, categories, categoryIds, leadUnitIds } from '../../../server/domain/categories'
import { defaultDeadlineDays, riskLevelIds } from '../../../server/domain/levels'
import type { WarningLedger } from '../../../server/domain/warnings/model'
import { itemCode } from '../../../server/services/ledger/codes'
import { Random, WeightedTable } from '../../../server/seed/random'
import { itemPlans } from '../../../server/seed/ledger/templates'
import { PERIODS, SINCE, type Town, type TownCell, inside } from './town'

/**
 * Generated town ledgers for the early-warning backtest: seeded, deterministic, no database. A
 * stationary ledger of the demo's volume (server/seed/demo.ts defaultHazards: 3,000 a town in its
 * campaign year, here 24 half-months), with signals planted into it by scenario.
 */

export const scenarioIds = ['null', 'hot_spot', 'step', 'close_outs'] as const
export type ScenarioId = (typeof scenarioIds)[number]

/** Hazards a town records in 24 half-months (the demo's default for scope 'town'). */
export const HAZARDS_PER_YEAR = 3_000
/** Gamma shape of the cells' busyness: mean 1, coefficient of variation 1/√1.5 ≈ 0.8 (a few cells three times the median). */
export const CELL_SHAPE = 1.5
/** The demo ledger's shares (server/seed/ledger/index.ts categoryWeights, timeline.ts levelWeights). */
export const categoryWeights: Record<CategoryId, number> = { violent_terror: 8, mass_incident: 22, individual_extreme: 15, safety_accident: 55 }
const levelWeights = [7, 18, 40, 35]
/** Share of the hazards of an item kept at key sites that are found at one of their cell's sites. */
const AT_SITE = 0.5
/** The generator keeps no natural reopening: none within these margins of the rule's 60 days and 50 m. */
const CLEAR_DAYS = 75
const CLEAR_METRES = 100

/** The planted signals start at this half-month (0-based), so the detectors have 14 of history before. */
export const PLANT_PERIOD = 14
/** The emerging hot spot: its multiplier in the half-months from its start (ramps to 3× over 4, then stays). */
export const rampOf = (k: number) => (k < 0 ? 1 : 1 + (2 * Math.min(k + 1, 4)) / 4)
export const STEP = 2.5
export const HOT_SPOT_CATEGORY: CategoryId = 'safety_accident'

export interface GeneratedHazard {
  cell: number
  item: string
  category: CategoryId
  /** level code: 1 major … 4 low */
  level: number
  discovered: number
  reported: number
  deadline: number
  closed: number
  lon: number
  lat: number
  site: number
  /** what planted it, if anything */
  tag: string | null
  id: number
}

export interface PlantedRepeat {
  /** anchor, first and second return */
  ids: [number, number, number]
  item: string
  level: number
  /** the return that must raise the warning (R8: the first for major and significant, R9: the second), and the day it is known */
  due: number
  dueId: number
  rule: 'R8' | 'R9'
}

export interface Plan {
  hotSpot?: { category: CategoryId; cells: number[]; start: number }
  step?: { village: number; villageId: string; category: CategoryId; start: number; rate: number; rank: string }
  repeats?: PlantedRepeat[]
  /** near misses that must not be flagged: 75 m away, 70 days after, or another item */
  decoys?: Array<{ kind: 'distance' | 'days' | 'item'; ids: [number, number] }>
  unit?: { unit: LeadUnitId; category: CategoryId; stop: number }
}

export interface Generated {
  seed: number
  scenario: ScenarioId
  hazards: GeneratedHazard[]
  ledger: WarningLedger
  plan: Plan
  /** expected hazards per half-month of each village × category series (village ordinal × 4 + category ordinal) */
  seriesRates: Float64Array
  /** expected hazards per half-month of each cell × category before any plant (cell ordinal × 4 + category ordinal) */
  rates: Float64Array
}

// ---------------------------------------------------------------------------------------------
// Draws
// ---------------------------------------------------------------------------------------------

function normal(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next())
}

/** Marsaglia–Tsang, for a shape ≥ 1. */
export function gamma(r: Random, shape: number): number {
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normal(r)
    const v = (1 + c * x) ** 3
    if (v <= 0) continue
    const u = 1 - r.next()
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
  }
}

/** Knuth's product of uniforms: the rates here are small (well under 30 a draw). */
export function poisson(r: Random, lambda: number): number {
  if (lambda <= 0) return 0
  const limit = Math.exp(-lambda)
  let k = 0
  for (let p = r.next(); p > limit; p *= r.next()) k++
  return k
}

const itemTables = new Map(
  categories.map((c) => [c.id, new WeightedTable(c.items.map((i) => i.id), c.items.map((i) => itemPlans[i.id]!.weight))] as const),
)
const levelTable = new WeightedTable([1, 2, 3, 4], levelWeights)
const deadlineDays = riskLevelIds.map((l) => defaultDeadlineDays[l])
export const deadlineOf = (level: number) => deadlineDays[level - 1]!

function pointIn(cell: TownCell, r: Random): [number, number] {
  const [x0, y0, x1, y1] = cell.bbox
  for (let tries = 0; tries < 200; tries++) {
    const x = x0 + r.next() * (x1 - x0)
    const y = y0 + r.next() * (y1 - y0)
    if (inside(cell.geometry, x, y)) return [x, y]
  }
  return [(x0 + x1) / 2, (y0 + y1) / 2]
}

/** A point `metres` from another in a random direction. */
function offset(lon: number, lat: number, metres: number, r: Random): [number, number] {
  const bearing = 2 * Math.PI * r.next()
  const dLat = (metres * Math.cos(bearing)) / 111_195
  const dLon = (metres * Math.sin(bearing)) / (111_195 * Math.cos((lat * Math.PI) / 180))
  return [lon + dLon, lat + dLat]
}

/** A hazard's own attributes: item, level, reported 0–2 days after found, deadline by level, closed in time, placed in its cell. */
function draw(town: Town, cell: number, category: CategoryId, discovered: number, r: Random, tag: string | null): GeneratedHazard {
  const item = itemTables.get(category)!.draw(r)
  const level = levelTable.draw(r)
  const reported = discovered + r.int(0, 2)
  const days = deadlineOf(level)
  const c = town.cells[cell]!
  const place = itemPlans[item]!.place
  const sites = place.at === 'site' ? c.sites.filter((s) => place.kinds.includes(s.site.kind)) : []
  let lon: number, lat: number
  let site = 0
  if (sites.length && r.chance(AT_SITE)) {
    const s = r.pick(sites)
    ;[lon, lat] = s.site.location
    site = s.ord
  } else [lon, lat] = pointIn(c, r)
  return { cell, item, category, level, discovered, reported, deadline: reported + days, closed: reported + r.int(1, days), lon, lat, site, tag, id: 0 }
}

// ---------------------------------------------------------------------------------------------
// The ledger
// ---------------------------------------------------------------------------------------------

/** Expected hazards per half-month in each cell × category, before any plant. */
function baseRates(town: Town, seed: number, volume: number): Float64Array {
  const r = new Random(seed).fork('cells')
  const busy = town.cells.map(() => gamma(r, CELL_SHAPE))
  const total = busy.reduce((s, b) => s + b, 0)
  const weight = categoryIds.reduce((s, c) => s + categoryWeights[c], 0)
  const perPeriod = (volume * HAZARDS_PER_YEAR) / PERIODS
  const rates = new Float64Array(town.cells.length * categoryIds.length)
  town.cells.forEach((_, c) => categoryIds.forEach((k, ki) => (rates[c * 4 + ki] = (perPeriod * busy[c]! * categoryWeights[k]) / (total * weight))))
  return rates
}

/** Grows a patch of `size` adjacent cells from a random one. */
function patch(town: Town, size: number, r: Random): number[] {
  for (;;) {
    const cells = [r.int(0, town.cells.length - 1)]
    while (cells.length < size) {
      const frontier = [...new Set(cells.flatMap((c) => town.geography.cells[c]!.neighbours))].filter((n) => !cells.includes(n)).sort((a, b) => a - b)
      if (!frontier.length) break
      cells.push(r.pick(frontier))
    }
    if (cells.length === size) return cells.sort((a, b) => a - b)
  }
}

/**
 * The village × category series for the step: the one at the hazard-weighted median rate, i.e. the
 * series the median hazard belongs to (half of all hazards are in series at least as busy). The
 * unweighted median series is a social-security one with well under one hazard a half-month, where a
 * 2.5× step is a difference of one hazard; the weighted median is what a typical hazard's series looks like.
 */
function typicalSeries(rates: Float64Array): number {
  const order = [...rates.keys()].sort((a, b) => rates[a]! - rates[b]! || a - b)
  const total = rates.reduce((s, x) => s + x, 0)
  let cum = 0
  for (const s of order) if ((cum += rates[s]!) >= total / 2) return s
  return order[order.length - 1]!
}

function seriesRatesOf(town: Town, rates: Float64Array): Float64Array {
  const series = new Float64Array(town.geography.villages.length * 4)
  town.cells.forEach((c) => {
    for (let k = 0; k < 4; k++) series[c.villageOrd * 4 + k]! += rates[c.ord * 4 + k]!
  })
  return series
}

/**
 * Generates one seed's ledger for a scenario. The same seed gives the same underlying ledger in every
 * scenario. `volume` scales the hazards (1: the demo town's 3,000 a year).
 */
export function generate(town: Town, seed: number, scenario: ScenarioId, volume = 1): Generated {
  const root = new Random(seed * 7_919 + 17)
  const rates = baseRates(town, seed, volume)
  const seriesRates = seriesRatesOf(town, rates)
  const plan: Plan = {}
  const plantRandom = root.fork(`plant-${scenario}`)
  /** the planted multiplier over the base rate in a cell × category × half-month */
  let extra: (cell: number, k: number, p: number) => number = () => 0
  if (scenario === 'hot_spot') {
    const cells = patch(town, plantRandom.int(3, 7), plantRandom)
    const k = categoryIds.indexOf(HOT_SPOT_CATEGORY)
    const set = new Set(cells)
    plan.hotSpot = { category: HOT_SPOT_CATEGORY, cells, start: PLANT_PERIOD }
    extra = (c, kk, p) => (kk === k && set.has(c) ? rampOf(p - PLANT_PERIOD) - 1 : 0)
  } else if (scenario === 'step') {
    const s = typicalSeries(seriesRates)
    const village = Math.floor(s / 4)
    const k = s % 4
    const rank = `${[...seriesRates].filter((x) => x > seriesRates[s]!).length + 1}/${seriesRates.length}`
    plan.step = { village, villageId: town.geography.villages[village]!.id, category: categoryIds[k]!, start: PLANT_PERIOD, rate: seriesRates[s]!, rank }
    extra = (c, kk, p) => (kk === k && town.cells[c]!.villageOrd === village && p >= PLANT_PERIOD ? STEP - 1 : 0)
  }

  // Counts per cell × category × half-month: the base from its own stream, the plant's extra from another,
  // so a plant adds hazards to the same underlying ledger.
  const base = root.fork('hazards')
  const planted = root.fork('planted')
  let hazards: GeneratedHazard[] = []
  for (let p = 0; p < PERIODS; p++)
    for (let c = 0; c < town.cells.length; c++)
      for (let k = 0; k < 4; k++) {
        const day0 = SINCE + 15 * p
        const n = poisson(base, rates[c * 4 + k]!)
        for (let i = 0; i < n; i++) hazards.push(draw(town, c, categoryIds[k]!, day0 + base.int(0, 14), base, null))
        const more = extra(c, k, p)
        if (more > 0) {
          const m = poisson(planted, rates[c * 4 + k]! * more)
          for (let i = 0; i < m; i++) hazards.push(draw(town, c, categoryIds[k]!, day0 + planted.int(0, 14), planted, scenario))
        }
      }
  hazards = sortByDay(hazards)
  hazards = withoutReopenings(town, hazards, root.fork('clear'))
  const plantedCloseOuts = scenario === 'close_outs' ? plantCloseOuts(town, hazards, plan, plantRandom) : null
  if (plantedCloseOuts) hazards = plantedCloseOuts.hazards
  hazards = sortByDay(hazards)
  hazards.forEach((h, i) => (h.id = i + 1))
  plantedCloseOuts?.named()
  return { seed, scenario, hazards, ledger: pack(hazards, town), plan, seriesRates, rates }
}

const sortByDay = (hs: GeneratedHazard[]) => hs.map((h, i) => [h, i] as const).sort((a, b) => a[0].discovered - b[0].discovered || a[1] - b[1]).map(([h]) => h)

const near = (a: { lon: number; lat: number; site: number }, b: { lon: number; lat: number; site: number }, metres: number) =>
  (a.site > 0 && a.site === b.site) || metresBetween([a.lon, a.lat], [b.lon, b.lat]) <= metres

/** Would `later` come back to where `earlier` of the same item was closed out, within the generous margins? */
const returnsTo = (earlier: GeneratedHazard, later: GeneratedHazard) =>
  earlier.item === later.item && earlier.closed > 0 && later.discovered >= earlier.closed && later.discovered - earlier.closed <= CLEAR_DAYS && near(earlier, later, CLEAR_METRES)

/**
 * A stationary ledger has no repeat sites: a hazard that would come back (same item, within 100 m or
 * at the same key site, within 75 days of a close-out there) is moved elsewhere in its cell, off any
 * site, or dropped when no place is free. In discovery order, so every earlier close-out is known.
 */
function withoutReopenings(town: Town, hazards: GeneratedHazard[], r: Random): GeneratedHazard[] {
  const byItem = new Map<string, GeneratedHazard[]>()
  const kept: GeneratedHazard[] = []
  for (const h of hazards) {
    const earlier = byItem.get(h.item) ?? []
    let ok = !earlier.some((e) => returnsTo(e, h))
    for (let tries = 0; !ok && tries < 30; tries++) {
      ;[h.lon, h.lat] = pointIn(town.cells[h.cell]!, r)
      h.site = 0
      ok = !earlier.some((e) => returnsTo(e, h))
    }
    if (!ok) continue
    earlier.push(h)
    byItem.set(h.item, earlier)
    kept.push(h)
  }
  return kept
}

/**
 * Planted close-out failures: three repeat sites (the same item back twice within 50 m or at the same
 * key site, each time within 60 days of a close-out: one significant, flagged at its first return by R8,
 * two general or low, flagged at the second by R9), three near misses that must not be flagged, and a
 * lead unit that stops closing from the plant's half-month on (its hazards stay open past their deadlines).
 */
function plantCloseOuts(town: Town, hazards: GeneratedHazard[], plan: Plan, r: Random): { hazards: GeneratedHazard[]; named(): void } {
  const window = (h: GeneratedHazard) => h.discovered >= SINCE + 15 * 4 && h.discovered < SINCE + 15 * 11 && h.closed > 0 && h.tag === null
  const used = new Set<GeneratedHazard>()
  const anchor = (test: (h: GeneratedHazard) => boolean) => {
    const pool = hazards.filter((h) => window(h) && !used.has(h) && test(h))
    const a = r.pick(pool)
    used.add(a)
    return a
  }
  const again = (a: GeneratedHazard, day: number, metres: number, tag: string, item = a.item): GeneratedHazard => {
    const reported = day + r.int(0, 2)
    const days = deadlineOf(a.level)
    const [lon, lat] = a.site > 0 && metres < 50 ? [a.lon, a.lat] : offset(a.lon, a.lat, metres, r)
    return {
      ...a, item, discovered: day, reported, deadline: reported + days, closed: reported + r.int(1, Math.min(days, 10)),
      lon, lat, site: metres < 50 ? a.site : 0, tag, id: 0,
    }
  }
  const added: GeneratedHazard[] = []
  const repeats: Array<[GeneratedHazard, GeneratedHazard, GeneratedHazard]> = []
  ;[2, 3, 4].forEach((level, i) => {
    // the middle one at a key site when there is one: the same-site rule, not the 50 m one
    const atSite = hazards.some((x) => window(x) && x.level === level && x.site > 0)
    const a = anchor((h) => h.level === level && (i !== 1 || !atSite || h.site > 0))
    const b = again(a, a.closed + r.int(3, 40), r.next() * 40, `repeat-${i}`)
    const c = again(b, b.closed + r.int(3, 40), r.next() * 40, `repeat-${i}`)
    if (a.site > 0) [c.lon, c.lat, c.site] = [a.lon, a.lat, a.site]
    a.tag = `repeat-${i}`
    added.push(b, c)
    repeats.push([a, b, c])
  })
  const decoys: Array<['distance' | 'days' | 'item', GeneratedHazard, GeneratedHazard]> = []
  const free = (h: GeneratedHazard) => h.site === 0 && h.level >= 3
  const d1 = anchor(free)
  decoys.push(['distance', d1, again(d1, d1.closed + r.int(3, 40), 75, 'decoy')])
  const d2 = anchor(free)
  decoys.push(['days', d2, again(d2, d2.closed + r.int(70, 80), r.next() * 20, 'decoy')])
  const d3 = anchor(free)
  const others = categories.find((c) => c.id === d3.category)!.items.map((i) => i.id).filter((i) => i !== d3.item)
  decoys.push(['item', d3, again(d3, d3.closed + r.int(3, 40), r.next() * 20, 'decoy', r.pick(others))])
  for (const [, a, d] of decoys) {
    a.tag = 'decoy'
    added.push(d)
  }
  // A base hazard that would pair with a planted one (either way) would be an unplanted repeat site: dropped.
  const kept = hazards.filter((h) => used.has(h) || !added.some((p) => returnsTo(h, p) || returnsTo(p, h)))

  const unit = r.pick(leadUnitIds)
  const category = categories.find((c) => c.leadUnit === unit)!.id
  const stop = SINCE + 15 * PLANT_PERIOD
  plan.unit = { unit, category, stop }
  const all = kept.concat(added)
  for (const h of all) if (h.category === category && h.tag === null && h.closed > stop) h.closed = 0
  return {
    hazards: all,
    /** once ids are given (after the final sort) */
    named() {
      plan.repeats = repeats.map(([a, b, c]) => {
        const rule = a.level <= 2 ? 'R8' : 'R9'
        const due = rule === 'R8' ? b : c
        return { ids: [a.id, b.id, c.id], item: a.item, level: a.level, due: due.reported, dueId: due.id, rule }
      })
      plan.decoys = decoys.map(([kind, a, d]) => ({ kind, ids: [a.id, d.id] }))
    },
  }
}


/** The typed columns the detectors read. */
export function pack(hazards: readonly GeneratedHazard[], town: Town): WarningLedger {
  const n = hazards.length
  const l: WarningLedger = {
    n, id: new Int32Array(n), grid: new Uint16Array(n), item: new Uint8Array(n), level: new Uint8Array(n), discovered: new Int32Array(n),
    reported: new Int32Array(n), closed: new Int32Array(n), deadline: new Int32Array(n), lon: new Float32Array(n), lat: new Float32Array(n), site: new Int32Array(n),
    siteIds: ['', ...town.sites.map((s) => s.id)],
  }
  hazards.forEach((h, i) => {
    l.id[i] = h.id; l.grid[i] = h.cell; l.item[i] = itemCode.get(h.item)!; l.level[i] = h.level; l.discovered[i] = h.discovered
    l.reported[i] = h.reported; l.closed[i] = h.closed; l.deadline[i] = h.deadline; l.lon[i] = h.lon; l.lat[i] = h.lat; l.site[i] = h.site
  })
  return l
}

