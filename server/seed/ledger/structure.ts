import { type CategoryId, categoryById, categoryIds } from '../../domain/categories'
import { fromDay } from '../../domain/days'
import type { RiskLevel } from '../../domain/levels'
import type { Site } from '../../domain/schemas'
import type { SiteKind } from '../../domain/sites'
import { BIN_DAYS, DEFAULT_CALENDAR, type SeasonEntry } from '../../domain/warnings/model'
import type { AreaFeature, Geography } from '../geography'
import { type Random, WeightedTable } from '../random'
import type { PlacementModel, Spot } from './placement'
import { itemPlans } from './templates'
import type { LifePlan } from './timeline'

/**
 * The structure real ledgers have, so the demo's early warnings (issue 14) mean something:
 *
 * - seasonality: an item turns up more often while a season of the warning calendar (DEFAULT_CALENDAR)
 *   that names it runs — within its category, so the categories' mix stays as it was;
 * - emerging hot spots: a few clusters of adjacent grid cells where one item builds up over the last
 *   half-months to about three times the cells' usual count (hazards moved there from elsewhere in
 *   the same half-month, so the volume stays as it was);
 * - repeat sites: the same item back at a key site after its close-out, twice at some;
 * - a district falling behind: its villages stop rectifying in the last weeks, so its overdue count
 *   rises week on week, a significant and a major hazard among them.
 *
 * Everything here draws from its own streams, chosen from the geography and the as-of day alone.
 */

// ---------------------------------------------------------------------------------------------
// Seasonality
// ---------------------------------------------------------------------------------------------

/** How many times more often a season's items turn up while it runs (flood season the most). */
const SEASON_BOOST: Record<string, number> = {
  flood: 2.2, drowning: 1.5, winter_gas: 1.7, fireworks: 1.8, straw_burning: 1.6, straw_burning_autumn: 1.5,
}
const DEFAULT_BOOST = 1.5

const categoryOrdinal = Object.fromEntries(categoryIds.map((c, i) => [c, i])) as Record<CategoryId, number>
if (categoryIds.length > 8) throw new Error('SeasonalItems keys a table by category ordinal + 8 × day')

/** Whether a season (MM-DD to MM-DD, maybe wrapping the new year) holds a day. */
export function inSeason(entry: Pick<SeasonEntry, 'from' | 'to'>, day: number): boolean {
  const md = fromDay(day).slice(5)
  return entry.from <= entry.to ? md >= entry.from && md <= entry.to : md >= entry.from || md <= entry.to
}

/** Each category's item table as of a day: the plan's weights times the boosts of the seasons running then. */
export class SeasonalItems {
  private readonly tables = new Map<string, WeightedTable<string>>()
  private readonly seasonsOf = new Map<number, SeasonEntry[]>()
  /** The table of a category and day (category's ordinal + 8 × day), found once: asked a few times a hazard. */
  private readonly byDay = new Map<number, WeightedTable<string>>()

  constructor(private readonly calendar: readonly SeasonEntry[] = DEFAULT_CALENDAR) {}

  table(category: CategoryId, day: number): WeightedTable<string> {
    const key = categoryOrdinal[category] + 8 * day
    let table = this.byDay.get(key)
    if (!table) this.byDay.set(key, (table = this.tableFor(category, day)))
    return table
  }

  private tableFor(category: CategoryId, day: number): WeightedTable<string> {
    let seasons = this.seasonsOf.get(day)
    if (!seasons) this.seasonsOf.set(day, (seasons = this.calendar.filter((e) => inSeason(e, day))))
    const key = `${category}|${seasons.map((s) => s.id).join(',')}`
    let table = this.tables.get(key)
    if (!table) {
      const items = categoryById[category].items.map((i) => i.id)
      const weight = (item: string) =>
        seasons.reduce((w, s) => (s.items.includes(item) ? w * (SEASON_BOOST[s.id] ?? DEFAULT_BOOST) : w), itemPlans[item]!.weight)
      this.tables.set(key, (table = new WeightedTable(items, items.map(weight))))
    }
    return table
  }
}

// ---------------------------------------------------------------------------------------------
// Geography: which cells touch
// ---------------------------------------------------------------------------------------------

