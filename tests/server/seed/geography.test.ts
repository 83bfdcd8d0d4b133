import { readFileSync } from 'node:fs'
import {
  area,
  bbox,
  booleanIntersects,
  booleanPointInPolygon,
  booleanValid,
  difference,
  featureCollection,
  intersect,
  kinks,
  length,
  point,
  pointToLineDistance,
  polygonToLine,
} from '@turf/turf'
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'
import { SiteSchema } from '../../../server/domain/schemas'
import { type AreaFeature, type Geography, generateGeography, shortName } from '../../../server/seed/geography'

/**
 * Topology tolerances: the polygons are built to share boundaries vertex for vertex, so these are
 * far above what the generator produces; they are what a GIS user would still accept.
 *  - siblings (any two areas of one level) overlap by less than 1 m² per pair;
 *  - a child lies outside its parent by less than 1 m²;
 *  - children cover their parent up to 0.01 % of its area (gaps), and cover no more than it (overlaps).
 */
const overlapM2 = 1
const coverRatio = 1e-4

const csv = readFileSync(new URL('../../../data/pingdu-divisions.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
const villagesOf = (townCode: string) => csv.filter(([, , level, parent]) => level === 'village' && parent === townCode).map(([code, name]) => ({ code, name }))

const feat = (a: AreaFeature): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: { id: a.id }, geometry: a.geometry })
const boxesMeet = (a: number[], b: number[]) => !(a[2]! < b[0]! || b[2]! < a[0]! || a[3]! < b[1]! || b[3]! < a[1]!)

function childrenOf(g: Geography): Map<string, AreaFeature[]> {
  const m = new Map<string, AreaFeature[]>()
  for (const a of g.areas) if (a.parentId) m.set(a.parentId, [...(m.get(a.parentId) ?? []), a])
  return m
}

/** Largest overlap (m²) between any two areas of one level whose boxes meet. */
function worstSiblingOverlap(areas: AreaFeature[]): { m2: number; pair: string } {
  const items = areas.map((a) => ({ a, f: feat(a), b: bbox(a.geometry) })).sort((x, y) => x.b[0]! - y.b[0]!)
  let worst = { m2: 0, pair: '' }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length && items[j]!.b[0]! <= items[i]!.b[2]!; j++) {
      if (!boxesMeet(items[i]!.b, items[j]!.b)) continue
      const x = intersect(featureCollection([items[i]!.f, items[j]!.f]))
      const m2 = x ? area(x) : 0
      if (m2 > worst.m2) worst = { m2, pair: `${items[i]!.a.id} × ${items[j]!.a.id}` }
    }
  }
  return worst
}

function allCoordinates(g: Geography): number[] {
  const out: number[] = []
  const walk = (c: unknown): void => {
    if (typeof c === 'number') out.push(c)
    else if (Array.isArray(c)) c.forEach(walk)
  }
  for (const a of g.areas) walk([a.geometry.coordinates, a.labelPoint])
  for (const l of [...g.roads, ...g.rivers, ...g.waters]) walk(l.geometry.coordinates)
  for (const s of g.sites) walk(s.location)
  return out
}

