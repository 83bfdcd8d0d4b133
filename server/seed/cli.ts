import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { chinaToday } from '../env'
import { openPgSync } from '../store/postgres/bridge'
import { openPostgresStore } from '../store/postgres'
import { openSqliteStore } from '../store/sqlite'
import type { BulkLoad } from '../store/bulk-load'
import type { Store } from '../store/types'
import { defaultHazards, seedDemo } from './demo'
import { generateGeography } from './geography'
import { generateLedger } from './ledger'

const usage = `npm run seed -- [--db var/pingan.db | --db postgres://user@host/db] [--scope town|city] [--seed 2026] [--as-of YYYY-MM-DD] [--hazards N] [--force]
       npm run seed -- --dump out.ndjson [--scope …] [--seed …] [--as-of …] [--hazards N]   (the generator's output as text, for diffing)`

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'var/pingan.db' },
    scope: { type: 'string', default: 'town' },
    seed: { type: 'string', default: '2026' },
    'as-of': { type: 'string', default: chinaToday() },
    hazards: { type: 'string' },
    force: { type: 'boolean', default: false },
    dump: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(usage)
  process.exit(0)
}
const scope = values.scope === 'city' ? 'city' : values.scope === 'town' ? 'town' : undefined
const seed = Number(values.seed)
const asOf = values['as-of']!
const hazards = values.hazards ? Number(values.hazards) : defaultHazards(scope ?? 'town')
if (!scope || !Number.isInteger(seed) || !/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !Number.isInteger(hazards) || hazards < 0) {
  console.error(usage)
  process.exit(2)
}

if (values.dump) {
  // One JSON document a line: geography, then each batch; the same seed and date give the same bytes.
  const geo = generateGeography({ seed, scope })
  const ledger = generateLedger(geo, { seed, asOf, hazards })
  const lines = [JSON.stringify(geo)]
  for (const batch of ledger.batches()) lines.push(JSON.stringify(batch))
  lines.push(JSON.stringify({ inspections: ledger.inspections, persons: ledger.persons }))
  const text = lines.join('\n') + '\n'
  writeFileSync(values.dump, text)
  console.log(`wrote ${values.dump}: sha256 ${createHash('sha256').update(text).digest('hex')}`)
  process.exit(0)
}

const store = /^postgres(ql)?:\/\//.test(values.db!) ? openEmptyPostgres(values.db!, values.force!) : openEmptySqlite(values.db!, values.force!)
const started = performance.now()
const report = await seedDemo(store, { seed, scope, asOf, hazards })
const total = performance.now() - started
store.close()
console.log(
  `seeded ${values.db!.replace(/\/\/[^@/]*@/, '//')}: ${report.areas} areas, ${report.sites} sites, ${report.hazards} hazards (${report.events} events), ` +
    `${report.inspections} inspections, ${report.persons} key persons, ${report.users} accounts in ${(total / 1000).toFixed(1)} s ` +
    `(${Math.round(report.hazards / (total / 1000)).toLocaleString('en')} hazards/s)`,
)

/** The file migrated and empty: one that already holds a town is replaced only with --force. */
function openEmptySqlite(path: string, force: boolean): Store & BulkLoad {
  if (existsSync(path)) {
    const store = openSqliteStore(path)
    if (store.areas.count() === 0) return store
    store.close()
    if (!force) refuse(`${path} already holds a town; pass --force to replace it.`)
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  }
  mkdirSync(dirname(path), { recursive: true })
  return openSqliteStore(path)
}

/** The database migrated and empty: one that already holds a town is replaced only with --force (its schema dropped). */
function openEmptyPostgres(url: string, force: boolean): Store & BulkLoad {
  const store = openPostgresStore(url)
  if (store.areas.count() === 0) return store
  store.close()
  if (!force) refuse('the database already holds a town; pass --force to replace it.')
  const db = openPgSync(url)
  db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;')
  db.close()
  return openPostgresStore(url)
}

function refuse(message: string): never {
  console.error(message)
  process.exit(1)
}
