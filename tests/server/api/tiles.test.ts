import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../../server/domain/roles'
import { HazardTiles } from '../../../server/services/tiles'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

interface TileFeature {
  count: number
  category: string
  level: string
  generalised?: number
  lon: number
  lat: number
  id?: number
}

/** The tile (x, y) at zoom z holding a point. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const s = Math.sin((lat * Math.PI) / 180)
  return [Math.floor(((lon + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)]
}

async function tile(user: string, z: number, x: number, y: number, query = ''): Promise<TileFeature[]> {
  const res = await (await t.as(user)).get(`/api/tiles/hazards/${z}/${x}/${y}${query ? '?' + query : ''}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/x-protobuf')
  const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())))
  const layer = vt.layers.hazards
  if (!layer) return []
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i)
    const [lon, lat] = (f.toGeoJSON(x, y, z).geometry as GeoJSON.Point).coordinates as [number, number]
    return { ...(f.properties as unknown as TileFeature), lon, lat }
  })
}

async function townTile(z: number): Promise<[number, number]> {
  const town = (await (await (await t.as('leader')).get('/api/areas?level=town')).json()) as { features: Array<{ properties: { label: [number, number] } }> }
  return tileOf(...town.features[0]!.properties.label, z)
}

const total = async (user: string, query = '') => ((await (await (await t.as(user)).get(`/api/stats/summary?${query}`)).json()) as { total: number }).total

describe('hazard vector tiles', () => {
  it('carry every hazard of the town once, as bins when zoomed out, counting what the summary counts', async () => {
    const [x, y] = await townTile(8)
    const features = await tile('leader', 8, x, y)
    expect(features.some((f) => f.count > 1)).toBe(true)
    expect(features.reduce((n, f) => n + f.count, 0)).toBe(await total('leader'))
  })

  it('honour the list filters: a category keeps only that category, in the same number as the summary', async () => {
    const [x, y] = await townTile(8)
    const features = await tile('leader', 8, x, y, 'category=mass_incident&status=rectifying,assigned')
    expect(features.every((f) => f.category === 'mass_incident')).toBe(true)
    expect(features.reduce((n, f) => n + f.count, 0)).toBe(await total('leader', 'category=mass_incident&status=rectifying,assigned'))
  })

  it('show single hazards with their level and id when zoomed in', async () => {
    const list = (await (await (await t.as('leader')).get('/api/hazards?limit=1&category=safety_accident')).json()) as { features: Array<{ id: number; geometry: { coordinates: [number, number] } }> }
    const h = list.features[0]!
    const [x, y] = tileOf(...h.geometry.coordinates, 15)
    const features = await tile('leader', 15, x, y)
    const mine = features.find((f) => f.id === h.id)!
    expect(mine.count).toBe(1)
    expect(Math.abs(mine.lon - h.geometry.coordinates[0])).toBeLessThan(1e-4)
  })

  it('place a confidential hazard at its village for an uncleared role, and exactly for its lead unit', async () => {
    const list = (await (await (await t.as('police')).get('/api/hazards?limit=1&category=violent_terror')).json()) as { features: Array<{ id: number; geometry: { coordinates: [number, number] } }> }
    const h = list.features[0]!
    const [x, y] = tileOf(...h.geometry.coordinates, 16)
    const exact = (await tile('police', 16, x, y)).find((f) => f.id === h.id)
    expect(exact?.generalised).toBe(0)
    const analystView = (await (await (await t.as('analyst')).get(`/api/hazards/${h.id}`)).json()) as { hazard: { location: [number, number] } }
    const [vx, vy] = tileOf(...analystView.hazard.location, 16)
    const generalised = (await tile('analyst', 16, vx, vy)).find((f) => f.id === h.id)
    expect(generalised?.generalised).toBe(1)
    expect(Math.abs(generalised!.lon - analystView.hazard.location[0])).toBeLessThan(1e-4)
    if (vx !== x || vy !== y) expect((await tile('analyst', 16, x, y)).find((f) => f.id === h.id)).toBeUndefined()
  })

  it('answer 304 to a tile the browser already has, and a new tile after the ledger changes', async () => {
    const [x, y] = await townTile(10)
    const leader = await t.as('leader')
    const first = await leader.get(`/api/tiles/hazards/10/${x}/${y}`)
    const etag = first.headers.get('etag')!
    expect((await leader.raw(`/api/tiles/hazards/10/${x}/${y}`, { headers: { 'if-none-match': etag } })).status).toBe(304)
    const village = (await (await leader.get('/api/areas?level=village')).json()) as { features: Array<{ properties: { id: string; label: [number, number] } }> }
    const v = village.features[0]!.properties
    const grid = await t.as(`grid-${v.id}`)
    const created = await grid.post('/api/hazards', { category: 'safety_accident', item: 'fire', title: '楼道堆放杂物', location: v.label, source: 'routine' })
    expect(created.status).toBe(201)
    expect((await leader.raw(`/api/tiles/hazards/10/${x}/${y}`, { headers: { 'if-none-match': etag } })).status).toBe(200)
  })

  it('stay current as hazards are reported and changed: the same as tiles cut afresh', async () => {
    const leader = await t.as('leader')
    const villages = ((await (await leader.get('/api/areas?level=village')).json()) as { features: Array<{ properties: { id: string; label: [number, number] } }> }).features
    const decode = (bytes: Uint8Array, z: number, x: number, y: number) => {
      const layer = new VectorTile(new PbfReader(bytes)).layers.hazards
      const features = layer ? Array.from({ length: layer.length }, (_, i) => JSON.stringify([layer.feature(i).properties, layer.feature(i).toGeoJSON(x, y, z).geometry])) : []
      return features.sort()
    }
    // A kept cutter, warmed on tiles around the first villages at every zoom, for a leader, an analyst (generalised items),
    // a filter, and the wall (bins at every zoom, which a write patches rather than cuts again).
    const kept = new HazardTiles(t.services)
    const viewers: Array<[Actor, object]> = [[{ role: 'leader' }, {}], [{ role: 'analyst' }, {}], [{ role: 'leader' }, { status: ['reported'], category: ['safety_accident'] }], [{ role: 'wall' }, {}]]
    const places = [...new Set([8, 10, 12, 14, 16].flatMap((z) => villages.slice(0, 3).map((v) => `${z}/${tileOf(...v.properties.label, z).join('/')}`)))]
    const cut = (cutter: HazardTiles) => viewers.flatMap(([actor, filter]) => places.map((p) => { const [z, x, y] = p.split('/').map(Number) as [number, number, number]; return decode(cutter.tile(actor, filter, z, x, y), z, x, y) }))
    cut(kept)
    for (const [k, v] of villages.slice(0, 3).entries()) {
      const grid = await t.as(`grid-${v.properties.id}`)
      const created = (await (await grid.post('/api/hazards', { category: 'safety_accident', item: 'fire', title: `新隐患${k}`, location: v.properties.label, source: 'routine' })).json()) as { hazard: { id: number; version: number } }
      expect(created.hazard.id).toBeGreaterThan(0)
      if (k === 1) {
        // A change to a hazard already on the tiles before the writes began (one of the 3,000 seeded): escalated.
        const open = ((await (await grid.get('/api/hazards?limit=1000&status=reported,assessed,assigned,rectifying,rectified')).json()) as { features: Array<{ properties: { id: number; version: number; escalated: boolean } }> }).features
        const h = open.find((f) => !f.properties.escalated && f.properties.id <= 3000)!.properties
        expect((await grid.post(`/api/hazards/${h.id}/actions`, { action: 'escalate', version: h.version, reason: '疑难' })).status).toBe(200)
      }
      expect(cut(kept)).toEqual(cut(new HazardTiles(t.services)))
    }
  })

  it('refuse a tile that does not exist at its zoom', async () => {
    expect((await (await t.as('leader')).get('/api/tiles/hazards/3/8/1')).status).toBe(400)
    expect((await (await t.as('leader')).get('/api/tiles/hazards/40/0/0')).status).toBe(400)
  })

  it('stay closed to visitors without a session', async () => {
    expect((await t.anonymous.get('/api/tiles/hazards/8/0/0')).status).toBe(401)
  })
})
