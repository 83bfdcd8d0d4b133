/**
 * npm run bench:api — the statistics on the town and on a 500,000-hazard ledger, each beside the
 * physical floor (a bare typed-array scan of the same rows), and a Hono route against bare node:http
 * sending the same bytes (autocannon on loopback). Pass --hazards N to change the large ledger.
 */
import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { createApp } from '../../server/app'
import { readEnv } from '../../server/env'
import { statusIds } from '../../server/domain/statuses'
import { itemCategory } from '../../server/services/ledger/codes'
import { toDay } from '../../server/domain/days'
import { areaTable, summary, trend } from '../../server/services/statistics'
import { startServices } from '../../server/start'
import { ms, ratio, report, timeAsync, timeIt } from './support'

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' }, seconds: { type: 'string', default: '5' } } })
const AS_OF = '2026-11-28'
const leader = { role: 'leader' as const }

async function ledgerFigures(label: string, hazards: number | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-'))
  const env = readEnv({ DB_PATH: join(dir, 'bench.db'), AS_OF, ...(hazards ? { HAZARDS: String(hazards) } : {}) })
  const s = await startServices(env)
  const cols = s.ledger.columns
  const n = cols.n
  // The floor: the fewest typed arrays that answer the same questions, scanned with no filter logic at all.
  const status = cols.status.slice(0, n)
  const category = Uint8Array.from(cols.item.subarray(0, n), (i) => itemCategory[i]!)
  const level = cols.level.slice(0, n)
  const source = cols.source.slice(0, n)
  const discovered = cols.discovered.slice(0, n)
  const closed = cols.closed.slice(0, n)
  const villageOf = s.ledger.areas.gridAncestor.get('village')!
  const village = Int32Array.from(cols.grid.subarray(0, n), (g) => villageOf[g]!)
  const floorSummary = () => {
    const a = new Int32Array(statusIds.length), b = new Int32Array(4), c = new Int32Array(5), d = new Int32Array(4)
    for (let i = 0; i < n; i++) { a[status[i]!]!++; b[category[i]!]!++; c[level[i]!]!++; d[source[i]!]!++ }
    return a[0]! + b[0]! + c[0]! + d[0]!
  }
  const start = toDay(s.store.meta.get('campaignStart')!)
  const floorTrend = () => {
    const r = new Int32Array(400), x = new Int32Array(400)
    for (let i = 0; i < n; i++) { r[discovered[i]! - start]!++; if (closed[i]) x[closed[i]! - start]!++ }
    return r[0]! + x[0]!
  }
  const villages = s.ledger.areas.byLevel.get('village')!.length
  const floorVillages = () => {
    const t = new Int32Array(villages), o = new Int32Array(villages)
    for (let i = 0; i < n; i++) { t[village[i]!]!++; if (!closed[i]) o[village[i]!]!++ }
    return t[0]! + o[0]!
  }
  const rows: Array<Record<string, string | number>> = []
  const add = (what: string, ours: { p50: number; p95: number }, floor: { p50: number; p95: number }) =>
    rows.push({ ledger: label, hazards: n, query: what, 'ours p50': ms(ours.p50), 'ours p95': ms(ours.p95), 'floor p95': ms(floor.p95), 'ours/floor (p95)': ratio(ours.p95, floor.p95) })
  add('summary', timeIt(() => summary(s, leader, {})), timeIt(floorSummary))
  add('trend (half-month)', timeIt(() => trend(s, leader, {}, 'half-month')), timeIt(floorTrend))
  add('per-village table', timeIt(() => areaTable(s, leader, {}, 'village')), timeIt(floorVillages))
  add('summary, filtered (safety_accident, open, this year)', timeIt(() => summary(s, leader, { category: ['safety_accident'], status: ['assigned', 'rectifying'], from: '2026-01-01' })), timeIt(floorSummary))

  // Through HTTP in-process (routing, validation, session, JSON) — what a client waits for, less the socket.
  const app = createApp(s)
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: 'pingan2026' }) })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  for (const [what, path] of [['GET /api/stats/summary', '/api/stats/summary'], ['GET /api/stats/trend', '/api/stats/trend'], ['GET /api/stats/areas?level=village', '/api/stats/areas?level=village']] as const)
    rows.push({ ledger: label, hazards: n, query: what, ...(await (async () => { const t = await timeAsync(async () => (await app.request(path, { headers: { cookie } })).text()); return { 'ours p50': ms(t.p50), 'ours p95': ms(t.p95) } })()) })
  return { rows, s, app, cookie, dir }
}

const town = await ledgerFigures('town', undefined)
const city = await ledgerFigures(`${Number(values.hazards).toLocaleString('en')}`, Number(values.hazards))
report('api-statistics', [...town.rows, ...city.rows])

// Hono against bare node:http, the same bytes, on loopback.
const body = await (await city.app.request('/api/stats/summary', { headers: { cookie: city.cookie } })).text()
const hono = serve({ fetch: city.app.fetch, port: 0, hostname: '127.0.0.1' })
// The bare server does the same work (the same summary over the same index) and sends the same bytes.
const bare = createServer((_req, res) => {
  const text = JSON.stringify(summary(city.s, leader, {}))
  if (text !== body) throw new Error('bare and Hono disagree')
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(text)
}).listen(0, '127.0.0.1')
await new Promise((r) => setTimeout(r, 200))
const portOf = (srv: { address(): unknown }) => (srv.address() as { port: number }).port
const run = (url: string, headers: Record<string, string> = {}) =>
  autocannon({ url, connections: 10, duration: Number(values.seconds), headers })
const honoRun = await run(`http://127.0.0.1:${portOf(hono)}/api/stats/summary`, { cookie: city.cookie })
const bareRun = await run(`http://127.0.0.1:${portOf(bare)}/`)
report('api-http', [
  { server: `Hono GET /api/stats/summary (${city.s.ledger.size} hazards; session, validation, JSON)`, 'req/s': Math.round(honoRun.requests.average), 'p50': ms(honoRun.latency.p50), 'p99': ms(honoRun.latency.p99) },
  { server: 'bare node:http, the same summary and bytes', 'req/s': Math.round(bareRun.requests.average), 'p50': ms(bareRun.latency.p50), 'p99': ms(bareRun.latency.p99) },
  { server: 'Hono throughput as a share of bare', 'req/s': ratio(honoRun.requests.average, bareRun.requests.average), p50: '', p99: '' },
])
hono.close()
bare.close()
for (const x of [town, city]) {
  x.s.store.close()
  rmSync(x.dir, { recursive: true, force: true })
}
process.exit(0)
