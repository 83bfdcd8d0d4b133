import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApp } from '../../server/app'
import { readEnv } from '../../server/env'
import { startServices } from '../../server/start'

export const CITY_AS_OF = '2026-11-28'
const SEED = '2026'
const ROOT = resolve(import.meta.dirname, '../..')

/** A short hash of the seed's generator (server/seed/**): a cached ledger made by older code is made afresh. */
function generatorHash(): string {
  const h = createHash('sha256')
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.ts')) h.update(p).update(readFileSync(p))
    }
  }
  walk(join(ROOT, 'server', 'seed'))
  return h.digest('hex').slice(0, 10)
}

/**
 * The city ledger (363 villages, `hazards` hazards) as an app in-process, signed in as the leader.
 * The ledger is seeded once (minutes) into test-output/bench-cache and shared by the benches; each
 * opens a copy of it, as publishing a month or a trace-back's audit row writes to the database.
 */
export async function openCity(name: string, hazards: number) {
  const cache = join(ROOT, 'test-output', 'bench-cache', `city-${hazards}-${SEED}-${CITY_AS_OF}-${generatorHash()}.db`)
  if (!existsSync(cache)) {
    mkdirSync(join(ROOT, 'test-output', 'bench-cache'), { recursive: true })
    const partial = `${cache}.partial`
    rmSync(partial, { force: true })
    console.log(`seeding the city ledger (${hazards.toLocaleString('en')} hazards) into ${cache} — once`)
    const args = ['server/seed/cli.ts', '--db', partial, '--scope', 'city', '--hazards', String(hazards), '--seed', SEED, '--as-of', CITY_AS_OF]
    if (spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('seeding failed')
    renameSync(partial, cache)
  }
  const dir = mkdtempSync(join(tmpdir(), `pingan-bench-${name}-`))
  copyFileSync(cache, join(dir, 'bench.db'))
  const s = await startServices(readEnv({ DB_PATH: join(dir, 'bench.db'), VAR_DIR: dir, AS_OF: CITY_AS_OF }))
  const app = createApp(s)
  const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: 'pingan2026' }) })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  /** A GET as the leader; its body, or a thrown error naming the path and status. */
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } })
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.text()
  }
  return { s, app, get, dir, close: () => { s.store.close(); rmSync(dir, { recursive: true, force: true }) } }
}
