// The two turf modules this needs (turf's own, at @turf/turf's pinned version), not @turf/turf: the
// ledger's worker thread loads its modules anew, and turf whole costs it ≈ 0.6 s of its ≈ 1.1 s start.
import { bbox as bboxOf } from '@turf/bbox'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { Site } from '../../domain/schemas'
import type { SiteKind } from '../../domain/sites'
import type { AreaFeature, Geography } from '../geography'
import { type Random, WeightedTable } from '../random'
import type { Placement } from './templates'

export interface Spot {
  location: [number, number]
  grid: AreaFeature
  village: AreaFeature
  site: Site | null
  /** a road's or a water body's name, for the ledger's wording */
  feature: string | null
}

type Shape = AreaFeature['geometry']

/**
 * An area's shape, and booleanPointInPolygon's answers laid out on a raster of its bounding box:
 * a hazard is placed with a few tests of a point in a grid cell, millions for a large ledger. A
 * raster cell that no edge of the shape comes within a raster cell of lies wholly inside or wholly
 * outside, and so does a run of such cells along a row, as the centre of its first does (turf's
 * test is exact: robust-predicates); they answer for every point in them. A point in any other
 * raster cell is tested by turf, so every answer is turf's.
 */
export class ShapeRaster {
  private static readonly N = 128
  readonly box: [number, number, number, number]
  private readonly width: number
  private readonly height: number
  /** per raster cell, row by row: 0 not yet known, 1 inside, 2 outside, 3 near an edge (turf decides) */
  private readonly state = new Uint8Array(ShapeRaster.N * ShapeRaster.N)
  /** per row: whether its cells away from the edges are known (done when a point first falls in the row) */
  private readonly known = new Uint8Array(ShapeRaster.N)

  constructor(private readonly shape: Shape) {
    this.box = bboxOf(shape) as [number, number, number, number]
    const [x0, y0, x1, y1] = this.box
    const n = ShapeRaster.N
    this.width = (x1 - x0) / n
    this.height = (y1 - y0) / n
    const rings = shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat()
    // Each edge marks the raster cells it passes through, and those around them: in each row, the
    // cells its part in that row and the rows either side lies over, and one more either way. That is
    // a cell's width from the edge, far more than rounding could move a point or an edge by.
    const { width, height } = this
    for (const ring of rings)
      for (let k = 1; k < ring.length; k++) {
        const [ax, ay] = ring[k - 1]! as [number, number]
        const [bx, by] = ring[k]! as [number, number]
        const j0 = Math.max(0, Math.floor((Math.min(ay, by) - y0) / height) - 1)
        const j1 = Math.min(n - 1, Math.floor((Math.max(ay, by) - y0) / height) + 1)
        for (let j = j0; j <= j1; j++) {
          let t0 = 0
          let t1 = 1
          if (ay !== by) {
            const ta = (y0 + (j - 1) * height - ay) / (by - ay)
            const tb = (y0 + (j + 2) * height - ay) / (by - ay)
            t0 = Math.max(0, Math.min(ta, tb))
            t1 = Math.min(1, Math.max(ta, tb))
            if (t0 > t1) continue
          }
          const xa = ax + (bx - ax) * t0
          const xb = ax + (bx - ax) * t1
          const i0 = Math.max(0, Math.floor((Math.min(xa, xb) - x0) / width) - 1)
          const i1 = Math.min(n - 1, Math.floor((Math.max(xa, xb) - x0) / width) + 1)
          for (let i = i0; i <= i1; i++) this.state[j * n + i] = 3
        }
      }
  }

  /** Row j's cells away from the edges, a run at a time: a run touches no edge, so it is all on one side. */
  private learn(j: number): void {
    const n = ShapeRaster.N
    const { box } = this
    const x0 = box[0]
    const y0 = box[1]
    const y = y0 + (j + 0.5) * this.height
    for (let i = 0; i < n; ) {
      if (this.state[j * n + i] === 3) {
        i++
        continue
      }
      const side = booleanPointInPolygon([x0 + (i + 0.5) * this.width, y], this.shape) ? 1 : 2
      for (; i < n && this.state[j * n + i] !== 3; i++) this.state[j * n + i] = side
    }
    this.known[j] = 1
  }

  /** Whether every point of a box (west, south, east, north) is inside: all the raster cells it lies in are. */
  boxInside(west: number, south: number, east: number, north: number): boolean {
    const { box } = this
    const x0 = box[0]
    const y0 = box[1]
    const x1 = box[2]
    const y1 = box[3]
    if (west < x0 || east > x1 || south < y0 || north > y1) return false
    const n = ShapeRaster.N
    const j1 = Math.min(n - 1, Math.floor((north - y0) / this.height))
    const i1 = Math.min(n - 1, Math.floor((east - x0) / this.width))
    for (let j = Math.floor((south - y0) / this.height); j <= j1; j++) {
      if (!this.known[j]) this.learn(j)
      for (let i = Math.floor((west - x0) / this.width); i <= i1; i++) if (this.state[j * n + i] !== 1) return false
    }
    return true
  }

