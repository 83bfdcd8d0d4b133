/**
 * npm run bench:seed — how fast the demo ledger is generated and loaded, beside floors measured in
 * the same run: raw multi-row inserts of the same rows, already built, into an empty SQLite file.
 * Pass --hazards N (default 500,000). Each step reports wall time and the process's CPU time:
 * on a shared machine the wall time also counts other programs, the CPU time only this one.
 *
 *   generate      the geography and the ledger, written to a sink that keeps nothing
 *   seed          what a first start does: generate, load, build the indexes, then the accounts, the
 *                 supervision and the warnings' history (issue 14), then restore durability; shown
 *                 whole, and split into the ledger (geography, generation, rows, indexes, text index)
 *                 and what follows it (seedDemo's afterLedgerMs and afterLedgerCpuMs)
 *   floor         the same rows as the store holds them (a hazard's fields, its compact history),
 *                 built beforehand, inserted 100 to a statement into tables without indexes or checks
 *   floor + index the floor, then the store's indexes on hazards built over it
 *   floor + every index  and then its text index (FTS5) built by the store's own statement, as the
 *                 seed builds it: the floor of issue 16's measure, as PostgreSQL's floor copies and
 *                 indexes the text table too (tests/bench/stores-floor.ts)
 *   floor, rows   the floor of the earlier layout: the hazard rows plus one row per event
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { seedDemo } from '../../server/seed/demo'
import { generateGeography } from '../../server/seed/geography'
import { generateLedger } from '../../server/seed/ledger'
import { decodeHistory } from '../../server/store/history'
import { openSqliteStore } from '../../server/store/sqlite'
import { insertColumns } from '../../server/store/sqlite/hazards'
import { migrate } from '../../server/store/sqlite/migrations'
import { rebuildHazardText } from '../../server/store/sqlite/text-search'
import { BULK_HAZARD_WIDTH, type HazardSink, bulkHazardFields } from '../../server/store/bulk-load'
import { report } from './support'

const { values: args } = parseArgs({ options: { hazards: { type: 'string', default: '500000' } } })
const n = Number(args.hazards)
const AS_OF = '2026-11-28'
const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-seed-'))
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
interface Timing {
  wall: number
  cpu: number
}
function time(fn: () => void): Timing {
  const w = performance.now()
  const c = cpuMs()
  fn()
  return { wall: performance.now() - w, cpu: cpuMs() - c }
}
async function timeAsync(fn: () => Promise<unknown>): Promise<Timing> {
  const w = performance.now()
  const c = cpuMs()
  await fn()
  return { wall: performance.now() - w, cpu: cpuMs() - c }
}

// 1. Generation alone, keeping the first rows (60,000 at most) to replay as the floors' rows.
const SAMPLE = Math.min(n, 60_000)
const sample: unknown[][] = []
const sampleHistories: Uint8Array[] = []
let events = 0
const VERSION = bulkHazardFields.indexOf('version')
const generate = time(() => {
  const geo = generateGeography({ seed: 2026, scope: 'town' })
  const ledger = generateLedger(geo, { seed: 2026, asOf: AS_OF, hazards: n })
  const sink: HazardSink = {
    values: [],
    next(history) {
      const row = sink.values
      events += row[VERSION] as number
      if (sample.length < SAMPLE) {
        sample.push(row.slice())
        sampleHistories.push(history.slice())
      }
      row.length = 0
    },
    escalation() {},
  }
  ledger.write(sink)
})

// 2. The whole seed as the first start runs it.
const store = openSqliteStore(join(dir, 'seed.db'))
let afterLedger: Timing = { wall: 0, cpu: 0 }
const seed = await timeAsync(async () => {
  const r = await seedDemo(store, { seed: 2026, scope: 'town', asOf: AS_OF, hazards: n })
  afterLedger = { wall: r.afterLedgerMs, cpu: r.afterLedgerCpuMs }
})
const seedLedger: Timing = { wall: seed.wall - afterLedger.wall, cpu: seed.cpu - afterLedger.cpu }
store.close()

// 3. The floors: n hazard rows replayed from the sample (ids renumbered), 100 to a statement.
const BULK = 100
// The store's own column order, which the flat rows follow (server/store/sqlite/bulk-load.ts checks it).
const columns = insertColumns
function openFloor(name: string): Database.Database {
  const db = new Database(join(dir, name))
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  return db
}
/** n hazards and their histories into `table` and `histories`; when `histories` is null, the fields only. */
function insertHazards(db: Database.Database, table: string, histories: string | null): void {
  const many = (t: string, cols: readonly string[], rows: number) =>
    db.prepare(`INSERT INTO ${t} (${cols.join(',')}) VALUES ${Array(rows).fill(`(${cols.map(() => '?').join(',')})`).join(',')}`)
  const insert = many(table, columns, BULK)
  const insertHistories = histories ? many(histories, ['hazard_id', 'events'], BULK) : null
  const params: unknown[] = []
  const blobs: unknown[] = []
  const flush = () => {
    const rows = blobs.length / 2
    if (rows === BULK) {
      insert.run(params)
      insertHistories?.run(blobs)
    } else if (rows > 0) {
      many(table, columns, rows).run(params)
      if (histories) many(histories, ['hazard_id', 'events'], rows).run(blobs)
    }
    params.length = 0
    blobs.length = 0
  }
  for (let i = 0; i < n; i++) {
    const row = sample[i % sample.length]!
    params.push(i + 1, `YH${String(i + 1).padStart(7, '0')}`)
    for (let k = 2; k < BULK_HAZARD_WIDTH; k++) params.push(row[k])
    blobs.push(i + 1, sampleHistories[i % sample.length]!)
    if (blobs.length === BULK * 2) flush()
  }
  flush()
}

