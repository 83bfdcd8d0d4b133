/**
 * npm run bench:stores — the two stores side by side on the city ledger (issue 16's speed section),
 * every ratio against a baseline measured in the same run. It starts a throw-away PostgreSQL cluster
 * (tests/postgres/cluster.ts) unless PINGAN_TEST_PG_URL names a server of one's own.
 *
 *   1. load    the city (--hazards, default 500,000) seeded into PostgreSQL and into SQLite, split
 *              (stores-seed.ts); PostgreSQL's bulk load of the ledger beside its floor: COPY of the
 *              same rows' text into bare tables with the same indexes built after (stores-floor.ts).
 *              Target: floor ÷ bulk load ≥ 0.8.
 *   2. cold    an instance's start on the seeded database (startServices: open, migrate, the index
 *              loaded in one snapshot, following begun), in-process, the two stores alternating;
 *              the median of --cold-starts each. Target on PostgreSQL: ≤ 10 s.
 *   3. api     the statistics and tiles through the app on each store, interleaved (stores-api.ts).
 *              Target: PostgreSQL's median ≤ 1.2× SQLite's.
 *   4. follow  a write on server A seen in server B's stream and summary, --writes of them, with
 *              LISTEN and by polling alone (stores-follow.ts). Targets: p95 ≤ 500 ms and ≤ 2.5 s.
 *
 * Figures go to test-output/bench/stores.json. Nothing is asserted: this is a bench, not a test.
 *
 *   npm run bench:stores -- [--hazards 500000] [--cold-starts 3] [--rounds 30] [--writes 100]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readEnv } from '../../server/env'
import type { Services } from '../../server/services/context'
import { startServices } from '../../server/start'
import { openPgSync } from '../../server/store/postgres/bridge'
import { openPostgresStore } from '../../server/store/postgres'
import { openSqliteStore } from '../../server/store/sqlite'
import { startTestCluster } from '../postgres/cluster'
import { ledgerCopyText, timeFloor } from './stores-floor'
import { apiFigures } from './stores-api'
import { timeSeed } from './stores-seed'
import { followFigures } from './stores-follow'
import { report } from './support'

const { values } = parseArgs({
  options: {
    hazards: { type: 'string', default: '500000' }, 'cold-starts': { type: 'string', default: '3' },
    rounds: { type: 'string', default: '30' }, writes: { type: 'string', default: '100' },
  },
})
const HAZARDS = Number(values.hazards)
const COLD_STARTS = Number(values['cold-starts'])
const ROUNDS = Number(values.rounds)
const WRITES = Number(values.writes)
const AS_OF = '2026-11-28'
const SEED = 2026

const rows: Array<Record<string, string>> = []
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const msText = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`
const add = (part: string, what: string, postgres: string, sqlite: string, ratio: string, target: string) => {
  rows.push({ part, what, postgres, sqlite, ratio, target })
  console.log(`${part} · ${what}: PostgreSQL ${postgres}${sqlite ? `, SQLite ${sqlite}` : ''}${ratio ? `, ${ratio}` : ''}`)
}
const busy = () => `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs`

const cluster = await startTestCluster()
const admin = (() => {
  try {
    return openPgSync(cluster.url, 'pingan-bench-admin')
  } catch (err) {
    cluster.stop()
    throw err
  }
})()
const urlOf = (name: string) => {
  const u = new URL(cluster.url)
  u.pathname = `/${name}`
  return u.toString()
}
const databases = ['pingan_bench_stores_city', 'pingan_bench_stores_floor']
const [cityUrl, floorUrl] = databases.map(urlOf) as [string, string]
const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-stores-'))
const sqlitePath = join(dir, 'city.db')

try {
  for (const d of databases) {
    admin.exec(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`)
    admin.exec(`CREATE DATABASE ${d}`)
  }
  // 1. The loads, then the floor (the same rows' text built first, then timed alone).
  console.log(`seeding the city (${HAZARDS.toLocaleString('en')} hazards) into PostgreSQL and SQLite; ${busy()}`)
  const opts = { seed: SEED, asOf: AS_OF, hazards: HAZARDS }
  const pgSeed = await timeSeed(openPostgresStore(cityUrl), opts)
  const sqliteSeed = await timeSeed(openSqliteStore(sqlitePath), opts)
  let batches = ledgerCopyText(opts)
  const floor = timeFloor(floorUrl, batches)
  batches = []
  admin.exec(`DROP DATABASE ${databases[1]} WITH (FORCE)`)
  add('load', 'seed: generate + load (wall)', s(pgSeed.wall), s(sqliteSeed.wall), `floor ÷ PostgreSQL’s whole seed ${(floor.ms / pgSeed.wall).toFixed(2)}×`, '')
  add('load', 'of which generating the ledger', s(pgSeed.generate), s(sqliteSeed.generate), '', '')
  add('load', 'of which the ledger’s bulk load (the rows, then their indexes and keys)', s(pgSeed.bulk), s(sqliteSeed.bulk), `floor ÷ PostgreSQL ${(floor.ms / pgSeed.bulk).toFixed(2)}×`, '≥ 0.8×')
  add('load', 'of which the rest (geography, inspections, posts, accounts, supervision, warnings)', s(pgSeed.rest), s(sqliteSeed.rest), '', '')
  add('load', `floor: COPY of the same rows’ text (${floor.rows.toLocaleString('en')} rows) into bare tables + the same indexes`, s(floor.ms), '', '', '')

  // 2. Cold starts, alternating; the last of each stays open for 3.
  const envs = {
    postgres: readEnv({ STORE: 'postgres', DATABASE_URL: cityUrl, VAR_DIR: join(dir, 'var-pg'), AS_OF, SCOPE: 'city' }),
    sqlite: readEnv({ DB_PATH: sqlitePath, VAR_DIR: join(dir, 'var-sqlite'), AS_OF, SCOPE: 'city' }),
  }
  const cold = { postgres: [] as number[], sqlite: [] as number[] }
  const open: Partial<Record<'postgres' | 'sqlite', Services>> = {}
  for (let i = 0; i < COLD_STARTS; i++) {
    for (const store of i % 2 === 0 ? (['postgres', 'sqlite'] as const) : (['sqlite', 'postgres'] as const)) {
      open[store]?.store.close()
      const t = performance.now()
      open[store] = await startServices(envs[store])
      cold[store].push(performance.now() - t)
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  add('cold start', `open, index loaded (${open.postgres!.ledger.size.toLocaleString('en')} hazards), following; median of ${COLD_STARTS}`,
    s(median(cold.postgres)), s(median(cold.sqlite)), `${(median(cold.postgres) / median(cold.sqlite)).toFixed(2)}× SQLite`, '≤ 10 s')

  // 3. Statistics and tiles, interleaved.
  for (const r of await apiFigures(open.sqlite!, open.postgres!, ROUNDS))
    add('api', r.request, msText(r.postgres), msText(r.sqlite), `${(r.postgres / r.sqlite).toFixed(2)}× SQLite`, '≤ 1.2×')
  open.postgres!.store.close()
  open.sqlite!.store.close()

  // 4. A write on A seen on B, real processes.
  const serverEnv = { STORE: 'postgres', DATABASE_URL: cityUrl, VAR_DIR: join(dir, 'var-pg'), AS_OF, SCOPE: 'city', DEMO: 'true' }
  try {
    for (const f of await followFigures(serverEnv, WRITES)) {
      const target = f.mode.startsWith('LISTEN') ? 'p95 ≤ 500 ms' : 'p95 ≤ 2.5 s'
      add('follow', `${f.mode}: ${f.writes} writes, p50 / p95 / max`, `${msText(f.p50)} / ${msText(f.p95)} / ${msText(f.max)}`, '', '', target)
    }
  } catch (err) {
    // The other parts' figures are still worth keeping: the failure is reported in their place.
    console.error(err)
    add('follow', 'a write on A seen on B: not measured', `failed: ${(err as Error).message.split('\n')[0]}`, '', '', '')
  }
  console.log(`at the end: ${busy()}`)
  report('stores', rows)
} finally {
  rmSync(dir, { recursive: true, force: true })
  try {
    admin.exec(`DROP DATABASE IF EXISTS ${databases[0]} WITH (FORCE)`)
  } finally {
    admin.close()
    cluster.stop()
  }
}
process.exit(0)
