/**
 * npm run bench:scorecards — monthly scorecards (考核) for the city (363 villages, 18 districts, the
 * lead units; 500,000 hazards), each level through the API in-process, beside a same-run baseline:
 * one full pass of the statistics (GET /api/stats/areas?level=village). Target ≤ 1 s each (issue 13).
 * The city ledger is seeded once (minutes) into test-output/bench-cache, as bench:load does, and
 * each run works on a copy (publishing a month writes to it). Pass --hazards N to change its size.
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

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' }, runs: { type: 'string', default: '10' } } })
const HAZARDS = Number(values.hazards)
const RUNS = Number(values.runs)
const AS_OF = '2026-11-28'
const SEED = '2026'
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
const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-scorecards-'))
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

const places = `${s.ledger.areas.byLevel.get('village')!.length} villages, ${s.ledger.areas.byLevel.get('district')!.length} districts, ${s.ledger.size.toLocaleString('en')} hazards`
const rows: Array<Record<string, string | number>> = []
const baseline = await timeAsync(() => get('/api/stats/areas?level=village'), RUNS)
rows.push({ what: 'baseline: GET /api/stats/areas?level=village', 'p50': ms(baseline.p50), 'p95': ms(baseline.p95), 'p95 / baseline': '1.00×' })

// October ended: its first request publishes it (bulletin and every level, in one transaction).
const t0 = performance.now()
await get('/api/scorecards?month=2026-10&level=district')
const publish = performance.now() - t0
rows.push({ what: 'publish October (bulletin + 3 levels + September counted for the change), once', 'p50': ms(publish), 'p95': ms(publish), 'p95 / baseline': ratio(publish, baseline.p95) })

for (const [month, label] of [['2026-11', 'November, running'], ['2026-10', 'October, frozen (+ recomputed)']] as const)
  for (const level of ['village', 'district', 'unit'] as const) {
    const t = await timeAsync(() => get(`/api/scorecards?month=${month}&level=${level}`), RUNS)
    rows.push({ what: `GET /api/scorecards ${label}, ${level}`, 'p50': ms(t.p50), 'p95': ms(t.p95), 'p95 / baseline': ratio(t.p95, baseline.p95) })
  }
const district = s.ledger.areas.byLevel.get('district')![0]!.id
const drill = await timeAsync(() => get(`/api/scorecards/records?month=2026-11&level=district&id=${district}&measure=overdue`), RUNS)
rows.push({ what: 'GET /api/scorecards/records (a district, overdue)', 'p50': ms(drill.p50), 'p95': ms(drill.p95), 'p95 / baseline': ratio(drill.p95, baseline.p95) })

console.log(`city: ${places}; target ≤ 1 s each`)
report('scorecards', rows)
s.store.close()
rmSync(dir, { recursive: true, force: true })
