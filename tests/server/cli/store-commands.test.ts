import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEnv } from '../../../server/env'
import { openStore } from '../../../server/start'
import { createDatabase, dropDatabase, onPostgres } from '../../postgres/databases'

const run = promisify(execFile)

/** The run's store, as an operator names it: a file, or a PostgreSQL URL (the postgres project). */
let target: { env: Record<string, string>; db: string; drop(): Promise<void> }

beforeAll(async () => {
  if (onPostgres()) {
    const d = await createDatabase()
    target = { env: { STORE: 'postgres', DATABASE_URL: d.url }, db: d.url, drop: () => dropDatabase(d.name) }
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-cli-'))
    const db = join(dir, 'town.db')
    target = { env: { DB_PATH: db }, db, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
})
afterAll(() => target.drop())

const npm = (script: string, args: string[] = []) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...target.env } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )

const hazardsStored = () => {
  const store = openStore(readEnv({ ...target.env, DEMO: 'false' }))
  try {
    return store.hazards.count()
  } finally {
    store.close()
  }
}

describe('npm run migrate and npm run seed, on the run’s store', () => {
  it('migrates an empty store, which then opens empty', async () => {
    const migrated = await npm('server/cli/migrate.ts')
    expect(migrated.code).toBe(0)
    expect(migrated.out).toContain('migrated')
    expect(hazardsStored()).toBe(0)
  })

  it('seeds a town, refuses to seed over it, and replaces it only when forced', async () => {
    const seeded = await npm('server/seed/cli.ts', ['--db', target.db, '--hazards', '200', '--as-of', '2026-11-28'])
    expect(seeded.code).toBe(0)
    expect(seeded.out).toMatch(/seeded .*200 hazards/)
    expect(seeded.out).not.toMatch(/postgres:\/\/[^/]*@/)
    expect(hazardsStored()).toBe(200)

    const again = await npm('server/seed/cli.ts', ['--db', target.db, '--hazards', '300', '--as-of', '2026-11-28'])
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/--force/)
    expect(hazardsStored()).toBe(200)

    const forced = await npm('server/seed/cli.ts', ['--db', target.db, '--hazards', '300', '--as-of', '2026-11-28', '--force'])
    expect(forced.code).toBe(0)
    expect(hazardsStored()).toBe(300)
  }, 240_000)
})