function topologyChecks(get: () => Geography) {
  it('draws every polygon valid, without self-intersections, slivers or empty parts', () => {
    const bad: string[] = []
    for (const a of get().areas) {
      const f = feat(a)
      const parts = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates
      const perimeter = length(polygonToLine(a.geometry) as Feature<LineString>, { units: 'meters' })
      // isoperimetric quotient: 1 for a disc, ~0.6 for a long 4:1 rectangle, ≪ 0.1 for a sliver
      const compact = (4 * Math.PI * area(f)) / perimeter ** 2
      const tinyPart = parts.some((p) => area({ type: 'Polygon', coordinates: p }) < 5000)
      if (!booleanValid(f) || kinks(f).features.length > 0 || compact < 0.15 || tinyPart) bad.push(`${a.id} ${a.name} q=${compact.toFixed(2)}`)
    }
    expect(bad).toEqual([])
  })

  it('lets no two areas of a level overlap', () => {
    for (const level of ['town', 'district', 'village', 'grid'] as const) {
      const worst = worstSiblingOverlap(get().areas.filter((a) => a.level === level))
      expect(worst.m2, `${level}: ${worst.pair}`).toBeLessThan(overlapM2)
    }
  })

  it('keeps every child inside its parent, and the children cover the parent without gaps', () => {
    const g = get()
    const byId = new Map(g.areas.map((a) => [a.id, a]))
    const outside: string[] = []
    const uncovered: string[] = []
    for (const [parentId, kids] of childrenOf(g)) {
      const parent = byId.get(parentId)!
      for (const k of kids) {
        const out = difference(featureCollection([feat(k), feat(parent)]))
        if (out && area(out) >= overlapM2) outside.push(`${k.id} ${area(out).toFixed(1)} m²`)
      }
      const ratio = kids.reduce((s, k) => s + area(feat(k)), 0) / area(feat(parent)) - 1
      if (Math.abs(ratio) > coverRatio) uncovered.push(`${parentId} ${ratio}`)
    }
    expect(outside).toEqual([])
    expect(uncovered).toEqual([])
  })

  it('puts every label point inside its own polygon', () => {
    const off = get().areas.filter((a) => !booleanPointInPolygon(point(a.labelPoint), a.geometry, { ignoreBoundary: true }))
    expect(off.map((a) => a.id)).toEqual([])
  })

  it('lists parents before children, with unique ids, and the figures add up', () => {
    const g = get()
    const index = new Map(g.areas.map((a, i) => [a.id, i]))
    expect(index.size).toBe(g.areas.length)
    expect(g.areas.filter((a) => a.parentId !== null && !(index.get(a.parentId)! < index.get(a.id)!))).toEqual([])
    expect(g.areas.filter((a) => a.parentId === null).map((a) => a.id)).toEqual([g.rootId])
    for (const [parentId, kids] of childrenOf(g)) {
      const parent = g.areas[index.get(parentId)!]!
      expect(kids.reduce((s, k) => s + k.population!, 0), parentId).toBe(parent.population)
      expect(kids.reduce((s, k) => s + k.households!, 0), parentId).toBe(parent.households)
    }
  })

  it('rounds every coordinate to 6 decimals', () => {
    expect(allCoordinates(get()).filter((x) => Math.round(x * 1e6) / 1e6 !== x)).toEqual([])
  })

  it('gives every site a valid record inside its grid cell, in the village it names', () => {
    const g = get()
    const byId = new Map(g.areas.map((a) => [a.id, a]))
    const wrong = g.sites.filter((s) => {
      const cell = byId.get(s.areaId)
      return !SiteSchema.safeParse(s).success || cell?.level !== 'grid' || cell.parentId !== s.villageId || !booleanPointInPolygon(point(s.location), cell.geometry, { ignoreBoundary: true })
    })
    expect(wrong.map((s) => s.id)).toEqual([])
    expect(new Set(g.sites.map((s) => s.id)).size).toBe(g.sites.length)
  })

  it('puts petrol stations by a road, and water sites on the water', () => {
    const g = get()
    // 0.01° is over 800 m here: a cheap box test before the exact distance
    const near = (p: Position, lines: { geometry: LineString }[], m: number) =>
      lines.some((l) => boxesMeet(bbox(l.geometry), [p[0]! - 0.01, p[1]! - 0.01, p[0]! + 0.01, p[1]! + 0.01]) && pointToLineDistance(point(p), l.geometry, { units: 'meters' }) <= m)
    const stations = g.sites.filter((s) => s.kind === 'gas_station')
    expect(stations.length).toBeGreaterThan(0)
    expect(stations.filter((s) => !near(s.location, g.roads, 300)).map((s) => s.name)).toEqual([])
    expect(g.sites.filter((s) => s.kind === 'river_section' && !near(s.location, g.rivers, 50)).map((s) => s.name)).toEqual([])
    const reservoirSites = g.sites.filter((s) => s.kind === 'reservoir')
    expect(reservoirSites.length).toBe(g.waters.length)
    expect(reservoirSites.filter((s) => !g.waters.some((w) => booleanPointInPolygon(point(s.location), w.geometry))).map((s) => s.name)).toEqual([])
    expect(g.sites.filter((s) => s.kind === 'mountain_slope' && !g.hilly.some((h) => booleanPointInPolygon(point(s.location), h))).map((s) => s.name)).toEqual([])
  })

  it('feeds each reservoir from a river that rises in the hills', () => {
    const g = get()
    expect(g.waters.length).toBeGreaterThan(0)
    for (const w of g.waters) {
      expect(booleanValid(w.geometry), w.name).toBe(true)
      expect(g.rivers.some((r) => booleanIntersects(r.geometry, w.geometry)), w.name).toBe(true)
    }
    for (const h of g.hilly) expect(booleanValid(h)).toBe(true)
    const sources = g.rivers.filter((r) => g.hilly.some((h) => booleanPointInPolygon(point(r.geometry.coordinates[0]!), h)))
    expect(sources.length).toBeGreaterThanOrEqual(g.waters.length)
  })

  it('keeps roads and rivers inside the root area, and links every village to the road network', () => {
    const g = get()
    const root = g.areas.find((a) => a.id === g.rootId)!
    // planar: a boundary edge is straight in longitude/latitude; over a long edge the great circle strays metres from it
    expect(root.geometry.type).toBe('Polygon')
    const boundary = polygonToLine(root.geometry) as Feature<LineString>
    const strays = [...g.roads, ...g.rivers].filter((l) =>
      l.geometry.coordinates.some((c) => !booleanPointInPolygon(point(c), root.geometry) && pointToLineDistance(point(c), boundary, { units: 'meters', method: 'planar' }) > 1),
    )
    expect(strays.map((l) => l.id)).toEqual([])
    const villages = g.areas.filter((a) => a.level === 'village')
    const isolated = villages.filter((v) => !g.roads.some((r) => boxesMeet(bbox(r.geometry), [...v.labelPoint, ...v.labelPoint]) && pointToLineDistance(point(v.labelPoint), r.geometry, { units: 'meters' }) < 10))
    expect(isolated.map((v) => v.name)).toEqual([])
  })
}

