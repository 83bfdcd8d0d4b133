import type { MultiPolygon, Polygon } from 'geojson'
import type { AreaLevel } from '../../domain/areas'
import { type Division, placeName, shortName } from './divisions'
import { districtCount, groupDistricts } from './districts'
import { labelPoint } from './label'
import { type Parts, type Pt, geometryOf } from './planar'
import { type IParts, fromGrid, nodeAll, toGrid } from './topology'
import { adjacency, unionByEdges } from './union'
import type { TownPlan } from './town'

/** One administrative polygon. `name` is the label name (罗头村); `fullName` the official one. */
export interface AreaFeature {
  id: string
  code: string
  name: string
  fullName: string
  level: AreaLevel
  parentId: string | null
  population: number | null
  households: number | null
  geometry: Polygon | MultiPolygon
  /** a representative point inside the polygon, away from its edges: where the map puts the name */
  labelPoint: [number, number]
}

/** The areas of the planned townships, on the 1e-6° grid and noded together, with their districts. */
export interface BuiltAreas {
  areas: AreaFeature[]
  /** final geometry by area id, for placing things inside areas */
  parts: Map<string, Parts>
  /** township id → its seat village id */
  seats: Record<string, string>
}

export function buildAreas(plans: TownPlan[], county: { division: Division; parts: Parts } | null): BuiltAreas {
  // every polygon of every level goes through one noding pass, so all shared boundaries agree exactly
  const flat: Parts[] = []
  const slot = (p: Parts): number => flat.push(p) - 1
  const countySlot = county ? slot(county.parts) : -1
  const townSlots = plans.map((t) => slot(t.parts))
  const villageSlots = plans.map((t) => t.villages.map((v) => slot(v.parts)))
  const gridSlots = plans.map((t) => t.villages.map((v) => v.grids.map((g) => slot(g.parts))))
  const noded = nodeAll(flat.map(toGrid))
  const geom = (i: number): IParts => noded[i] ?? []

  const parts = new Map<string, Parts>()
  // a village's label point places its district's seat first and its own label later: found once
  const labelled = new Map<IParts, { p: Parts; label: Pt }>()
  const labelOf = (g: IParts): { p: Parts; label: Pt } => {
    const known = labelled.get(g)
    if (known) return known
    const p = fromGrid(g)
    const found = { p, label: labelPoint(p) }
    labelled.set(g, found)
    return found
  }
  const feature = (a: Omit<AreaFeature, 'geometry' | 'labelPoint'>, g: IParts): AreaFeature => {
    const { p, label } = labelOf(g)
    parts.set(a.id, p)
    return { ...a, geometry: geometryOf(p), labelPoint: label }
  }
  const levels: Record<'town' | 'district' | 'village' | 'grid', AreaFeature[]> = { town: [], district: [], village: [], grid: [] }
  const seats: Record<string, string> = {}
  const countyId = county?.division.code ?? null
  let countyPop = 0
  let countyHh = 0

  plans.forEach((plan, t) => {
    const townId = plan.division.code
    const villageGeoms = (villageSlots[t] ?? []).map(geom)
    const points = villageGeoms.map((g): Pt => labelOf(g).label)
    const pops = plan.villages.map((v) => v.population)
    const grouping = groupDistricts(points, pops, adjacency(villageGeoms), plan.seatIndex, districtCount(plan.villages.length))
    const townPop = pops.reduce((a, b) => a + b, 0)
    const townHh = plan.villages.reduce((a, v) => a + v.households, 0)
    countyPop += townPop
    countyHh += townHh
    levels.town.push(
      feature({ id: townId, code: townId, name: shortName(plan.division.name), fullName: plan.division.name, level: 'town', parentId: countyId, population: townPop, households: townHh }, geom(townSlots[t] ?? -1)),
    )
    const seatVillage = plan.villages[plan.seatIndex]
    if (seatVillage) seats[townId] = seatVillage.division.code

    const places = plan.villages.map((v) => placeName(v.division.name))
    grouping.seats.forEach((seatIdx, d) => {
      const members = plan.villages.map((_, i) => i).filter((i) => grouping.of[i] === d)
      const id = `${townId}-D${d + 1}`
      const seat = plan.villages[seatIdx]
      // 店子镇 has both 昌盛居委会 and 昌盛村: a shared place name gives way to the label name
      const place = places[seatIdx] ?? ''
      const name = `${places.filter((p) => p === place).length > 1 ? shortName(seat?.division.name ?? '') : place}管区`
      levels.district.push(
        feature(
          {
            id,
            code: id,
            name,
            fullName: `${shortName(plan.division.name)}${name}`,
            level: 'district',
            parentId: townId,
            population: members.reduce((a, i) => a + (pops[i] ?? 0), 0),
            households: members.reduce((a, i) => a + (plan.villages[i]?.households ?? 0), 0),
          },
          unionByEdges(members.map((i) => villageGeoms[i] ?? [])),
        ),
      )
      for (const i of members.slice().sort((a, b) => (plan.villages[a]?.division.code ?? '').localeCompare(plan.villages[b]?.division.code ?? ''))) {
        const v = plan.villages[i]
        if (!v) continue
        const short = shortName(v.division.name)
        levels.village.push(
          feature(
            { id: v.division.code, code: v.division.code, name: short, fullName: v.division.name, level: 'village', parentId: id, population: v.population, households: v.households },
            villageGeoms[i] ?? [],
          ),
        )
        v.grids.forEach((g, j) => {
          const gid = `${v.division.code}-G${String(j + 1).padStart(2, '0')}`
          levels.grid.push(
            feature(
              { id: gid, code: gid, name: `${short}第${j + 1}网格`, fullName: `${shortName(plan.division.name)}${short}第${j + 1}网格`, level: 'grid', parentId: v.division.code, population: g.population, households: g.households },
              geom(gridSlots[t]?.[i]?.[j] ?? -1),
            ),
          )
        })
      }
    })
  })
  const top = county
    ? [feature({ id: county.division.code, code: county.division.code, name: county.division.name, fullName: county.division.name, level: 'county', parentId: null, population: countyPop, households: countyHh }, geom(countySlot))]
    : []
  return { areas: [...top, ...levels.town, ...levels.district, ...levels.village, ...levels.grid], parts, seats }
}
