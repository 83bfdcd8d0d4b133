import { bboxPolygon, featureCollection, intersect, polygon } from '@turf/turf'
import type { Polygon } from 'geojson'
import type { Site } from '../../domain/schemas'
import { type AreaFeature, buildAreas } from './areas'
import { cleanWithin } from './clip'
import { readDivisions, readOutline } from './divisions'
import { type LineFeature, type WaterFeature, buildNetwork } from './network'
import { partition } from './partition'
import { type Parts, partsOf, ringOf } from './planar'
import { createRng } from './random'
import { placeSites } from './sites'
import { planTown } from './town'
import { demoTownCode, townshipSettings } from './townships'

export type { AreaFeature } from './areas'
export type { LineFeature, WaterFeature } from './network'
export { placeName, shortName } from './divisions'

export type Scope = 'town' | 'city'

export interface Geography {
  scope: Scope
  /** the township's id at scope 'town', the county's (370283 平度市) at scope 'city' */
  rootId: string
  /** parents before children: county, townships, districts, villages, grid cells */
  areas: AreaFeature[]
  roads: LineFeature[]
  rivers: LineFeature[]
  waters: WaterFeature[]
  sites: Site[]
  /** township id → id of its seat village (镇驻地) */
  seats: Record<string, string>
  /** the hillier parts, where natural-disaster hazards (landslides, mountain torrents) belong */
  hilly: Polygon[]
}

/**
 * The published outline repeats vertices and touches itself in places; a clip to a box around it
 * cleans it. cleanWithin gives that clip's result without polyclip's cost where it can.
 */
function cleanOutline(outline: Polygon): Parts {
  const box: [number, number, number, number] = [119, 36, 121, 38]
  const [only] = outline.coordinates
  const quick = outline.coordinates.length === 1 && only ? cleanWithin(ringOf(only), box) : null
  if (quick) return quick
  const cleaned = intersect(featureCollection([polygon(outline.coordinates), bboxPolygon(box)]))
  if (!cleaned) throw new Error('empty county outline')
  return partsOf(cleaned.geometry)
}

/**
 * The demo geography: real names and codes of 平度市's divisions inside its real outline, with generated
 * boundaries, population, roads, water and key sites. Same seed and scope, same bytes.
 */
export function generateGeography(opts: { seed: number; scope: Scope }): Geography {
  const { seed, scope } = opts
  const rng = createRng(seed)
  const divisions = readDivisions()
  const county = divisions.find((d) => d.level === 'county')
  if (!county) throw new Error('pingdu-divisions.csv has no county row')
  const countyParts = cleanOutline(readOutline())
  const townCells = partition(
    countyParts,
    townshipSettings.map((s) => s.seat),
  )
  const townships = divisions.filter((d) => d.level === 'township' && (scope === 'city' || d.code === demoTownCode))
  const plans = townships.map((d) => {
    const i = townshipSettings.findIndex((s) => s.code === d.code)
    const setting = townshipSettings[i]
    const cell = townCells[i]
    if (!setting || !cell) throw new Error(`no township setting for ${d.code} ${d.name}`)
    const members = divisions.filter((v) => v.level === 'village' && v.parentCode === d.code)
    return planTown(d, setting, cell, members, rng.fork(d.code))
  })
  const built = buildAreas(plans, scope === 'city' ? { division: county, parts: countyParts } : null)
  const rootId = scope === 'city' ? county.code : demoTownCode
  const root = built.parts.get(rootId)
  if (!root) throw new Error('root area missing')
  const network = buildNetwork(plans, built, root, countyParts, rng.fork('network'))
  const sites = placeSites(plans, built, network, rng.fork('sites'))
  return {
    scope,
    rootId,
    areas: built.areas,
    roads: network.roads,
    rivers: network.rivers,
    waters: network.waters,
    sites,
    seats: built.seats,
    hilly: network.hilly,
  }
}
