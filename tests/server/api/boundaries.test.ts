import gcoord from 'gcoord'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { BoundaryImportResult, FeatureRejection } from '../../../server/domain/contract/boundaries'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import { GCJ02_PRJ, WEB_MERCATOR_PRJ, WGS84_PRJ, XIAN80_PRJ, webMercator, writeShapefile } from '../../fixtures/shapefile'
import { zipOf } from '../../fixtures/zip'
import type { Client, TestApp } from '../support/app'
import { type HazardProps, gridAccount, listAll, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

type Shape = GeoJSON.Polygon | GeoJSON.MultiPolygon
interface Area { properties: AreaProperties & { bbox: number[] }; geometry: Shape }
/** A refused import: the error body, its details the features rejected and why. */
type Rejected = ErrorBody & { error: { details: FeatureRejection[] } }

let t: TestApp
let admin: Client
let leader: Client
let cells: Area[]
let a: Area
let b: Area

const areas = async (level: string) => (await read<{ features: Area[] }>(leader.get(`/api/areas?level=${level}`))).features
const byId = async (level: string, id: string) => (await areas(level)).find((f) => f.properties.id === id)!
const ids = async (area: string) => new Set((await listAll(leader, `area=${area}`)).map((f) => f.id))

beforeAll(async () => {
  t = await openSeededApp()
  admin = await t.as('admin')
  leader = await t.as('leader')
  cells = await areas('grid')
  // Two cells of one village, each holding hazards.
  const counts = new Map<string, number>()
  for (const f of await listAll(leader)) counts.set(f.properties.areaId, (counts.get(f.properties.areaId) ?? 0) + 1)
  const village = cells.find((c) => cells.filter((d) => d.properties.parentId === c.properties.parentId && (counts.get(d.properties.id) ?? 0) > 0).length >= 2)!.properties.parentId
  ;[a, b] = cells.filter((c) => c.properties.parentId === village && (counts.get(c.properties.id) ?? 0) > 0) as [Area, Area]
}, SEEDING)
afterAll(() => t.close())

function send(as: Client, file: Uint8Array | string, fields: Record<string, string>, name = 'areas.geojson') {
  const form = new FormData()
  form.append('file', new File([typeof file === 'string' ? new TextEncoder().encode(file) : (file as Uint8Array<ArrayBuffer>)], name))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return as.raw('/api/areas/import', { method: 'POST', body: form })
}
const geojson = (features: Array<{ geometry: unknown; properties: Record<string, unknown> }>) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) })
const toGcj = (g: Shape): Shape => gcoord.transform(structuredClone(g) as never, gcoord.WGS84, gcoord.GCJ02) as unknown as Shape
const maxDiff = (x: Shape, y: Shape) => {
  const p = (x.coordinates as unknown[]).flat(3) as number[]
  const q = (y.coordinates as unknown[]).flat(3) as number[]
  return p.length === q.length ? Math.max(...p.map((v, i) => Math.abs(v - q[i]!))) : Infinity
}