  /** booleanPointInPolygon(p, shape). */
  inside(p: [number, number]): boolean {
    return this.contains(p[0], p[1])
  }

  /** Whether (x, y) is inside, as inside() answers: no point made to ask unless turf is asked. */
  contains(x: number, y: number): boolean {
    // Read one by one: destructured, the box was an iterator made per call (44 MB at 200,000 hazards).
    const { box } = this
    const x0 = box[0]
    const y0 = box[1]
    const x1 = box[2]
    const y1 = box[3]
    // Outside the bounding box of its points, a point is outside the shape and off its edges.
    if (x < x0 || x > x1 || y < y0 || y > y1) return false
    const n = ShapeRaster.N
    const i = Math.min(n - 1, Math.floor((x - x0) / this.width))
    const j = Math.min(n - 1, Math.floor((y - y0) / this.height))
    if (!this.known[j]) this.learn(j)
    const state = this.state[j * n + i]!
    return state === 3 ? booleanPointInPolygon([x, y], this.shape) : state === 1
  }

}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6
/** How far atSite() puts a spot from its site, at most: half this either way, in degrees. */
const SITE_JITTER = 0.0003
const waterKinds: readonly SiteKind[] = ['reservoir', 'river_section', 'mountain_slope']

/**
 * Where hazards can be: the town's grid cells weighted by population, its sites by kind, and
 * pools of points along roads and water found once, so a large ledger is placed without a
 * point-in-polygon search per hazard.
 */
export class PlacementModel {
  readonly byId = new Map<string, AreaFeature>()
  readonly villages: AreaFeature[]
  /** area id → its shape (ShapeRaster) */
  private readonly shapes = new Map<string, ShapeRaster>()
  private readonly villageTable: WeightedTable<AreaFeature>
  private readonly gridTables = new Map<string, WeightedTable<AreaFeature>>()
  /** village id → site kind → sites */
  private readonly sites = new Map<string, Map<SiteKind, Site[]>>()
  private readonly roadSpots = new Map<string, Spot[]>()
  private readonly waterSpots = new Map<string, Spot[]>()
  private allRoadSpots: Spot[] | undefined
  private readonly sitesOfKinds = new Map<readonly SiteKind[], Map<AreaFeature, Site[]>>()
  private readonly nearSites = new Map<Site, ReturnType<PlacementModel['nearSite']>>()

  constructor(geo: Geography, random: Random) {
    for (const a of geo.areas) this.byId.set(a.id, a)
    this.villages = geo.areas.filter((a) => a.level === 'village')
    this.villageTable = new WeightedTable(this.villages, this.villages.map((v) => v.population ?? 1))
    const grids = geo.areas.filter((a) => a.level === 'grid')
    for (const g of grids) this.shapes.set(g.id, new ShapeRaster(g.geometry))
    const gridsOf = new Map<string, AreaFeature[]>()
    for (const g of grids) gridsOf.set(g.parentId!, [...(gridsOf.get(g.parentId!) ?? []), g])
    for (const [v, list] of gridsOf) this.gridTables.set(v, new WeightedTable(list, list.map((g) => g.population ?? 1)))
    for (const s of geo.sites) {
      const kinds = this.sites.get(s.villageId) ?? new Map<SiteKind, Site[]>()
      kinds.set(s.kind as SiteKind, [...(kinds.get(s.kind as SiteKind) ?? []), s])
      this.sites.set(s.villageId, kinds)
    }
    const perVillage = 100 * this.villages.length
    const roads = this.pool(geo.roads.map((r) => ({ name: r.name, line: r.geometry.coordinates })), grids, random, perVillage)
    const waterLines = [
      ...geo.rivers.map((r) => ({ name: r.name, line: r.geometry.coordinates })),
      ...geo.waters.map((w) => ({ name: w.name, line: w.geometry.coordinates[0]! })),
    ]
    const waters = this.pool(waterLines, grids, random, perVillage / 2)
    for (const [spots, byVillage] of [[roads, this.roadSpots], [waters, this.waterSpots]] as const)
      for (const spot of spots) byVillage.set(spot.village.id, [...(byVillage.get(spot.village.id) ?? []), spot])
  }