/** Grid cells sharing a boundary vertex (the seed's geography is noded on a 1e-6° grid). */
export function cellNeighbours(grids: readonly AreaFeature[]): Map<string, Set<string>> {
  const byVertex = new Map<string, string[]>()
  for (const g of grids) {
    const rings = g.geometry.type === 'Polygon' ? g.geometry.coordinates : g.geometry.coordinates.flat()
    const seen = new Set<string>()
    for (const ring of rings)
      for (const [x, y] of ring) {
        const key = `${Math.round(x! * 1e6)},${Math.round(y! * 1e6)}`
        if (seen.has(key)) continue
        seen.add(key)
        const list = byVertex.get(key)
        if (list) list.push(g.id)
        else byVertex.set(key, [g.id])
      }
  }
  const out = new Map<string, Set<string>>(grids.map((g) => [g.id, new Set()]))
  for (const ids of byVertex.values()) for (const a of ids) for (const b of ids) if (a !== b) out.get(a)!.add(b)
  return out
}

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

export interface HotSpotPlan {
  id: string
  category: CategoryId
  item: string
  village: AreaFeature
  cells: AreaFeature[]
  /** where its hazards go: points along its roads, or null for anywhere in its cells */
  spots: Spot[] | null
  /** hazards moved into it in each of the last half-months, bin 0 (the 15 days ending on the as-of day) first */
  extra: readonly number[]
}

export interface RepeatSitePlan {
  site: Site
  village: AreaFeature
  category: CategoryId
  item: string
  level: RiskLevel
  /** how many times it comes back */
  returns: number
  /** the first hazard is the village's first on or after this day */
  from: number
}

export interface StallPlan {
  district: AreaFeature
  /** from this day its villages rectify and verify nothing of these levels */
  from: number
  levels: readonly RiskLevel[]
  /**
   * Its first hazards on or after these days (in this order), assessed at these levels, stall whatever
   * their level: a major and a significant one long overdue, general ones falling due week after week,
   * and a major one just falling due (the town lists it, supervision.ts).
   */
  forced: ReadonlyArray<{ level: RiskLevel; from: number }>
}

/** Road-traffic hazards along the main road and land disputes in one village: ramping over 4 and 3 half-months. */
const ROAD_EXTRA = [7, 5, 3, 2] as const
const LAND_EXTRA = [6, 4, 2] as const
/** The sites where an item comes back: kind, item, the level they are assessed at, how often it returns. */
const REPEATS: ReadonlyArray<{ kind: SiteKind; item: string; level: RiskLevel; returns: number; daysBack: number }> = [
  { kind: 'rental_cluster', item: 'fire', level: 'general', returns: 2, daysBack: 115 },
  { kind: 'canteen', item: 'food_drug', level: 'general', returns: 2, daysBack: 115 },
  { kind: 'market', item: 'fire', level: 'general', returns: 2, daysBack: 115 },
  { kind: 'gas_station', item: 'production', level: 'significant', returns: 1, daysBack: 60 },
  { kind: 'hazardous_enterprise', item: 'production', level: 'major', returns: 1, daysBack: 55 },
]
/** The stalled district's last weeks. */
const STALL_DAYS = 42

export class DemoStructure {
  readonly seasons = new SeasonalItems()
  readonly hotSpots: HotSpotPlan[]
  readonly repeats: RepeatSitePlan[]
  readonly stall: StallPlan
  private readonly byId = new Map<string, AreaFeature>()

  constructor(geo: Geography, readonly places: PlacementModel, readonly asOf: number, random: Random) {
    for (const a of geo.areas) this.byId.set(a.id, a)
    const grids = geo.areas.filter((a) => a.level === 'grid')
    const neighbours = cellNeighbours(grids)
    const road = this.roadHotSpot(geo, places, neighbours)
    const roadDistrict = road?.village.parentId ?? null
    this.stall = this.stalledDistrict(geo, roadDistrict)
    const land = this.landHotSpot(geo, grids, neighbours, [roadDistrict, this.stall.district.id])
    this.hotSpots = [road, land].filter((h): h is HotSpotPlan => h !== null)
    this.repeats = this.repeatSites(geo, random)
  }

