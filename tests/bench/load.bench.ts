/**
 * npm run bench:load — the server under mixed load (issue 11, the battery). On the city ledger
 * (SCOPE=city, 500,000 hazards; seeded once into test-output/bench-cache and copied for each run,
 * since the run writes to it), a real server process on loopback takes 16 readers on the summary,
 * the list and hazard tiles and 4 writers reporting hazards, for 60 s (autocannon). Reported: p50
 * and p99 of each, errors and non-2xx answers, the server's peak RSS; and beside them a bare
 * node:http server answering the same bytes under the same load, the floor of what the socket and
 * the client cost. The targets (p99 summary ≤ 100 ms, create ≤ 300 ms, 0 errors, RSS < 1 GB)
 * are printed beside the figures, not asserted: this is a bench, not a test.
 *
 *   npm run bench:load -- [--seconds 60] [--hazards 500000] [--readers 16] [--writers 4]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { freePort } from '../server/support/http'
import { ms, report } from './support'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' }, hazards: { type: 'string', default: '500000' },
    readers: { type: 'string', default: '16' }, writers: { type: 'string', default: '4' },
  },
})
const SECONDS = Number(values.seconds)
const HAZARDS = Number(values.hazards)
const READERS = Number(values.readers)
const WRITERS = Number(values.writers)
const AS_OF = '2026-11-28'
const SEED = '2026'
const ROOT = resolve(import.meta.dirname, '../..')
const CACHE = join(ROOT, 'test-output', 'bench-cache', `city-${HAZARDS}-${SEED}-${AS_OF}.db`)

/** The city ledger, seeded once (minutes) and kept; a stale cache is simply migrated by the server at start. */
function cachedLedger(): string {
  if (existsSync(CACHE)) return CACHE
  mkdirSync(join(ROOT, 'test-output', 'bench-cache'), { recursive: true })
  const partial = `${CACHE}.partial`
  rmSync(partial, { force: true })
  console.log(`seeding the city ledger (${HAZARDS.toLocaleString('en')} hazards) into ${CACHE} — once`)
  const args = ['server/seed/cli.ts', '--db', partial, '--scope', 'city', '--hazards', String(HAZARDS), '--seed', SEED, '--as-of', AS_OF]
  if (spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('seeding failed')
  renameSync(partial, CACHE)
  return CACHE
}

interface Proc { child: ChildProcess; origin: string; log: () => string }

async function startProcess(args: string[], env: Record<string, string>): Promise<Proc> {
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()))
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 300_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return { child, origin, log: () => log }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${args.join(' ')} did not start:\n${log}`)
}

async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return
  const gone = new Promise((r) => p.child.once('exit', r))
  p.child.kill('SIGTERM')
  await gone
}

/** The process's resident set, sampled every 250 ms while the load runs; the peak is what is reported. */
function rssSampler(pid: number) {
  let peak = 0
  const read = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
      peak = Math.max(peak, kb * 1024)
    } catch {
      /* the process is gone */
    }
  }
  read()
  const timer = setInterval(read, 250)
  return {
    stop: () => {
      clearInterval(timer)
      read()
      return peak
    },
  }
}

/** CPU seconds the process has used (user + system), from /proc: a figure a busy machine does not inflate as it does latency. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (CLK_TCK = 100 on Linux)
}

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'pingan-load-'))
const dbPath = join(dir, 'pingan.db')
copyFileSync(cachedLedger(), dbPath)
const server = await startProcess(['--import', 'tsx', 'server/index.ts'], { DB_PATH: dbPath, VAR_DIR: dir, AS_OF, SCOPE: 'city', DEMO: 'true' })

async function login(username: string): Promise<string> {
  const res = await fetch(`${server.origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pingan2026' }) })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}
const leader = await login('leader')
const get = async (path: string, cookie = leader) => {
  const res = await fetch(`${server.origin}${path}`, { headers: { cookie } })
  if (!res.ok) throw new Error(`${path}: ${res.status}`)
  return res
}

// Tiles over the city at the zooms a desk shows it, from the districts' label points.
type AreaFc = { features: Array<{ properties: { id: string; parentId: string | null; label: [number, number] } }> }
const districts = ((await (await get('/api/areas?level=district')).json()) as AreaFc).features.map((f) => f.properties)
const tileOf = (z: number, [lon, lat]: [number, number]) => {
  const n = 2 ** z
  const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n)
  return `/api/tiles/hazards/${z}/${Math.floor(((lon + 180) / 360) * n)}/${y}`
}
const tiles = [...new Set([9, 10, 11, 12, 13].flatMap((z) => districts.map((d) => tileOf(z, d.label))))]
const lists = ['/api/hazards?limit=100', '/api/hazards?limit=100&status=assigned,rectifying', '/api/hazards?limit=100&category=safety_accident&overdue=true', `/api/hazards?limit=100&area=${districts[0]!.id}`]
const summaries = ['/api/stats/summary', '/api/stats/summary?category=safety_accident', `/api/stats/summary?area=${districts[1]!.id}`, '/api/stats/summary?from=2026-06-01']

