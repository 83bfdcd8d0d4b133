import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { chinaToday } from '../env'
import { openSqliteStore } from '../store/sqlite'
import { defaultHazards, seedDemo } from './demo'
import { generateGeography } from './geography'
import { generateLedger } from './ledger'

const usage = `npm run seed -- [--db var/pingan.db] [--scope town|city] [--seed 2026] [--as-of YYYY-MM-DD] [--hazards N] [--force]
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

if (existsSync(values.db!)) {
  if (!values.force) {
    console.error(`${values.db} exists; pass --force to replace it.`)
    process.exit(1)
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(values.db + suffix, { force: true })
}
mkdirSync(dirname(values.db!), { recursive: true })
const store = openSqliteStore(values.db!)
const started = performance.now()
const report = await seedDemo(store, { seed, scope, asOf, hazards })
const total = performance.now() - started
store.close()
console.log(
  `seeded ${values.db}: ${report.areas} areas, ${report.sites} sites, ${report.hazards} hazards (${report.events} events), ` +
    `${report.inspections} inspections, ${report.persons} key persons, ${report.users} accounts in ${(total / 1000).toFixed(1)} s ` +
    `(${Math.round(report.hazards / (total / 1000)).toLocaleString('en')} hazards/s)`,
)