  /** Cells along the main road, 3–4 adjacent in one village. */
  private roadHotSpot(geo: Geography, places: PlacementModel, neighbours: Map<string, Set<string>>): HotSpotPlan | null {
    const main = geo.roads.find((r) => r.kind === 'main_road')
    if (!main) return null
    const points = places.roadPoints()
    const onMain = new Map<string, number>()
    for (const p of points) if (p.feature === main.name) onMain.set(p.grid.id, (onMain.get(p.grid.id) ?? 0) + 1)
    // Where it stands out: in the least populous village the main road crosses with three cells or more
    // along it (a busy village's own background would hide the build-up), from its cell with the most road.
    const villageOf = (id: string) => this.byId.get(this.byId.get(id)!.parentId!)!
    const clusterAt = (first: AreaFeature) =>
      this.grow(first, neighbours, 4, (id) => villageOf(id) === villageOf(first.id) && onMain.has(id), (id) => onMain.get(id) ?? 0)
    const seeds = [...onMain]
      .sort((a, b) => (villageOf(a[0]).population ?? 0) - (villageOf(b[0]).population ?? 0) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([id]) => this.byId.get(id)!)
    const first = seeds.find((c) => clusterAt(c).length >= 3)
    if (!first) return null
    const village = villageOf(first.id)
    const cells = clusterAt(first)
    const ids = new Set(cells.map((c) => c.id))
    // Along the main road where a cell has it, else along its other roads.
    const spots = points.filter((p) => ids.has(p.grid.id) && (p.feature === main.name || !onMain.has(p.grid.id)))
    return { id: 'road', category: 'safety_accident', item: 'road_traffic', village, cells, spots, extra: ROAD_EXTRA }
  }

  /** Land disputes in four adjacent cells of the most populous village of a third district. */
  private landHotSpot(geo: Geography, grids: readonly AreaFeature[], neighbours: Map<string, Set<string>>, avoid: ReadonlyArray<string | null>): HotSpotPlan | null {
    const cellsOf = (v: AreaFeature) => grids.filter((g) => g.parentId === v.id)
    const village = geo.areas
      .filter((a) => a.level === 'village' && !avoid.includes(a.parentId) && cellsOf(a).length >= 5)
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || (a.id < b.id ? -1 : 1))[0]
    if (!village) return null
    const first = [...cellsOf(village)].sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || (a.id < b.id ? -1 : 1))[0]!
    const cells = this.grow(first, neighbours, 4, (id) => this.byId.get(id)!.parentId === village.id, (id) => this.byId.get(id)!.population ?? 0)
    return { id: 'land', category: 'mass_incident', item: 'land_disputes', village, cells, spots: null, extra: LAND_EXTRA }
  }

  /** A connected set of up to `size` cells from `first`, taking the best-scored neighbour each time. */
  private grow(first: AreaFeature, neighbours: Map<string, Set<string>>, size: number, allowed: (id: string) => boolean, score: (id: string) => number): AreaFeature[] {
    const chosen = [first.id]
    while (chosen.length < size) {
      const next = [...new Set(chosen.flatMap((id) => [...neighbours.get(id)!]))]
        .filter((id) => !chosen.includes(id) && allowed(id))
        .sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1))[0]
      if (!next) break
      chosen.push(next)
    }
    return chosen.map((id) => this.byId.get(id)!)
  }

  /**
   * The district with the most villages (the first by id on a tie) but the road hot spot's: enough
   * hazards fall due in each of its weeks that its overdue count rises week on week.
   */
  private stalledDistrict(geo: Geography, avoid: string | null): StallPlan {
    const villages = (d: AreaFeature) => geo.areas.filter((a) => a.parentId === d.id).length
    const districts = geo.areas.filter((a) => a.level === 'district' && a.id !== avoid)
    const district = districts.sort((a, b) => villages(b) - villages(a) || (a.id < b.id ? -1 : 1))[0]!
    const from = this.asOf - STALL_DAYS
    // A few ordinary ones assessed early in the stall fall due in each of its last weeks: the count keeps rising to the end.
    const falling = [3, 5, 7, 9].map((d) => ({ level: 'general', from: from + d }) as const)
    const forced = [{ level: 'major', from: from + 2 }, { level: 'significant', from: from + 2 }, ...falling, { level: 'major', from: this.asOf - 9 }] as const
    return { district, from, levels: ['general', 'low'], forced }
  }

  /** One site of each REPEATS kind outside the stalled district, in different villages where it can. */
  private repeatSites(geo: Geography, random: Random): RepeatSitePlan[] {
    const used = new Set<string>()
    const out: RepeatSitePlan[] = []
    for (const r of REPEATS) {
      const candidates = geo.sites.filter((s) => s.kind === r.kind && this.byId.get(s.villageId)!.parentId !== this.stall.district.id)
      const fresh = candidates.filter((s) => !used.has(s.villageId))
      const list = fresh.length ? fresh : candidates
      if (!list.length) continue
      const site = random.pick(list)
      used.add(site.villageId)
      const category = categoryIds.find((c) => categoryById[c].items.some((i) => i.id === r.item))!
      out.push({ site, village: this.byId.get(site.villageId)!, category, item: r.item, level: r.level, returns: r.returns, from: this.asOf - r.daysBack })
    }
    return out
  }
}

