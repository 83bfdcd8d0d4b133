/**
 * npm run bench:traceback — a responsibility trace-back (责任倒查) on the city ledger (363 villages,
 * 500,000 hazards) through the API in-process, each beside a same-run baseline: one full pass of
 * the statistics (GET /api/stats/areas?level=village). Target ≤ 300 ms (issue 13). The city ledger
 * is the one bench:scorecards seeds into test-output/bench-cache (seeded here if missing); each run
 * works on a copy, as every trace-back writes its audit row. Pass --hazards N to change its size.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createApp } from '../../server/app'
import { readEnv } from '../../server/env'
import { startServices } from '../../server/start'
import { ms, ratio, report, timeAsync } from './support'

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' }, runs: { type: 'string', default: '20' } } })
const HAZARDS = Number(values.hazards)
const RUNS = Number(values.runs)
const AS_OF = '2026-11-28'
const SEED = '2026'
const TARGET_MS = 300
const ROOT = resolve(import.meta.dirname, '../..')
const CACHE = join(ROOT, 'test-output', 'bench-cache', `city-${HAZARDS}-${SEED}-${AS_OF}.db`)

if (!existsSync(CACHE)) {
  mkdirSync(join(ROOT, 'test-output', 'bench-cache'), { recursive: true })
  const partial = `${CACHE}.partial`
  rmSync(partial, { force: true })
  console.log(`seeding the city ledger (${HAZARDS.toLocaleString('en')} hazards) into ${CACHE} — once`)
  const args = ['server/seed/cli.ts', '--db', partial, '--scope', 'city', '--hazards', String(HAZARDS), '--seed', SEED, '--as-of', AS_OF]
  if (spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('seeding failed')
  renameSync(partial, CACHE)
}
const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-traceback-'))
copyFileSync(CACHE, join(dir, 'bench.db'))
const s = await startServices(readEnv({ DB_PATH: join(dir, 'bench.db'), VAR_DIR: dir, AS_OF }))
const app = createApp(s)
const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: 'pingan2026' }) })
const cookie = login.headers.get('set-cookie')!.split(';')[0]!
const get = async (path: string) => {
  const res = await app.request(path, { headers: { cookie } })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.text()
}

// The busiest places: the key site and the village label with the most hazards within 200 m.
const cols = s.ledger.columns
const near = (p: readonly [number, number], metres: number) => {
  const dLat = metres / 111_320
  const dLon = dLat / Math.cos((p[1] * Math.PI) / 180)
  let n = 0
  for (let i = 0; i < cols.n; i++) if (Math.abs(cols.lon[i]! - p[0]) <= dLon && Math.abs(cols.lat[i]! - p[1]) <= dLat) n++
  return n
}
const sites = s.store.sites.list()
const busiestSite = sites.slice(0, 300).reduce((best, site) => (near(site.location, 200) > near(best.location, 200) ? site : best), sites[0]!)
const villages = s.ledger.areas.byLevel.get('village')!.filter((v) => v.label)
const busiestVillage = villages.slice(0, 200).reduce((best, v) => (near(v.label!, 200) > near(best.label!, 200) ? v : best), villages[0]!)
const at = busiestVillage.label!.join(',')
const hazardId = cols.id[Math.floor(cols.n / 2)]!

const places = `${villages.length} villages, ${s.ledger.size.toLocaleString('en')} hazards`
const rows: Array<Record<string, string | number>> = []
const baseline = await timeAsync(() => get('/api/stats/areas?level=village'), RUNS)
rows.push({ what: 'baseline: GET /api/stats/areas?level=village', hazards: '', p50: ms(baseline.p50), p95: ms(baseline.p95), 'p95 / baseline': '1.00×', 'target ≤ 300 ms': '' })
for (const [what, query] of [
  [`key site ${busiestSite.name}, 200 m, 3 months`, `site=${busiestSite.id}`],
  [`point at ${busiestVillage.name}, 200 m, 3 months`, `at=${at}`],
  [`hazard #${hazardId}, 200 m, 3 months`, `hazard=${hazardId}`],
  [`point at ${busiestVillage.name}, 2,000 m, 12 months (the most one may ask)`, `at=${at}&radius=2000&months=12`],
] as const) {
  const body = JSON.parse(await get(`/api/traceback?${query}`)) as { hazards: unknown[]; checks: unknown[] }
  // The widest question is timed fewer times: it reads thousands of hazards' chains.
  const t = await timeAsync(() => get(`/api/traceback?${query}`), query.includes('months=12') ? Math.min(5, RUNS) : RUNS)
  rows.push({
    what: `GET /api/traceback: ${what}`, hazards: `${body.hazards.length} hazards, ${body.checks.length} checks`, p50: ms(t.p50), p95: ms(t.p95),
    'p95 / baseline': ratio(t.p95, baseline.p95), 'target ≤ 300 ms': query.includes('months=12') ? '(the most one may ask)' : t.p95 <= TARGET_MS ? 'met' : 'NOT MET',
  })
}
console.log(places)
report('traceback', rows)
s.store.close()
rmSync(dir, { recursive: true, force: true })
process.exit(0)