const floorDb = openFloor('floor.db')
floorDb.exec(`CREATE TABLE h (id INTEGER PRIMARY KEY, ${columns.slice(1).join(', ')}); CREATE TABLE hh (hazard_id INTEGER PRIMARY KEY, events)`)
const floor = time(() => floorDb.transaction(() => insertHazards(floorDb, 'h', 'hh'))())
floorDb.close()

// The store's own table and indexes, built after the rows as the seed does (checks off: the floor).
const indexedDb = openFloor('indexed.db')
indexedDb.pragma('foreign_keys = OFF')
// migrate, not the bare SQL: the migrations call functions it registers on the connection.
migrate(indexedDb)
const indexes = indexedDb.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hazards' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>
for (const i of indexes) indexedDb.exec(`DROP INDEX ${i.name}`)
const indexed = time(() =>
  indexedDb.transaction(() => {
    insertHazards(indexedDb, 'hazards', 'hazard_histories')
    for (const i of indexes) indexedDb.exec(i.sql)
  })(),
)
// The text index over the same rows, as the seed's bulk load builds it (migrate registered its function).
const text = time(() => indexedDb.transaction(() => indexedDb.exec(rebuildHazardText))())
const everyIndex: Timing = { wall: indexed.wall + text.wall, cpu: indexed.cpu + text.cpu }
indexedDb.close()

// The earlier layout's floor: the same hazard rows, and every event as a row of its own.
const rowsDb = openFloor('rows.db')
rowsDb.exec(`CREATE TABLE h (id INTEGER PRIMARY KEY, ${columns.slice(1).join(', ')});
  CREATE TABLE ev (id INTEGER PRIMARY KEY, hazard_id, at, actor, action, note, from_status, to_status)`)
const sampleEvents = sampleHistories.map((history, i) => decodeHistory(i + 1, history))
const rowsFloor = time(() =>
  rowsDb.transaction(() => {
    insertHazards(rowsDb, 'h', null)
    const insertE = rowsDb.prepare(`INSERT INTO ev (hazard_id, at, actor, action, note, from_status, to_status) VALUES ${Array(BULK).fill('(?,?,?,?,?,?,?)').join(',')}`)
    const e: unknown[] = []
    for (let k = 0; k < n; k++) {
      for (const ev of sampleEvents[k % sample.length]!) {
        e.push(k + 1, ev.at, ev.actor, ev.action, ev.note, ev.from, ev.to)
        if (e.length === BULK * 7) {
          insertE.run(e)
          e.length = 0
        }
      }
    }
  })(),
)
rowsDb.close()
rmSync(dir, { recursive: true, force: true })

const rate = (t: Timing, key: keyof Timing) => `${Math.round(n / (t[key] / 1000)).toLocaleString('en')}/s`
const row = (what: string, t: Timing) => ({
  what,
  'wall s': (t.wall / 1000).toFixed(1),
  'wall rate': rate(t, 'wall'),
  'cpu s': (t.cpu / 1000).toFixed(1),
  'cpu rate': rate(t, 'cpu'),
  '÷ floor (wall)': `${(t.wall / floor.wall).toFixed(2)}×`,
  '÷ floor (cpu)': `${(t.cpu / floor.cpu).toFixed(2)}×`,
})
report('seed', [
  row(`generate ${n.toLocaleString('en')} hazards (${events.toLocaleString('en')} events), no store`, generate),
  row('seed: the whole first start', seed),
  row('  of it the ledger: geography, generate, load, indexes', seedLedger),
  row('  of it after the ledger: accounts, supervision, warnings', afterLedger),
  row('floor: the same rows, pre-built, no indexes', floor),
  row('floor + the store’s hazard indexes', indexed),
  row('floor + every index of the ledger (and its text index)', everyIndex),
  row('floor of the earlier layout: rows + one row an event', rowsFloor),
])
// Issue 16's measure: the floor with every index over the seed's time (≥ 0.8× wanted), for the whole
// seed and for its ledger alone; beside it the earlier floor, without the text index.
const share = (f: Timing, t: Timing, key: keyof Timing) => `${(f[key] / t[key]).toFixed(2)}×`
console.log(
  `floor + every index ÷ seed: whole ${share(everyIndex, seed, 'wall')} wall, ${share(everyIndex, seed, 'cpu')} cpu; ` +
    `the ledger alone ${share(everyIndex, seedLedger, 'wall')} wall, ${share(everyIndex, seedLedger, 'cpu')} cpu`,
)
console.log(
  `floor + hazard indexes (no text index) ÷ seed: the ledger alone ${share(indexed, seedLedger, 'wall')} wall, ${share(indexed, seedLedger, 'cpu')} cpu`,
)
