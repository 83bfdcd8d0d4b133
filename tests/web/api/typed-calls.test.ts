// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { importBoundaries } from '../../../web/api/boundaries'
import { fetchBulletin } from '../../../web/api/bulletins'
import { fetchInspections } from '../../../web/api/inspections'
import { importLedger } from '../../../web/api/ledger-files'
import { fakeServer, jsonResponse, refusal } from '../components/mount'

afterEach(() => vi.unstubAllGlobals())

const file = (name: string) => new File(['{}'], name, { type: 'application/geo+json' })
const fields = (body: unknown) => (body instanceof FormData ? [...body.keys()].sort() : [])

describe('uploads through the typed client (multipart)', () => {
  it('sends a boundary file with only the fields given, the file as a file', async () => {
    const result = { imported: 2, level: 'village', crs: 'wgs84', crsOverride: null, format: 'geojson', rejected: [], reparented: 0, hazards: { moved: 0, unplaced: 0 }, sites: { moved: 0 } }
    const server = fakeServer({ 'POST /api/areas/import': () => jsonResponse(200, result) })
    await expect(importBoundaries({ file: file('v.geojson'), level: 'village', nameField: 'NAME' })).resolves.toEqual(result)
    const [sent] = server.sent('POST /api/areas/import')
    expect(fields(sent?.body)).toEqual(['file', 'level', 'nameField'])
    expect((sent?.body as FormData).get('file')).toBeInstanceOf(File)
  })

  it('passes the import’s refusal on with its details, for the rejected features to be listed', async () => {
    const details = [{ feature: 1, key: '甲村', errors: [{ field: 'geometry', message: 'not a polygon' }] }]
    fakeServer({ 'POST /api/areas/import': () => refusal(422, 'invalid_features', '1 of 3 features were rejected', details) })
    await expect(importBoundaries({ file: file('v.geojson'), level: 'village', codeField: 'CODE', crs: 'gcj02' })).rejects.toMatchObject({ status: 422, code: 'invalid_features', details })
  })

  it('sends a ledger file alone', async () => {
    const result = { created: 1, hazards: [{ row: 2, id: 9, code: 'YH0000009' }], rejected: [] }
    const server = fakeServer({ 'POST /api/hazards/import': () => jsonResponse(200, result) })
    await expect(importLedger(file('ledger.csv'))).resolves.toEqual(result)
    expect(fields(server.sent('POST /api/hazards/import')[0]?.body)).toEqual(['file'])
  })
})

describe('reads through the typed client', () => {
  it('asks for the bulletin as JSON', async () => {
    const server = fakeServer({ 'GET /api/bulletins/2026-10': () => jsonResponse(200, { month: '2026-10' }) })
    await expect(fetchBulletin('2026-10')).resolves.toEqual({ month: '2026-10' })
    expect(server.sent('GET /api/bulletins/2026-10')[0]?.query.get('format')).toBe('json')
  })

  it('sends the inspections’ filter as the query’s text, lists comma-separated', async () => {
    const server = fakeServer({ 'GET /api/inspections': () => jsonResponse(200, { inspections: [] }) })
    await expect(fetchInspections({ area: ['V1', 'V2'], source: ['routine'], limit: 20 })).resolves.toEqual([])
    expect(Object.fromEntries(server.sent('GET /api/inspections')[0]!.query)).toEqual({ area: 'V1,V2', source: 'routine', limit: '20' })
  })
})
