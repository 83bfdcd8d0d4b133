/**
 * npx tsx tests/bench/seed-hash.ts [--hazards N] — the demo seed into a new SQLite file, then a hash
 * of every table's rows (by rowid), one line a table. Run it at two commits and diff the outputs: a
 * change to the seed's speed must leave every line the same. Two things differ from run to run
 * whatever the code, and are left out: the time of day of the instants the services stamp with the
 * clock (warnings, their actions, notifications, audit, accounts: the date stays), and what depends
 * on a random salt or on those instants (password hashes, the audit chain's hashes).
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { seedDemo } from '../../server/seed/demo'
import { openSqliteStore } from '../../server/store/sqlite'

const { values: args } = parseArgs({ options: { hazards: { type: 'string', default: '20000' } } })
const dir = mkdtempSync(join(tmpdir(), 'pingan-seed-hash-'))
const path = join(dir, 'seed.db')
const store = openSqliteStore(path)
await seedDemo(store, { seed: 2026, scope: 'town', asOf: '2026-11-28', hazards: Number(args.hazards) })
store.close()

/** Columns whose values a run's clock or salt decides. */
const UNSTABLE = new Set(['hash', 'prev_hash', 'password_hash'])
/** An instant stamped by the clock: its time of day is the run's, not the seed's. */
const CLOCK = /T\d\d:\d\d:\d\d\.\d{3}Z/g
const db = new Database(path, { readonly: true })
const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string | null }>
const value = (v: unknown) => (typeof v === 'string' ? v.replace(CLOCK, 'T~Z') : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)
for (const { name: table, sql } of tables) {
  // A table without rowids is ordered by all of its columns, in their order.
  const width = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(table) as { n: number }).n
  const order = /WITHOUT ROWID/i.test(sql ?? '') ? Array.from({ length: width }, (_, i) => i + 1).join(', ') : 'rowid'
  const statement = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw()
  const keep = statement.columns().map((c) => !UNSTABLE.has(c.name))
  const hash = createHash('sha256')
  let rows = 0
  for (const row of statement.iterate() as Iterable<unknown[]>) {
    hash.update(JSON.stringify(row.filter((_, i) => keep[i]).map(value)) + '\n')
    rows++
  }
  console.log(`${table}\t${rows}\t${hash.digest('hex').slice(0, 16)}`)
}
const schema = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').raw().all()
console.log(`(schema)\t${schema.length}\t${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}`)
db.close()
rmSync(dir, { recursive: true, force: true })
