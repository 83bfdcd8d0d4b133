import type { Site } from '../../domain/schemas'
import type { SiteKind } from '../../domain/sites'
import type { BuiltAreas } from './areas'
import { placeName, shortName } from './divisions'
import { round6 } from './label'
import { along, lineLength } from './lines'
import { measuresFor } from './measures'
import type { Network } from './network'
import { samplePoints } from './partition'
import { type Parts, type Pt, bboxOf, distanceToEdges, inParts } from './planar'
import { mobileNumber, personName } from './people'
import type { Rng } from './random'
import { nameOptions, ordinalName } from './siteNames'
import { offset } from './terrain'
import { type TownPlan, isUrban } from './town'

/** Sites stand clear of grid-cell edges, so nobody reads one as belonging to the cell next door. */
const clearance = 8

interface Village {
  id: string
  place: string
  at: Pt
  population: number
  parts: Parts
  bbox: [number, number, number, number]
  grids: { id: string; parts: Parts }[]
  seat: boolean
}

/** Key sites (重点场所), each in the grid cell containing it, placed where such places are found. */
export function placeSites(plans: TownPlan[], built: BuiltAreas, network: Network, rng: Rng): Site[] {
  const sites: Site[] = []
  const gridsOf = new Map<string, string[]>()
  const label = new Map<string, Pt>()
  for (const a of built.areas) {
    label.set(a.id, a.labelPoint)
    if (a.level === 'grid' && a.parentId) gridsOf.set(a.parentId, [...(gridsOf.get(a.parentId) ?? []), a.id])
  }
  for (const plan of plans) {
    const r = rng.fork(plan.division.code)
    const net = network.towns.get(plan.division.code)
    const urban = isUrban(plan.division.code)
    const townLabel = urban ? placeName(plan.division.name) : shortName(plan.division.name)
    const villages: Village[] = plan.villages.map((v, i) => {
      const parts = built.parts.get(v.division.code) ?? []
      return {
        id: v.division.code,
        place: placeName(v.division.name),
        at: label.get(v.division.code) ?? v.seed,
        population: v.population,
        parts,
        bbox: bboxOf(parts),
        grids: (gridsOf.get(v.division.code) ?? []).map((id) => ({ id, parts: built.parts.get(id) ?? [] })),
        seat: i === plan.seatIndex,
      }
    })
    const water = net?.reservoir?.parts ?? []
    const used = new Set<string>()
    const counter = new Map<string, number>()

    const locate = (p: Pt, onWater: boolean): { village: Village; grid: string } | null => {
      if (!onWater && water.length > 0 && inParts(p, water)) return null
      for (const v of villages) {
        if (p[0] < v.bbox[0] || p[0] > v.bbox[2] || p[1] < v.bbox[1] || p[1] > v.bbox[3] || !inParts(p, v.parts)) continue
        const g = v.grids.find((c) => inParts(p, c.parts))
        return g && distanceToEdges(p, g.parts) >= clearance ? { village: v, grid: g.id } : null
      }
      return null
    }
    /** Add a site at p if p is a proper place for it; names are the options, first unused wins. */
    const add = (kind: SiteKind, at: Pt, names: (v: Village) => string[], onWater = false): boolean => {
      const p: Pt = [round6(at[0]), round6(at[1])]
      const hit = locate(p, onWater)
      if (!hit) return false
      const options = names(hit.village)
      const first = options[0] ?? kind
      let name = options.find((n) => !used.has(n))
      for (let n = 2; name === undefined; n++) {
        const candidate = ordinalName(first, hit.village.place, n)
        if (!used.has(candidate)) name = candidate
      }
      used.add(name)
      const n = (counter.get(hit.village.id) ?? 0) + 1
      counter.set(hit.village.id, n)
      sites.push({
        id: `S-${hit.village.id}-${String(n).padStart(2, '0')}`,
        name,
        kind,
        areaId: hit.grid,
        villageId: hit.village.id,
        location: p,
        responsible: { name: personName(r), phone: mobileNumber(r) },
        measures: measuresFor(kind, r),
      })
      return true
    }
    const standard = (kind: SiteKind) => (v: Village): string[] => nameOptions(kind, { place: v.place, town: townLabel, seat: v.seat })
    /** Somewhere in village v's settlement, scattered around its centre. */
    const inVillage = (v: Village, kind: SiteKind, spread: number, names = standard(kind)): boolean => {
      for (let tries = 0; tries < 40; tries++) {
        const p = offset(offset(v.at, 0, r.normal() * spread), 90, r.normal() * spread)
        if (inParts(p, v.parts) && add(kind, p, names)) return true
      }
      return false
    }

    // petrol stations line the roads, the trunk road above all: 30–40 m off the carriageway
    const roadside = (lines: Pt[][], count: number): void => {
      const usable = lines.filter((l) => lineLength(l) > 500)
      for (let k = 0; k < count && usable.length > 0; k++) {
        const line = r.pick(usable)
        for (let tries = 0; tries < 20; tries++) {
          const { p, bearing } = along(line, r.range(0.1, 0.9) * lineLength(line))
          if (add('gas_station', offset(p, bearing + (r.chance(0.5) ? 90 : -90), r.range(30, 40)), standard('gas_station'))) break
        }
      }
    }
    roadside(net?.mainRoads ?? [], 4)
    roadside(net?.roads ?? [], urban ? 3 : 2)

    // the township seat gathers the shops, firms, lodging and public places
    const seat = villages[plan.seatIndex]
    if (seat) {
      const seatKinds: SiteKind[] = ['chemical_shop', 'chemical_shop', 'hardware_workshop', 'hardware_workshop', 'logistics_firm', 'logistics_firm', 'logistics_firm', 'hotel', 'hotel', 'internet_cafe', 'internet_cafe', 'market', 'square', 'station', 'hospital', 'kindergarten', 'large_complex']
      for (const kind of seatKinds) inVillage(seat, kind, 350)
      for (const school of nameOptions('school', { place: seat.place, town: townLabel, seat: true })) {
        if (inVillage(seat, 'school', 350, () => [school])) inVillage(seat, 'canteen', 350, () => [`${school}食堂`])
      }
      if (urban) for (const kind of ['high_rise', 'high_rise', 'large_complex', 'rental_cluster'] as const) inVillage(seat, kind, 350)
    }

    // schools, kindergartens and clinics in the larger villages
    const bySize = villages.filter((v) => !v.seat).sort((a, b) => b.population - a.population || a.id.localeCompare(b.id))
    bySize.forEach((v, i) => {
      const large = i < Math.ceil(bySize.length * 0.4)
      if (large && inVillage(v, 'school', 250)) inVillage(v, 'canteen', 250)
      if (large || r.chance(0.2)) inVillage(v, 'kindergarten', 250)
      if (large || r.chance(0.6)) inVillage(v, 'hospital', 250)
    })

    // the rest is scattered: scrap yards, rentals, temples and churches, small factories
    const scattered: [SiteKind, number][] = urban
      ? [['rental_cluster', 3], ['hotel', 1], ['internet_cafe', 1], ['logistics_firm', 1], ['high_rise', 1], ['scrap_yard', 1], ['religious_venue', 1]]
      : [['scrap_yard', 2], ['hardware_workshop', 2], ['rental_cluster', 1], ['religious_venue', 1], ['hazardous_enterprise', 1], ['chemical_shop', 1], ['market', 1], ['logistics_firm', 1]]
    for (const v of villages) {
      const kinds = new Set<SiteKind>()
      const want = r.int(2, 3)
      while (kinds.size < want) kinds.add(weighted(scattered, r))
      for (const kind of kinds) inVillage(v, kind, 400)
    }

    // water: the reservoir at its dam, the river in sections through the township
    if (net?.reservoir) {
      const name = net.reservoir.name
      add('reservoir', net.reservoir.dam, () => [name], true)
    }
    for (const line of net?.river?.lines ?? []) {
      const len = lineLength(line)
      for (let f = 0.1; f < 1 && len > 1000; f += 0.2) {
        for (let shift = 0; shift < 400; shift += 40) {
          if (add('river_section', along(line, f * len + shift).p, (v) => [`${net?.river?.name ?? ''}${v.place}段`], true)) break
        }
      }
    }
    // slopes where the hills are, near the villages that live under them
    const hills = net?.hills ?? []
    if (hills.length > 0) {
      let slopes = 0
      for (const p of samplePoints(hills, 40, r)) if (slopes < 8 && add('mountain_slope', p, standard('mountain_slope'))) slopes++
    }
  }
  return sites
}

function weighted<T>(options: [T, number][], rng: Rng): T {
  let x = rng.range(0, options.reduce((s, [, w]) => s + w, 0))
  for (const [v, w] of options) {
    x -= w
    if (x < 0) return v
  }
  return (options[options.length - 1] as [T, number])[0]
}