// The writers: grid workers of villages in different districts, each reporting at its village's label point.
const villages = ((await (await get('/api/areas?level=village')).json()) as AreaFc).features.map((f) => f.properties)
const writerVillages = districts.slice(0, WRITERS).map((d) => villages.find((v) => v.parentId === d.id)!)
const writerCookies = await Promise.all(writerVillages.map((v) => login(`grid-${v.id}`)))
const createBody = (v: (typeof villages)[number]) => JSON.stringify({ category: 'safety_accident', item: 'fire', title: '压测隐患', location: v.label, source: 'routine' })

// The same bytes for the bare server: each path's answer as the city server gives it now.
const captured: Record<string, { type: string; body: string }> = {}
for (const path of [...summaries, ...lists, ...tiles]) {
  const res = await get(path)
  captured[path] = { type: res.headers.get('content-type') ?? 'application/octet-stream', body: Buffer.from(await res.arrayBuffer()).toString('base64') }
}
const sample = villages.find((v) => v.parentId === districts[0]!.id)!
const created = await fetch(`${server.origin}/api/hazards`, { method: 'POST', headers: { cookie: writerCookies[0] ?? (await login(`grid-${sample.id}`)), 'content-type': 'application/json' }, body: createBody(sample) })
captured['POST /api/hazards'] = { type: 'application/json', body: Buffer.from(await created.arrayBuffer()).toString('base64') }
writeFileSync(join(dir, 'bytes.json'), JSON.stringify(captured))

interface Mix { name: string; connections: number; requests: Array<{ path: string }>; method?: 'POST'; cookie: string; body?: string }

/** The load: 16 readers split over summary, list and tiles, and 4 writers, all at once. */
function mixes(): Mix[] {
  const share = [Math.ceil(READERS / 3), Math.ceil(READERS / 3), READERS - 2 * Math.ceil(READERS / 3)]
  return [
    { name: 'summary', connections: share[0]!, requests: summaries.map((path) => ({ path })), cookie: leader },
    { name: 'list', connections: share[1]!, requests: lists.map((path) => ({ path })), cookie: leader },
    { name: 'tiles', connections: share[2]!, requests: tiles.map((path) => ({ path })), cookie: leader },
    ...writerVillages.map((v, i) => ({ name: 'create', connections: 1, requests: [{ path: '/api/hazards' }], method: 'POST' as const, cookie: writerCookies[i]!, body: createBody(v) })),
  ]
}

async function load(origin: string, pid: number) {
  const rss = rssSampler(pid)
  const runs = await Promise.all(
    mixes().map(async (m) => ({
      name: m.name,
      result: await autocannon({
        url: origin, connections: m.connections, duration: SECONDS, method: m.method ?? 'GET',
        headers: { cookie: m.cookie, ...(m.body ? { 'content-type': 'application/json' } : {}) }, body: m.body,
        requests: m.requests.map((r) => ({ path: r.path, method: m.method ?? 'GET', ...(m.body ? { body: m.body } : {}) })),
      }),
    })),
  )
  const peak = rss.stop()
  // Writers are one autocannon run each; their latencies are merged by the worst p99 and a request-weighted p50.
  const byName = new Map<string, Array<autocannon.Result>>()
  for (const r of runs) byName.set(r.name, [...(byName.get(r.name) ?? []), r.result])
  const rows = [...byName].map(([name, rs]) => {
    const total = rs.reduce((a, r) => a + r.requests.total, 0)
    return {
      name, requests: total, 'req/s': Math.round(rs.reduce((a, r) => a + r.requests.average, 0)),
      p50: rs.reduce((a, r) => a + r.latency.p50 * r.requests.total, 0) / Math.max(1, total),
      p99: Math.max(...rs.map((r) => r.latency.p99)),
      errors: rs.reduce((a, r) => a + r.errors + r.timeouts, 0), non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
    }
  })
  return { rows, peak }
}

