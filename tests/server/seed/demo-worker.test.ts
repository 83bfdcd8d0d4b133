import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../../server/seed/demo'
import { openSqliteStore } from '../../../server/store/sqlite'

/**
 * A large demo ledger is generated on a worker thread while the main thread loads it; a small one
 * in the main thread. Either way the store must hold the same ledger, byte for byte: the hazards,
 * their histories and escalations, the inspections with their counts, the persons and the text index.
 */
const dir = mkdtempSync(join(tmpdir(), 'pingan-demo-worker-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const LEDGER_TABLES = ['hazards', 'hazard_histories', 'history_escalations', 'inspections', 'persons', 'areas', 'sites', 'posts', 'hazard_text_data', 'hazard_text_idx', 'hazard_text_docsize']

async function seeded(name: string, worker: boolean): Promise<Record<string, string>> {
  const path = join(dir, `${name}.db`)
  const store = openSqliteStore(path)
  await seedDemo(store, { seed: 2026, scope: 'town', asOf: '2026-11-28', hazards: 2500, worker })
  store.close()
  const db = new Database(path, { readonly: true })
  const hashes: Record<string, string> = {}
  for (const table of LEDGER_TABLES) {
    const hash = createHash('sha256')
    // A table without rowids in the order of all its columns.
    const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(table) as { sql: string }
    const width = (db.prepare('SELECT count(*) AS n FROM pragma_table_info(?)').get(table) as { n: number }).n
    const order = /WITHOUT ROWID/i.test(sql) ? Array.from({ length: width }, (_, i) => i + 1).join(', ') : 'rowid'
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>)
      hash.update(JSON.stringify(row, (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)) + '\n')
    hashes[table] = `${(db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n} ${hash.digest('hex')}`
  }
  db.close()
  return hashes
}

describe('the demo seed with its ledger generated on a worker thread', () => {
  it('stores the same ledger as when the ledger is generated in the main thread', async () => {
    const inThread = await seeded('in-thread', false)
    const onWorker = await seeded('on-worker', true)
    expect(inThread.hazards).toMatch(/^2500 /)
    expect(onWorker).toEqual(inThread)
  }, 120_000)
})
