import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardList, HazardPhoto } from '../../../server/domain/contract/hazards'
import type { AreaCollection } from '../../../server/domain/contract/reference'
import { type AppServer, startServer } from '../../e2e/harness'
import { picture } from '../../fixtures/images'
import { writeShapefile } from '../../fixtures/shapefile'
import { type Deflated, deflatedRepeat, zipOf } from '../../fixtures/zip'

/**
 * Hostile uploads against the real server process (server/index.ts under tsx): each is refused with
 * a 4xx (or, for the polyglot, taken and stripped) within 10 s, the process's resident memory grows
 * by at most 200 MB, and /api/health answers all the while (polled every 50 ms during each upload).
 */

const SEEDING = 180_000
const AS_OF = '2026-11-28'
const MB = 1024 * 1024

let server: AppServer
let admin: string
let grid: string
let hazardId: number
let cells: Array<{ properties: { id: string; code: string; parentId: string }; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }>
/** one deflate stream of 400 MB of zeros (about 400 KB), shared by the bombs */
let zeros: Deflated

const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid()}/status`, 'utf8'))![1]) * 1024

async function logIn(username: string): Promise<string> {
  const res = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: server.origin }, body: JSON.stringify({ username, password: 'pingan2026' }),
  })
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}
const get = (cookie: string, path: string) => fetch(`${server.origin}${path}`, { headers: { cookie } })
const send = (cookie: string, path: string, form: FormData) => fetch(`${server.origin}${path}`, { method: 'POST', headers: { cookie, origin: server.origin }, body: form })
const formOf = (fields: Record<string, string | File>) => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}
const file = (bytes: Uint8Array | string, name: string) => new File([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)], name)

interface Outcome {
  status: number
  body: string
  seconds: number
  growthMb: number
  /** health answers during the upload, and failures among them */
  health: number
  healthFailed: number
}

/** Sends one upload while polling /api/health and the server's RSS; what the user and the operator would see. */
async function underWatch(upload: () => Promise<Response>): Promise<Outcome> {
  const base = rss()
  let peak = base
  let health = 0
  let healthFailed = 0
  let done = false
  const watch = (async () => {
    while (!done) {
      peak = Math.max(peak, rss())
      const ok = await fetch(`${server.origin}/api/health`).then((r) => r.ok, () => false)
      if (done) break
      if (ok) health++
      else healthFailed++
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  const started = performance.now()
  const res = await upload()
  const body = await res.text()
  const seconds = (performance.now() - started) / 1000
  peak = Math.max(peak, rss())
  done = true
  await watch
  return { status: res.status, body, seconds, growthMb: (peak - base) / MB, health, healthFailed }
}

function expectRefused(o: Outcome, status: number | number[]) {
  expect([status].flat(), o.body.slice(0, 300)).toContain(o.status)
  expect(o.seconds).toBeLessThanOrEqual(10)
  expect(o.growthMb).toBeLessThanOrEqual(200)
  expect(o.healthFailed).toBe(0)
}

beforeAll(async () => {
  const made = deflatedRepeat('', '\0'.repeat(4096), 100 * 1024, '')
  server = await startServer({ asOf: AS_OF, timeoutMs: SEEDING })
  admin = await logIn('admin')
  const villages = ((await (await get(admin, '/api/areas?level=village')).json()) as AreaCollection).features
  ;[grid, zeros] = await Promise.all([logIn(`grid-${villages[0]!.properties.id}`), made])
  const list = (await (await get(grid, '/api/hazards?limit=1&category=safety_accident&status=reported,assessed,assigned,rectifying,rectified')).json()) as HazardList
  hazardId = list.features[0]!.id
  cells = ((await (await get(admin, '/api/areas?level=grid')).json()) as { features: typeof cells }).features
}, SEEDING)
afterAll(() => server?.stop())

describe('hostile uploads against the real server', () => {
  it('a Shapefile zip bomb (400 MB of zeros in 400 KB) is refused from its directory', async () => {
    expect(zeros.deflated.length).toBeLessThan(2 * MB)
    const zip = zipOf({ 'g.shp': zeros, 'g.dbf': 'x' })
    const o = await underWatch(() => send(admin, '/api/areas/import', formOf({ file: file(zip, 'g.zip'), level: 'grid', codeField: 'CODE' })))
    expectRefused(o, 400)
    expect(o.body).toContain('unpacks to too much')
  })

  it('a zip bomb that understates its size is refused when it inflates past what it declared', async () => {
    const zip = zipOf({ 'g.shp': { ...zeros, size: 1024 }, 'g.dbf': 'x' })
    const o = await underWatch(() => send(admin, '/api/areas/import', formOf({ file: file(zip, 'g.zip'), level: 'grid', codeField: 'CODE' })))
    expectRefused(o, 400)
  })

  it('an .xlsx bomb is refused with 413 before it is inflated', async () => {
    const xlsx = zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': zeros })
    const o = await underWatch(() => send(grid, '/api/hazards/import', formOf({ file: file(xlsx, 'ledger.xlsx') })))
    expectRefused(o, 413)
    expect(o.body).toContain('unpacks to')
  })

  it('a CSV of 300,000 rows is refused with 413 before it is parsed', async () => {
    const csv = '标题,风险类别,排查重点,发现方式,经度,纬度\r\n' + 'a,b,c,d,1,2\r\n'.repeat(300_000)
    expect(csv.length).toBeLessThan(5 * MB)
    const o = await underWatch(() => send(grid, '/api/hazards/import', formOf({ file: file(csv, 'ledger.csv') })))
    expectRefused(o, 413)
    expect(o.body).toContain('this one has 300000')
  })

  for (const [what, bytes] of [
    ['an SVG named .png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'],
    ['an HTML page named .png', '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'],
  ] as const)
    it(`${what} is refused as a photo with 415`, async () => {
      const o = await underWatch(() => send(grid, `/api/hazards/${hazardId}/photos`, formOf({ photo: file(bytes, 'photo.png'), stage: 'found' })))
      expectRefused(o, 415)
    })

  it('a polyglot JPEG (a real image with an HTML/JS tail) is taken re-encoded, without the tail, served as image/jpeg with nosniff', async () => {
    const tail = '<html><script>alert("polyglot")</script></html>'
    const polyglot = new Uint8Array([...(await picture('jpeg', 32, 32)), ...new TextEncoder().encode(tail)])
    const o = await underWatch(() => send(grid, `/api/hazards/${hazardId}/photos`, formOf({ photo: file(polyglot, 'photo.jpg'), stage: 'found' })))
    expectRefused(o, 201)
    const { photo } = JSON.parse(o.body) as { photo: HazardPhoto }
    const res = await get(grid, photo.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const served = Buffer.from(await res.arrayBuffer())
    expect(served.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    expect(served.includes('<script')).toBe(false)
    expect(served.includes('polyglot')).toBe(false)
  })

  it('a Shapefile zip with a zip-slip path (../../x.shp) is refused with 400, whatever the layer holds', async () => {
    const cell = cells[0]!
    const { shp, dbf } = writeShapefile([{ geometry: cell.geometry, properties: { CODE: cell.properties.code } }], ['CODE'])
    const zip = zipOf({ '../../x.shp': shp, '../../x.dbf': dbf })
    const o = await underWatch(() => send(admin, '/api/areas/import', formOf({ file: file(zip, 'g.zip'), level: 'grid', codeField: 'CODE' })))
    expectRefused(o, 400)
    expect(o.body).toContain('x.shp')
  })

  it('a large boundary file is checked off the event loop: /api/health keeps answering while it is', async () => {
    // 40 cells, each edge cut into 50: a few seconds of geometry checks, the same shapes as before.
    const densify = (ring: number[][]) =>
      ring.slice(0, -1).flatMap((p, i) => Array.from({ length: 50 }, (_, k) => [p[0]! + ((ring[i + 1]![0]! - p[0]!) * k) / 50, p[1]! + ((ring[i + 1]![1]! - p[1]!) * k) / 50])).concat([ring[0]!])
    const outer = (g: GeoJSON.Polygon | GeoJSON.MultiPolygon) => (g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!)
    const features = cells.slice(0, 40).map((c) => ({ type: 'Feature', properties: { CODE: c.properties.code }, geometry: { type: 'Polygon', coordinates: [densify(outer(c.geometry))] } }))
    const geojson = JSON.stringify({ type: 'FeatureCollection', features })
    const o = await underWatch(() => send(admin, '/api/areas/import', formOf({ file: file(geojson, 'areas.geojson'), level: 'grid', codeField: 'CODE' })))
    expect(o.status, o.body.slice(0, 300)).toBe(200)
    expect(o.healthFailed).toBe(0)
    // Blocked by the checks, the health poll would wait for the import's end: one answer at most.
    expect(o.health).toBeGreaterThanOrEqual(5)
    expect(o.growthMb).toBeLessThanOrEqual(200)
  })
})