// ---------------------------------------------------------------------------------------------
// Following the plan while the ledger is written (hazards in order of their day)
// ---------------------------------------------------------------------------------------------

export interface Planned {
  category: CategoryId
  item: string
  spot: Spot
  life: LifePlan
}

/** Where each repeat site stands: waiting for its first hazard, or for a return after a close-out. */
interface RepeatState {
  plan: RepeatSitePlan
  returned: number
  /** the window the next hazard is taken in (days), or null when done */
  window: [number, number] | null
  /** whether the next is the first hazard (it must close out before anything returns) */
  first: boolean
}

/** Days after a close-out that a planted return may come (well within the 60 days of REOPEN_DAYS). */
const RETURN_AFTER: [number, number] = [8, 40]

export class StructureFollower {
  private readonly repeats: RepeatState[]
  private stallForced = 0

  constructor(private readonly s: DemoStructure, private readonly random: Random) {
    this.repeats = s.repeats.map((plan) => ({ plan, returned: 0, window: [plan.from, s.asOf], first: true }))
  }

  /** A hazard moved into a hot spot: its item and a spot in the cluster. */
  hot(plan: HotSpotPlan): Planned {
    const spot = plan.spots?.length ? this.random.pick(plan.spots) : this.s.places.inCell(this.random, this.random.pick(plan.cells))
    return { category: plan.category, item: plan.item, spot, life: {} }
  }

  /**
   * A hot spot emerges where it was quiet: a hazard of its category in its cells before its build-up
   * began is moved to another place in the same village outside them (along another road, or anywhere
   * else in the village), so the cells' first hot half-months are the build-up's (pattern new or
   * consecutive, not sporadic). Returns the new spot, or null when nothing moves.
   */
  quietBefore(category: CategoryId, spot: Spot, day: number): Spot | null {
    for (const plan of this.s.hotSpots) {
      if (plan.category !== category || day >= this.s.asOf - plan.extra.length * BIN_DAYS + 1 || !plan.cells.includes(spot.grid)) continue
      for (let tries = 0; tries < 8; tries++) {
        const there = spot.feature && !spot.site ? this.random.pick(this.s.places.roadPoints()) : this.s.places.inVillage(this.random, spot.village)
        if (there.village === spot.village && !plan.cells.includes(there.grid)) return there
      }
    }
    return null
  }

  /**
   * A hazard of `village` on `day` (not a lead unit's focused find) taken for a repeat site whose
   * window is open: the site's item at the site, assessed at the site's level and finished in time.
   */
  repeatSite(village: AreaFeature, day: number): (Planned & { state: RepeatState }) | null {
    for (const r of this.repeats) {
      if (!r.window || r.plan.village !== village || day < r.window[0]) continue
      if (day > r.window[1]) {
        r.window = null
        continue
      }
      const spot = this.s.places.atSite(r.plan.site, this.random)
      return { category: r.plan.category, item: r.plan.item, spot, life: { level: r.plan.level, assessed: true, prompt: true }, state: r }
    }
    return null
  }

  /** A repeat site's hazard has lived: the next return is looked for after its close-out, if it closed. */
  lived(r: RepeatState, closedDay: number | null): void {
    if (closedDay === null) {
      // Not closed out (yet): the first hazard is tried again on the next one; a return ends the chain.
      if (!r.first) r.window = null
      return
    }
    if (!r.first) r.returned++
    r.first = false
    r.window = r.returned >= r.plan.returns ? null : [closedDay + RETURN_AFTER[0], Math.min(this.s.asOf, closedDay + RETURN_AFTER[1])]
  }

  /** How a hazard of the stalled district lives (its first ones after the stall forced to a major and a significant), or undefined elsewhere. */
  stall(village: AreaFeature, day: number, focused: boolean): LifePlan | undefined {
    const stall = this.s.stall
    if (village.parentId !== stall.district.id) return undefined
    const forced = stall.forced[this.stallForced]
    if (!focused && forced && day >= forced.from) {
      this.stallForced++
      const level = forced.level
      return { level, assessed: true, stallFrom: stall.from, stallLevels: [level] }
    }
    return { stallFrom: stall.from, stallLevels: stall.levels }
  }
}
