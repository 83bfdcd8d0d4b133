import type { MultiPolygon, Polygon } from 'geojson'
import { toDay } from '../../../server/domain/days'
import type { Site } from '../../../server/domain/schemas'
import type { WarningGeography } from '../../../server/domain/warnings/model'
import { generateGeography } from '../../../server/seed/geography'
import { warningGeography } from '../../../server/services/warnings/input'

/**
 * The backtest's town: the demo's (scope 'town', seed 2026, as server/seed/demo.ts builds it), read
 * as the detectors read it (warningGeography), plus what the generator needs to place a hazard:
 * each cell's polygon and bounding box, its key sites, its village.
 */

/** The backtest's campaign: 24 half-months from its first day. */
export const SINCE = toDay('2026-01-01')
export const PERIODS = 24
/** The as-of day of period p (0 = the campaign's first half-month): its last day, where the detectors' bin 0 ends. */
export const periodEnd = (p: number) => SINCE + 15 * p + 14
export const periodOf = (day: number) => Math.floor((day - SINCE) / 15)

export interface TownCell {
  ord: number
  id: string
  villageOrd: number
  geometry: Polygon | MultiPolygon
  bbox: [number, number, number, number]
  /** key sites inside it, with their ordinals (1-based, 0 is none) */
  sites: Array<{ ord: number; site: Site }>
}

export interface Town {
  geography: WarningGeography
  cells: TownCell[]
  sites: Site[]
  /** village ordinal (geography.villages) → its cells' ordinals */
  cellsOfVillage: number[][]
  areaKm2: number
}

let cached: Town | null = null

/** The demo town, built once per process (its geography takes a couple of seconds). */
export function backtestTown(): Town {
  if (cached) return cached
  const geo = generateGeography({ seed: 2026, scope: 'town' })
  const geography = warningGeography(geo.areas, SINCE)
  const feature = new Map(geo.areas.map((a) => [a.id, a]))
  const villageOrd = new Map(geography.villages.map((v, i) => [v.id, i]))
  const siteOrd = new Map(geo.sites.map((s, i) => [s.id, i + 1]))
  const sitesOfCell = new Map<string, Array<{ ord: number; site: Site }>>()
  for (const s of geo.sites) sitesOfCell.set(s.areaId, [...(sitesOfCell.get(s.areaId) ?? []), { ord: siteOrd.get(s.id)!, site: s }])
  const cells = geography.cells.map((c, ord): TownCell => {
    const f = feature.get(c.id)
    if (!f) throw new Error(`cell ${c.id} is not among the demo's areas`)
    return { ord, id: c.id, villageOrd: villageOrd.get(c.villageId)!, geometry: f.geometry, bbox: bboxOf(f.geometry), sites: sitesOfCell.get(c.id) ?? [] }
  })
  const cellsOfVillage = geography.villages.map(() => [] as number[])
  for (const c of cells) cellsOfVillage[c.villageOrd]!.push(c.ord)
  cached = { geography, cells, sites: geo.sites, cellsOfVillage, areaKm2: geography.cells.reduce((s, c) => s + c.areaKm2, 0) }
  return cached
}

function rings(g: Polygon | MultiPolygon): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
}

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const poly of rings(g))
    for (const [x, y] of poly[0]!) {
      b[0] = Math.min(b[0], x!); b[1] = Math.min(b[1], y!); b[2] = Math.max(b[2], x!); b[3] = Math.max(b[3], y!)
    }
  return b
}

/** Even–odd ray casting over every ring (holes included). */
export function inside(g: Polygon | MultiPolygon, x: number, y: number): boolean {
  let odd = false
  for (const poly of rings(g))
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!
        const [xj, yj] = ring[j]!
        if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) odd = !odd
      }
  return odd
}
