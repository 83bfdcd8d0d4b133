import { area as turfArea } from '@turf/turf'
import type { AreaLevel } from '../../domain/areas'
import type { WarningCell, WarningGeography, WarningLedger } from '../../domain/warnings/model'
import type { Services } from '../context'
import type { AreaIndex } from '../ledger'

/**
 * The detectors' input (server/domain/warnings/model.ts) from the live ledger index: a copy of its
 * typed columns and the geography of its grid cells. The geography changes only on an import
 * (which builds a new index), so it is kept per area index.
 */

/** An area as the store lists it, or as the seed's geography generates it. */
export interface GeographyArea {
  id: string
  level: AreaLevel
  parentId: string | null
  name: string
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

/** Vertices are compared on the seed's 1e-6° grid, so two shapes noded together meet exactly. */
const VERTEX_STEP = 1e-6
/** A cell that shares no vertex with any other gets this many nearest cells as neighbours. */
const FALLBACK_NEIGHBOURS = 4

/**
 * The geography the detectors read, from the area tree: grid cells in the order `areas` lists them
 * (which must be the ledger index's grid ordinals), each with its village, district, area and
 * neighbours, the villages, districts and towns. Pure: the backtest calls it without a server.
 */
export function warningGeography(areas: readonly GeographyArea[], since: number): WarningGeography {
  const byId = new Map(areas.map((a) => [a.id, a]))
  const up = (id: string | null, level: AreaLevel): GeographyArea | undefined => {
    for (let a = id ? byId.get(id) : undefined; a; a = a.parentId ? byId.get(a.parentId) : undefined) if (a.level === level) return a
    return undefined
  }
  const grids = areas.filter((a) => a.level === 'grid')
  const neighbours = adjacentCells(grids)
  const cells: WarningCell[] = grids.map((g, i) => ({
    id: g.id,
    villageId: up(g.id, 'village')?.id ?? '',
    districtId: up(g.id, 'district')?.id ?? '',
    neighbours: neighbours[i]!,
    areaKm2: turfArea(g.geometry) / 1e6,
  }))
  const villages = areas.filter((a) => a.level === 'village').map((v) => ({ id: v.id, name: v.name, districtId: up(v.id, 'district')?.id ?? '' }))
  const towns = areas.filter((a) => a.level === 'town').map((t) => ({ id: t.id, name: t.name }))
  const districts = areas.filter((a) => a.level === 'district').map((d) => {
    const town = up(d.id, 'town')
    return town ? { id: d.id, name: d.name, townId: town.id } : { id: d.id, name: d.name }
  })
  return towns.length > 0 ? { cells, villages, districts, towns, since } : { cells, villages, districts, since }
}

/** Every ring's vertices of a polygon or multipolygon. */
function* vertices(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): Generator<GeoJSON.Position> {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  for (const rings of polygons) for (const ring of rings) yield* ring
}

/**
 * Cells sharing at least one vertex are neighbours (the seed's geography is topological: shared
 * boundaries have the same vertices). A cell that meets none (an imported shape with a gap) gets
 * its nearest cells by centroid instead, both ways, so Gi*'s weights stay symmetric.
 */
function adjacentCells(grids: readonly GeographyArea[]): number[][] {
  const sets = grids.map(() => new Set<number>())
  let minX = Infinity
  let minY = Infinity
  for (const g of grids) for (const [x, y] of vertices(g.geometry)) { minX = Math.min(minX, x!); minY = Math.min(minY, y!) }
  // A vertex as one number: steps from the south-west corner (a county spans far fewer than 2^26 steps each way).
  const keyOf = (x: number, y: number) => Math.round((x - minX) / VERTEX_STEP) * 67_108_864 + Math.round((y - minY) / VERTEX_STEP)
  const first = new Map<number, number[]>()
  grids.forEach((g, i) => {
    for (const [x, y] of vertices(g.geometry)) {
      const k = keyOf(x!, y!)
      const list = first.get(k)
      if (!list) first.set(k, [i])
      else if (!list.includes(i)) {
        for (const j of list) { sets[i]!.add(j); sets[j]!.add(i) }
        list.push(i)
      }
    }
  })
  const lonely = sets.map((s, i) => (s.size === 0 ? i : -1)).filter((i) => i >= 0)
  if (lonely.length > 0 && grids.length > 1) {
    const centres = grids.map((g) => centroidOf(g.geometry))
    for (const i of lonely) {
      const [x, y] = centres[i]!
      const nearest = centres
        .map(([cx, cy], j) => ({ j, d: (cx - x) ** 2 + (cy - y) ** 2 }))
        .filter((c) => c.j !== i)
        .sort((a, b) => a.d - b.d || a.j - b.j)
        .slice(0, FALLBACK_NEIGHBOURS)
      for (const { j } of nearest) { sets[i]!.add(j); sets[j]!.add(i) }
    }
  }
  return sets.map((s) => [...s].sort((a, b) => a - b))
}

/** The mean of a shape's outer-ring vertices: near enough its middle to rank nearest cells. */
function centroidOf(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number] {
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!
  let x = 0
  let y = 0
  for (const p of ring) { x += p[0]!; y += p[1]! }
  return [x / ring.length, y / ring.length]
}

/** The geography of each area index (a new one is built on every import). */
const geographyCache = new WeakMap<AreaIndex, WarningGeography>()

/** The geography of the live area tree, its cells in the ledger index's grid order. */
function liveGeography(s: Services, since: number): WarningGeography {
  const index = s.ledger.areas
  const kept = geographyCache.get(index)
  if (kept) return kept.since === since ? kept : { ...kept, since }
  const stored = new Map<string, GeographyArea>()
  for (const a of s.store.areas.list()) stored.set(a.id, a)
  const shapeOf = (id: string): GeographyArea => {
    const a = stored.get(id)
    if (!a) throw new Error(`area ${id} of the ledger index is not in the store`)
    return a
  }
  // Non-grid areas in the store's order, then the grid cells in the index's ordinal order.
  const areas = [...stored.values()].filter((a) => a.level !== 'grid')
  for (const g of index.grids) areas.push(shapeOf(g.id))
  const geography = warningGeography(areas, since)
  geographyCache.set(index, geography)
  return geography
}

/** The ledger's first day: the campaign began with its first record. */
function firstDay(discovered: Int32Array): number {
  let min = Infinity
  for (let i = 0; i < discovered.length; i++) if (discovered[i]! < min) min = discovered[i]!
  return Number.isFinite(min) ? min : 0
}

/** The detectors' input from the live ledger: copies of the columns' used length, and the geography. */
export function warningInput(s: Services): { ledger: WarningLedger; geography: WarningGeography } {
  const c = s.ledger.columns
  const n = c.n
  const siteIds = ['']
  for (let ord = 1; ord <= c.sites.size; ord++) siteIds.push(c.sites.idOf(ord) ?? '')
  const ledger: WarningLedger = {
    n,
    id: c.id.slice(0, n),
    grid: c.grid.slice(0, n),
    item: c.item.slice(0, n),
    level: c.level.slice(0, n),
    discovered: c.discovered.slice(0, n),
    reported: c.reported.slice(0, n),
    closed: c.closed.slice(0, n),
    deadline: c.deadline.slice(0, n),
    lon: c.lon.slice(0, n),
    lat: c.lat.slice(0, n),
    site: c.site.slice(0, n),
    rectified: c.rectified.slice(0, n),
    siteIds,
  }
  return { ledger, geography: liveGeography(s, firstDay(ledger.discovered)) }
}