describe('the demo town (旧店镇)', () => {
  let g: Geography
  beforeAll(() => {
    g = generateGeography({ seed: 1, scope: 'town' })
  })

  it('has the 28 real villages with their names and codes, in 4–6 districts and 200–400 grid cells', () => {
    const villages = g.areas.filter((a) => a.level === 'village')
    const real = villagesOf('370283122')
    expect(real).toHaveLength(28)
    expect(villages.map((v) => v.code).sort()).toEqual(real.map((r) => r.code).sort())
    for (const v of villages) {
      const r = real.find((x) => x.code === v.code)!
      expect([v.id, v.fullName, v.name]).toEqual([r.code, r.name, shortName(r.name!)])
    }
    expect(g.rootId).toBe('370283122')
    expect(g.areas[0]).toMatchObject({ id: '370283122', name: '旧店镇', level: 'town', parentId: null })
    const districts = g.areas.filter((a) => a.level === 'district')
    expect(districts.length).toBeGreaterThanOrEqual(4)
    expect(districts.length).toBeLessThanOrEqual(6)
    const grids = g.areas.filter((a) => a.level === 'grid')
    expect(grids.length).toBeGreaterThanOrEqual(200)
    expect(grids.length).toBeLessThanOrEqual(400)
    for (const v of villages) {
      const n = grids.filter((c) => c.parentId === v.id).length
      expect(n, v.name).toBeGreaterThanOrEqual(2)
      expect(n, v.name).toBeLessThanOrEqual(8)
    }
  })

  it('forms each district from neighbouring villages and names it after its seat village', () => {
    const districts = g.areas.filter((a) => a.level === 'district')
    const villageNames = g.areas.filter((a) => a.level === 'village').map((v) => v.name)
    for (const d of districts) {
      expect(d.geometry.type, d.name).toBe('Polygon')
      expect(d.id).toMatch(/^370283122-D\d$/)
      expect(villageNames.some((n) => `${n.replace(/村$/, '')}管区` === d.name), d.name).toBe(true)
    }
    expect(new Set(districts.map((d) => d.name)).size).toBe(districts.length)
    expect(districts[0]!.name).toBe('旧店管区')
    expect(g.seats).toEqual({ '370283122': '370283122381' })
  })

  it('gives villages believable rural population and households', () => {
    for (const v of g.areas.filter((a) => a.level === 'village')) {
      expect(v.population!, v.name).toBeGreaterThanOrEqual(500)
      expect(v.population!, v.name).toBeLessThanOrEqual(8000)
      const perHousehold = v.population! / v.households!
      expect(perHousehold, v.name).toBeGreaterThanOrEqual(2.59)
      expect(perHousehold, v.name).toBeLessThanOrEqual(3.01)
    }
  })

  it('has a trunk road through the township seat and roads between the villages', () => {
    const seat = g.areas.find((a) => a.id === g.seats['370283122'])!
    const main = g.roads.filter((r) => r.kind === 'main_road')
    expect(main.length).toBeGreaterThan(0)
    expect(main.some((r) => pointToLineDistance(point(seat.labelPoint), r.geometry, { units: 'meters' }) < 10)).toBe(true)
    expect(g.roads.filter((r) => r.kind === 'road').length).toBeGreaterThanOrEqual(27)
    expect(g.rivers.length).toBeGreaterThan(0)
    expect(g.hilly.length).toBeGreaterThan(0)
  })

  it('has at least 150 key sites of at least 15 kinds, each kind where it belongs', () => {
    expect(g.sites.length).toBeGreaterThanOrEqual(150)
    expect(new Set(g.sites.map((s) => s.kind)).size).toBeGreaterThanOrEqual(15)
    const seatId = g.seats['370283122']
    for (const kind of ['station', 'square'] as const) {
      expect(g.sites.filter((s) => s.kind === kind).every((s) => s.villageId === seatId), kind).toBe(true)
    }
    // schools go to the seat and the bigger villages: their villages are bigger than the median
    const pop = new Map(g.areas.map((a) => [a.id, a.population ?? 0]))
    const populations = g.areas.filter((a) => a.level === 'village').map((a) => a.population!).sort((a, b) => a - b)
    const median = populations[Math.floor(populations.length / 2)]!
    for (const s of g.sites.filter((x) => x.kind === 'school')) expect(pop.get(s.villageId)!, s.name).toBeGreaterThanOrEqual(median)
    expect(new Set(g.sites.map((s) => s.name)).size).toBe(g.sites.length)
    for (const s of g.sites) {
      expect(s.responsible.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
      expect(s.responsible.phone).toMatch(/^1[3-9]\d{9}$/)
      expect(Object.values(s.measures).every((m) => /[\u4e00-\u9fa5]/.test(m))).toBe(true)
    }
  })

  topologyChecks(() => g)

  it('is deterministic: the same seed gives the same bytes, another seed another town', () => {
    const again = generateGeography({ seed: 1, scope: 'town' })
    expect(JSON.stringify(again)).toBe(JSON.stringify(g))
    const other = generateGeography({ seed: 2, scope: 'town' })
    expect(JSON.stringify(other.areas)).not.toBe(JSON.stringify(g.areas))
    expect(JSON.stringify(other.sites)).not.toBe(JSON.stringify(g.sites))
  })
})

describe('the whole county (平度市)', () => {
  let g: Geography
  beforeAll(() => {
    g = generateGeography({ seed: 1, scope: 'city' })
  }, 60_000)

  it('has the county, its 18 townships and 363 villages with real codes, each township with districts', () => {
    expect(g.rootId).toBe('370283')
    expect(g.areas[0]).toMatchObject({ id: '370283', name: '平度市', level: 'county', parentId: null })
    const towns = g.areas.filter((a) => a.level === 'town')
    expect(towns.map((t) => t.code).sort()).toEqual(csv.filter(([, , level]) => level === 'township').map(([code]) => code).sort())
    expect(towns.every((t) => t.parentId === '370283')).toBe(true)
    const villages = g.areas.filter((a) => a.level === 'village')
    expect(villages).toHaveLength(363)
    expect(villages.map((v) => v.code).sort()).toEqual(csv.filter(([, , level]) => level === 'village').map(([code]) => code).sort())
    for (const t of towns) {
      const districts = g.areas.filter((a) => a.parentId === t.id)
      const n = villagesOf(t.code).length
      expect(districts.length, t.name).toBeGreaterThanOrEqual(1)
      expect(districts.length, t.name).toBeLessThanOrEqual(Math.max(1, Math.ceil(n / 5)))
      // one piece each: a district is a contiguous group of neighbouring villages
      expect(districts.filter((d) => d.geometry.type !== 'Polygon').map((d) => d.name)).toEqual([])
      expect(Object.keys(g.seats)).toContain(t.id)
    }
  })

  it('keeps the real county outline', () => {
    const outline = JSON.parse(readFileSync(new URL('../../../data/pingdu-outline.geojson', import.meta.url), 'utf8')).features[0]
    const county = g.areas[0]!
    expect(Math.abs(area(feat(county)) / area(outline) - 1)).toBeLessThan(1e-3)
  })

  it('has sites in every township and water in the hilly ones', () => {
    for (const t of g.areas.filter((a) => a.level === 'town')) {
      expect(g.sites.filter((s) => s.villageId.startsWith(t.code)).length, t.name).toBeGreaterThanOrEqual(30)
    }
    expect(g.waters.length).toBeGreaterThanOrEqual(3)
  })

  topologyChecks(() => g)
})