console.log(`load: ${READERS} readers and ${WRITERS} writers for ${SECONDS} s on ${server.origin} (${HAZARDS.toLocaleString('en')} hazards)`)
const cpuBefore = cpuSeconds(server.child.pid!)
const ours = await load(server.origin, server.child.pid!)
const cpuMixed = cpuSeconds(server.child.pid!) - cpuBefore
const mixedRequests = ours.rows.reduce((a, r) => a + r.requests, 0)
// Each kind of request alone for a few seconds: the server's CPU time per request, what capacity a core has for it.
const cpuPer: Record<string, number> = {}
for (const m of mixes().filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)) {
  const before = cpuSeconds(server.child.pid!)
  const r = await autocannon({
    url: server.origin, connections: 2, duration: Math.min(5, SECONDS), method: m.method ?? 'GET',
    headers: { cookie: m.cookie, ...(m.body ? { 'content-type': 'application/json' } : {}) }, body: m.body,
    requests: m.requests.map((x) => ({ path: x.path, method: m.method ?? 'GET', ...(m.body ? { body: m.body } : {}) })),
  })
  cpuPer[m.name] = ((cpuSeconds(server.child.pid!) - before) * 1000) / Math.max(1, r.requests.total)
}
const after = (await (await get('/api/stats/summary')).json()) as { total: number }
await stop(server)

// The bare node:http server: the same paths, the same bytes, no work at all.
const bareSource = `
const http = require('node:http')
const bytes = JSON.parse(require('node:fs').readFileSync(process.env.BYTES, 'utf8'))
const answers = Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, { type: v.type, body: Buffer.from(v.body, 'base64') }]))
http.createServer((req, res) => {
  if (req.url === '/api/health') return res.end('{"ok":true}')
  const a = req.method === 'POST' ? answers['POST ' + req.url] : answers[req.url]
  req.resume()
  req.on('end', () => {
    if (!a) return res.writeHead(404).end()
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': a.type, 'content-length': a.body.length }).end(a.body)
  })
}).listen(Number(process.env.PORT), process.env.HOST)
`
writeFileSync(join(dir, 'bare.cjs'), bareSource)
const bare = await startProcess([join(dir, 'bare.cjs')], { BYTES: join(dir, 'bytes.json') })
const floor = await load(bare.origin, bare.child.pid!)
await stop(bare)

const targets: Record<string, string> = { summary: 'p99 ≤ 100 ms', create: 'p99 ≤ 300 ms' }
const rows = ours.rows.map((r) => {
  const f = floor.rows.find((x) => x.name === r.name)!
  return {
    route: r.name, requests: r.requests, 'req/s': r['req/s'], p50: ms(r.p50), p99: ms(r.p99), errors: r.errors, 'non-2xx': r.non2xx,
    'bare p50': ms(f.p50), 'bare p99': ms(f.p99), 'bare req/s': f['req/s'], 'CPU/request (alone)': ms(cpuPer[r.name] ?? 0), target: targets[r.name] ?? '',
  }
})
rows.push({
  route: 'server RSS (peak)', requests: 0, 'req/s': 0, p50: `${(ours.peak / 2 ** 20).toFixed(0)} MB`, p99: '', errors: 0, 'non-2xx': 0,
  'bare p50': `${(floor.peak / 2 ** 20).toFixed(0)} MB`, 'bare p99': '', 'bare req/s': 0, 'CPU/request (alone)': '', target: 'RSS < 1 GB',
})
report('load', rows)
console.log(`server CPU during the mixed load: ${cpuMixed.toFixed(1)} s of ${SECONDS} s (${((cpuMixed * 1000) / Math.max(1, mixedRequests)).toFixed(2)} ms a request)`)
console.log(`ledger after the run: ${after.total.toLocaleString('en')} hazards; load average at the end ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`)
rmSync(dir, { recursive: true, force: true })
process.exit(0)
