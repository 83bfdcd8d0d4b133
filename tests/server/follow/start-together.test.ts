import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readEnv } from '../../../server/env'
import type { Services } from '../../../server/services/context'
import { startServices } from '../../../server/start'
import { createDatabase, dropDatabase, onPostgres } from '../../postgres/databases'
import { AS_OF } from '../support/app'
import { indexDrift } from './instances'

// PostgreSQL only: two instances of a new deployment, started at the same moment on one empty database.
describe.runIf(onPostgres())('instances started together on an empty database', () => {
  const dirs: string[] = []
  const started: Services[] = []
  let database: { name: string; url: string } | undefined
  afterAll(async () => {
    for (const s of started) s.store.close()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    if (database) await dropDatabase(database.name)
  })

  it('seed the demo town once, and both hold all of it', async () => {
    database = await createDatabase()
    const env = () => {
      const dir = mkdtempSync(join(tmpdir(), 'pingan-together-'))
      dirs.push(dir)
      return readEnv({ STORE: 'postgres', DATABASE_URL: database!.url, VAR_DIR: dir, DB_PATH: join(dir, 'unused.db'), AS_OF, SEED: '2026' })
    }
    started.push(...(await Promise.all([startServices(env()), startServices(env())])))
    const [a, b] = started
    expect(a!.store.hazards.count()).toBe(3000)
    expect(b!.store.areas.count()).toBe(a!.store.areas.count())
    expect(a!.ledger.size).toBe(3000)
    expect(b!.ledger.size).toBe(3000)
    expect(indexDrift(b!)).toEqual([])
  })
})