  /** Points sampled along lines, each with the grid cell holding it. */
  private pool(lines: Array<{ name: string; line: number[][] }>, grids: AreaFeature[], random: Random, size: number): Spot[] {
    const segments = lines.flatMap((l) => l.line.slice(1).map((b, i) => ({ name: l.name, a: l.line[i]!, b })))
    if (segments.length === 0) return []
    const length = segments.map((s) => Math.hypot(s.b[0]! - s.a[0]!, s.b[1]! - s.a[1]!))
    const table = new WeightedTable(segments, length)
    const spots: Spot[] = []
    for (let tries = 0; spots.length < size && tries < size * 3; tries++) {
      const s = table.draw(random)
      const t = random.next()
      const p: [number, number] = [round6(s.a[0]! + (s.b[0]! - s.a[0]!) * t), round6(s.a[1]! + (s.b[1]! - s.a[1]!) * t)]
      const grid = grids.find((g) => this.shapes.get(g.id)!.inside(p))
      if (grid) spots.push({ location: p, grid, village: this.byId.get(grid.parentId!)!, site: null, feature: s.name })
    }
    return spots
  }

  /** A random point in a grid cell, by rejection inside its bounding box. */
  private pointIn(grid: AreaFeature, random: Random): [number, number] {
    const shape = this.shapeOf(grid)
    const { box } = shape
    const x0 = box[0]
    const y0 = box[1]
    const x1 = box[2]
    const y1 = box[3]
    for (let i = 0; i < 50; i++) {
      const x = round6(x0 + (x1 - x0) * random.next())
      const y = round6(y0 + (y1 - y0) * random.next())
      if (shape.contains(x, y)) return [x, y]
    }
    return grid.labelPoint
  }

  /** An area's shape: every grid cell's is made at the start, any other area's when first asked for. */
  private shapeOf(area: AreaFeature): ShapeRaster {
    let shape = this.shapes.get(area.id)
    if (!shape) this.shapes.set(area.id, (shape = new ShapeRaster(area.geometry)))
    return shape
  }

  drawVillage(random: Random): AreaFeature {
    return this.villageTable.draw(random)
  }

  inVillage(random: Random, village: AreaFeature): Spot {
    const grid = this.gridTables.get(village.id)!.draw(random)
    return { location: this.pointIn(grid, random), grid, village, site: null, feature: null }
  }

  /** A random point in a given grid cell (an emerging hot spot's cells, structure.ts). */
  inCell(random: Random, grid: AreaFeature): Spot {
    return { location: this.pointIn(grid, random), grid, village: this.byId.get(grid.parentId!)!, site: null, feature: null }
  }

  /** Every sampled point along the roads, village by village: made once (structure.ts draws from it per hazard); not to be changed. */
  roadPoints(): readonly Spot[] {
    return (this.allRoadSpots ??= [...this.roadSpots.values()].flat())
  }

  /** A spot in the village fitting the item, or null where the village has no such place. */
  place(placement: Placement, village: AreaFeature, random: Random): Spot | null {
    if (placement.at === 'road') {
      const spots = this.roadSpots.get(village.id)
      if (spots) return random.pick(spots)
    }
    if (placement.at === 'water') {
      const sites = this.sitesOf(village, waterKinds)
      if (sites.length && random.chance(0.6)) return this.atSite(random.pick(sites), random)
      const spots = this.waterSpots.get(village.id)
      if (spots) return random.pick(spots)
    }
    if (placement.at === 'site') {
      const sites = this.sitesOf(village, placement.kinds)
      if (sites.length) return this.atSite(random.pick(sites), random)
      return null
    }
    if (placement.at === 'village') return this.inVillage(random, village)
    return null
  }

  /** The village's sites of these kinds, in the order of the kinds; the lists are made once. */
  private sitesOf(village: AreaFeature, kinds: readonly SiteKind[]): Site[] {
    let byVillage = this.sitesOfKinds.get(kinds)
    if (!byVillage) this.sitesOfKinds.set(kinds, (byVillage = new Map()))
    let sites = byVillage.get(village)
    if (!sites) byVillage.set(village, (sites = kinds.flatMap((k) => this.sites.get(village.id)?.get(k) ?? [])))
    return sites
  }

  /** A spot a few metres from a site, kept inside the site's own grid cell. */
  atSite(site: Site, random: Random): Spot {
    let near = this.nearSites.get(site)
    if (!near) this.nearSites.set(site, (near = this.nearSite(site)))
    const p: [number, number] = [
      round6(site.location[0] + (random.next() - 0.5) * SITE_JITTER),
      round6(site.location[1] + (random.next() - 0.5) * SITE_JITTER),
    ]
    const location = near.inside || near.shape.inside(p) ? p : site.location
    return { location, grid: near.grid, village: near.village, site, feature: site.name }
  }

  /** What atSite() needs of a site, found once: whether every spot it can draw there is in the grid cell, so that none needs testing. */
  private nearSite(site: Site): { grid: AreaFeature; village: AreaFeature; shape: ShapeRaster; inside: boolean } {
    const grid = this.byId.get(site.areaId)!
    const shape = this.shapeOf(grid)
    // Half the jitter either way, and a micro-degree more for the rounding.
    const reach = SITE_JITTER / 2 + 1e-6
    const [x, y] = site.location
    return { grid, village: this.byId.get(site.villageId)!, shape, inside: shape.boxInside(x - reach, y - reach, x + reach, y + reach) }
  }
}