describe('importing real boundaries', () => {
  it('replaces two cells’ shapes from GeoJSON by code, and places every hazard again by its point', async () => {
    const [inA, inB] = [await ids(a.properties.id), await ids(b.properties.id)]
    const before = await summaryOf(leader)
    // Swap the two cells' shapes: every hazard of one must now lie in the other.
    const file = geojson([
      { geometry: b.geometry, properties: { CODE: a.properties.code } },
      { geometry: a.geometry, properties: { CODE: b.properties.code } },
    ])
    const result = await read<BoundaryImportResult>(send(admin, file, { level: 'grid', codeField: 'CODE' }))
    expect(result).toMatchObject({ imported: 2, level: 'grid', crs: 'wgs84', format: 'geojson', rejected: [], hazards: { moved: inA.size + inB.size, unplaced: 0 } })
    expect(await ids(b.properties.id)).toEqual(inA)
    expect(await ids(a.properties.id)).toEqual(inB)
    expect((await byId('grid', a.properties.id)).geometry).toEqual(b.geometry)
    expect((await summaryOf(leader)).total).toBe(before.total)
  })

  it('locates new reports in the new shapes at once', async () => {
    const villageWorker = await t.as(gridAccount(a.properties.parentId!))
    const inOldA = (await byId('grid', b.properties.id)).properties.label
    const { hazard } = await read<{ hazard: HazardProps }>(villageWorker.post('/api/hazards', { category: 'safety_accident', item: 'fire', title: '新网格', source: 'routine', location: inOldA }), 201)
    expect(hazard.areaId).toBe(b.properties.id)
  })

  it('reads a zipped Shapefile whose .prj is GCJ-02, matching by Chinese names, and converts it to WGS 84', async () => {
    const { shp, shx, dbf } = writeShapefile([
      { geometry: toGcj(a.geometry), properties: { NAME: a.properties.name } },
      { geometry: toGcj(b.geometry), properties: { NAME: b.properties.name } },
    ], ['NAME'])
    const zip = zipOf({ '网格.shp': shp, '网格.shx': shx, '网格.dbf': dbf, '网格.prj': GCJ02_PRJ, '网格.cpg': 'UTF-8' })
    const inA = await ids(b.properties.id)
    const result = await read<BoundaryImportResult>(send(admin, zip, { level: 'grid', nameField: 'NAME' }, 'grid.zip'))
    expect(result).toMatchObject({ imported: 2, crs: 'gcj02', format: 'shapefile' })
    const now = await byId('grid', a.properties.id)
    // Converted back within a millimetre or so; unconverted, GCJ-02 would sit some 500 m off.
    expect(maxDiff(now.geometry, a.geometry)).toBeLessThan(1e-6)
    expect(maxDiff(toGcj(a.geometry), a.geometry)).toBeGreaterThan(1e-3)
    expect(await ids(a.properties.id)).toEqual(inA)
    expect(now.properties.bbox[0]).toBeCloseTo(a.properties.bbox[0]!, 6)
  })

  it('reads a GCJ-02 Shapefile whose .prj says WGS 84 when told crs=gcj02, converting it and saying the label was overridden', async () => {
    // How nearly every GCJ-02 file arrives: GCJ-02 has no EPSG code, so GIS software labels it WGS 84.
    const { shp, shx, dbf } = writeShapefile([{ geometry: toGcj(a.geometry), properties: { CODE: a.properties.code } }], ['CODE'])
    const zip = zipOf({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': dbf, 'g.prj': WGS84_PRJ })
    const result = await read<BoundaryImportResult>(
      send(admin, zip, { level: 'grid', codeField: 'CODE', crs: 'gcj02' }, 'g.zip'),
    )
    expect(result).toMatchObject({ imported: 1, crs: 'gcj02', format: 'shapefile', crsOverride: { file: 'wgs84', name: 'GCS_WGS_1984', used: 'gcj02' } })
    expect(maxDiff((await byId('grid', a.properties.id)).geometry, a.geometry)).toBeLessThan(1e-6)
    // Without crs=gcj02 the file is taken at its word, and nothing says it was overridden.
    const plain = await read<BoundaryImportResult>(send(admin, zipOf({ 'g.shp': writeShapefile([{ geometry: a.geometry, properties: { CODE: a.properties.code } }], ['CODE']).shp, 'g.dbf': dbf, 'g.prj': WGS84_PRJ }), { level: 'grid', codeField: 'CODE' }, 'g.zip'))
    expect(plain).toMatchObject({ crs: 'wgs84', crsOverride: null })
  })

  it('writes each import that re-places hazards to the audit log', async () => {
    const file = geojson([
      { geometry: b.geometry, properties: { CODE: a.properties.code } },
      { geometry: a.geometry, properties: { CODE: b.properties.code } },
    ])
    const result = await read<BoundaryImportResult>(send(admin, file, { level: 'grid', codeField: 'CODE' }))
    expect(result.hazards.moved).toBeGreaterThan(0)
    const entry = t.services.store.audit.list(5).find((e) => e.action === 'import_boundaries')
    expect(entry).toMatchObject({ username: 'admin', target: `grid:2 areas;${result.hazards.moved} hazards moved;${result.sites.moved} sites moved` })
    // and back, so the later tests find the town as it was
    await read<BoundaryImportResult>(send(admin, geojson([
      { geometry: a.geometry, properties: { CODE: a.properties.code } },
      { geometry: b.geometry, properties: { CODE: b.properties.code } },
    ]), { level: 'grid', codeField: 'CODE' }))
  })

  it('unprojects a Shapefile in a projected CRS through its .prj', async () => {
    const { shp, shx, dbf } = writeShapefile([{ geometry: webMercator(a.geometry), properties: { CODE: a.properties.code } }], ['CODE'])
    const result = await read<BoundaryImportResult>(send(admin, zipOf({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': dbf, 'g.prj': WEB_MERCATOR_PRJ }), { level: 'grid', codeField: 'CODE' }, 'g.zip'))
    expect(result).toMatchObject({ imported: 1, crs: 'wgs84', hazards: { moved: 0, unplaced: 0 } })
    expect(maxDiff((await byId('grid', a.properties.id)).geometry, a.geometry)).toBeLessThan(1e-7)
  })

  it('takes a whole level at once, unchanged shapes moving nothing', async () => {
    const villages = await areas('village')
    const result = await read<BoundaryImportResult>(send(admin, geojson(villages.map((v) => ({ geometry: v.geometry, properties: { 名称: v.properties.name } }))), { level: 'village', nameField: '名称', crs: 'cgcs2000' }))
    expect(result).toMatchObject({ imported: villages.length, crs: 'cgcs2000', reparented: 0, hazards: { moved: 0, unplaced: 0 } })
  })
})

describe('refusing a bad file whole', () => {
  const bowtie: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[120, 36.9], [120.01, 36.91], [120.01, 36.9], [120, 36.91], [120, 36.9]]] }

  it('reports every bad feature with its reasons and writes nothing (422)', async () => {
    const c = cells[5]!
    const before = await byId('grid', c.properties.id)
    const file = geojson([
      { geometry: c.geometry, properties: { CODE: c.properties.code } },
      { geometry: bowtie, properties: { CODE: cells[6]!.properties.code } },
      { geometry: { type: 'Point', coordinates: [120, 36.9] }, properties: { CODE: cells[7]!.properties.code } },
      { geometry: cells[8]!.geometry, properties: { CODE: 'no-such-cell' } },
      { geometry: cells[9]!.geometry, properties: {} },
      { geometry: c.geometry, properties: { CODE: c.properties.code } },
    ])
    const body = await read<Rejected>(send(admin, file, { level: 'grid', codeField: 'CODE' }), 422)
    expect(body.error.code).toBe('invalid_features')
    expect(body.error.details.map((r) => r.feature)).toEqual([1, 2, 3, 4, 5])
    const [kink, point, unknown, nameless, twice] = body.error.details.map((r) => r.errors.map((e) => e.message).join('; '))
    expect(kink).toContain('self-intersects')
    expect(point).toContain('Polygon or MultiPolygon')
    expect(unknown).toContain('no grid coded "no-such-cell"')
    expect(nameless).toContain('has no CODE')
    expect(twice).toContain('same grid as feature 0')
    expect(await byId('grid', c.properties.id)).toEqual(before)
  })

  it('rejects shapes that lie outside the town, or are not longitude/latitude', async () => {
    const v = (await areas('village'))[0]!
    const moved = JSON.parse(JSON.stringify(v.geometry).replace(/(\d+\.\d+),/g, (_, x: string) => `${Number(x) + 2},`)) as Shape
    const metres = JSON.parse(JSON.stringify(v.geometry).replace(/-?\d+\.\d+/g, (x) => String(Number(x) * 100_000))) as Shape
    const body = await read<Rejected>(send(admin, geojson([{ geometry: moved, properties: { n: v.properties.name } }, { geometry: metres, properties: { n: v.properties.name } }]), { level: 'village', nameField: 'n' }), 422)
    expect(body.error.details[0]!.errors[0]!.message).toContain('outside every existing district')
    expect(body.error.details[1]!.errors[0]!.message).toContain('not longitude/latitude')
  })

  it('refuses files it cannot read with 400', async () => {
    const fields = { level: 'grid', codeField: 'CODE' }
    expect((await read<ErrorBody>(send(admin, 'not json at all', fields), 400)).error.code).toBe('malformed')
    expect((await read<ErrorBody>(send(admin, '{"type":"Topology"}', fields), 400)).error.code).toBe('malformed')
    expect((await read<ErrorBody>(send(admin, zipOf({ 'readme.txt': 'no layer here' }), fields, 'x.zip'), 400)).error.message).toContain('no .shp')
    expect((await read<ErrorBody>(send(admin, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), fields, 'x.zip'), 400)).error.code).toBe('malformed')
  })

  it('refuses a Xi’an 1980 .prj, and a crs contradicting the .prj, with 400', async () => {
    const { shp, shx, dbf } = writeShapefile([{ geometry: a.geometry, properties: { CODE: a.properties.code } }], ['CODE'])
    const xian = zipOf({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': dbf, 'g.prj': XIAN80_PRJ })
    expect((await read<ErrorBody>(send(admin, xian, { level: 'grid', codeField: 'CODE' }, 'g.zip'), 400)).error.code).toBe('unsupported_crs')
    const gcj = zipOf({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': dbf, 'g.prj': GCJ02_PRJ })
    expect((await read<ErrorBody>(send(admin, gcj, { level: 'grid', codeField: 'CODE', crs: 'wgs84' }, 'g.zip'), 400)).error.code).toBe('crs_conflict')
  })

  it('refuses bad fields with 400: both or neither of nameField and codeField, an unknown level', async () => {
    const file = geojson([{ geometry: a.geometry, properties: { CODE: a.properties.code } }])
    expect((await send(admin, file, { level: 'grid', codeField: 'CODE', nameField: 'NAME' })).status).toBe(400)
    expect((await send(admin, file, { level: 'grid' })).status).toBe(400)
    expect((await read<FieldErrorBody>(send(admin, file, { level: 'county', codeField: 'CODE' }), 400)).error.details?.map((d) => d.field)).toContain('level')
  })

  for (const who of ['leader', 'analyst', 'district-1'])
    it(`refuses the ${who} with 403`, async () => {
      expect((await send(await t.as(who), geojson([]), { level: 'grid', codeField: 'CODE' })).status).toBe(403)
    })
})
