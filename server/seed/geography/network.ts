import type { LineString, Polygon } from 'geojson'
import type { BuiltAreas } from './areas'
import { placeName } from './divisions'
import { labelPoint } from './label'
import { clipLine, curve, join, lineLength, roundLine } from './lines'
import { type Parts, type Pt, inParts } from './planar'
import type { Rng } from './random'
import { villageLinks } from './roads'
import { fromGrid, toGrid } from './topology'
import { type TownPlan, isUrban } from './town'
import { countySeat } from './townships'
import { type Reservoir, placeReservoir, traceRiver } from './water'

export interface LineFeature {
  id: string
  name: string
  kind: 'main_road' | 'road' | 'river'
  geometry: LineString
}

export interface WaterFeature {
  id: string
  name: string
  kind: 'reservoir'
  geometry: Polygon
}

/** What site placement needs to know about one township's roads and water. */
export interface TownNetwork {
  mainRoads: Pt[][]
  roads: Pt[][]
  river: { name: string; lines: Pt[][] } | null
  reservoir: Reservoir | null
  hills: Parts
}

export interface Network {
  roads: LineFeature[]
  rivers: LineFeature[]
  waters: WaterFeature[]
  hilly: Polygon[]
  towns: Map<string, TownNetwork>
}

const lineFeatures = (id: string, name: string, kind: LineFeature['kind'], line: Pt[], root: Parts): LineFeature[] =>
  clipLine(line, root)
    .map(roundLine)
    .filter((piece) => piece.length >= 2 && lineLength(piece) > 50)
    .map((piece, i, all) => ({ id: all.length > 1 ? `${id}-${i + 1}` : id, name, kind, geometry: { type: 'LineString', coordinates: piece } }))

/** Roads, rivers and reservoirs of the planned townships; lines are clipped to the root area. */
export function buildNetwork(plans: TownPlan[], built: BuiltAreas, root: Parts, county: Parts, rng: Rng): Network {
  const net: Network = { roads: [], rivers: [], waters: [], hilly: [], towns: new Map() }
  const label = new Map(built.areas.map((a) => [a.id, a.labelPoint]))
  for (const plan of plans) {
    const code = plan.division.code
    const r = rng.fork(code)
    const town = built.parts.get(code) ?? []
    const villages = plan.villages.map((v) => ({ id: v.division.code, name: placeName(v.division.name), at: label.get(v.division.code) ?? v.seed }))
    const seat = villages[plan.seatIndex]?.at ?? plan.setting.seat

    // a trunk road from the county seat through the township seat, and onward out of the county
    const mainLines: Pt[][] = []
    if (!isUrban(code)) {
      const onward = plan.setting.onward
      const line = onward ? join(curve(countySeat, seat, r, 0.05), curve(seat, onward.toward, r, 0.05)) : curve(countySeat, seat, r, 0.05)
      const name = onward?.name ?? `平度—${placeName(plan.division.name)}公路`
      mainLines.push(line)
      net.roads.push(...lineFeatures(`main-${code}`, name, 'main_road', line, root))
    }

    const hills = plan.hills?.parts ?? []
    for (const h of fromGrid(toGrid(hills))) net.hilly.push({ type: 'Polygon', coordinates: h })

    // a river rising in the hills, through a reservoir, out of the township (and on to the county's edge)
    let river: TownNetwork['river'] = null
    let reservoir: TownNetwork['reservoir'] = null
    const setting = plan.setting.hills
    if (setting && hills.length > 0) {
      const line = traceRiver(labelPoint(hills), setting.flowBearing, county, r)
      reservoir = placeReservoir(clipLine(line, town)[0] ?? [], town, villages, mainLines, r)
      river = { name: setting.river, lines: clipLine(line, town) }
      net.rivers.push(...lineFeatures(`river-${code}`, setting.river, 'river', line, root))
      const [ring] = reservoir ? fromGrid(toGrid(reservoir.parts)) : []
      if (reservoir && ring) net.waters.push({ id: `reservoir-${code}`, name: reservoir.name, kind: 'reservoir', geometry: { type: 'Polygon', coordinates: ring } })
    }

    // village roads: every village reachable, around the reservoir rather than through it
    const water = reservoir?.parts ?? []
    const blocked = (a: Pt, b: Pt): boolean => [0.2, 0.35, 0.5, 0.65, 0.8].some((t) => inParts([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], water))
    const villageRoads = villageLinks(
      villages.map((v) => v.at),
      blocked,
    ).map(([i, j], n) => {
      const a = villages[i] as (typeof villages)[number]
      const b = villages[j] as (typeof villages)[number]
      const line = curve(a.at, b.at, r, 0.06)
      net.roads.push(...lineFeatures(`road-${code}-${String(n + 1).padStart(2, '0')}`, `${a.name}—${b.name}路`, 'road', line, root))
      return line
    })

    net.towns.set(code, {
      mainRoads: mainLines.flatMap((l) => clipLine(l, town)),
      roads: [...mainLines, ...villageRoads].flatMap((l) => clipLine(l, town)),
      river,
      reservoir,
      hills,
    })
  }
  return net
}

