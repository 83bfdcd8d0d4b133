/**
 * npm run bench:seed — how fast the demo ledger is generated and loaded, beside the floor: raw
 * multi-row inserts of the same rows into an empty SQLite file (no generation, no indexes).
 * Pass --hazards N (default 500,000).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import type { Hazard, HazardEvent } from '../../server/domain/schemas'
import { seedDemo } from '../../server/seed/demo'
import { generateGeography } from '../../server/seed/geography'
import { generateLedger } from '../../server/seed/ledger'
import { openSqliteStore } from '../../server/store/sqlite'
import { report } from './support'

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '500000' } } })
const n = Number(values.hazards)
const AS_OF = '2026-11-28'
const dir = mkdtempSync(join(tmpdir(), 'pingan-bench-seed-'))
const rate = (count: number, ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString('en')}/s`

// 1. Generation alone, keeping one batch in ten to replay as the floor's rows.
let t = performance.now()
const geo = generateGeography({ seed: 2026, scope: 'town' })
const ledger = generateLedger(geo, { seed: 2026, asOf: AS_OF, hazards: n })
let events = 0
const sample: Array<{ hazards: Hazard[]; events: HazardEvent[] }> = []
for (const batch of ledger.batches()) {
  events += batch.events.length
  if (sample.length < 3) sample.push(batch)
}
const generateMs = performance.now() - t

// 2. The whole seed as `npm start` runs it: generate, load, build indexes.
const store = openSqliteStore(join(dir, 'seed.db'))
t = performance.now()
await seedDemo(store, { seed: 2026, scope: 'town', asOf: AS_OF, hazards: n })
const seedMs = performance.now() - t
store.close()

// 3. The floor: the same number of hazard and event rows, already in memory, inserted 50 to a statement.
const db = new Database(join(dir, 'floor.db'))
db.pragma('journal_mode = OFF')
db.pragma('synchronous = OFF')
db.exec(`CREATE TABLE h (id INTEGER PRIMARY KEY, a, b, c, d, e, f, g, h2, i, j, k, l, m, n2, o, p, q, r, s, t2, u, v, w, x, y, z, aa, lon, lat);
  CREATE TABLE ev (id INTEGER PRIMARY KEY, hazard_id, at, actor, action, note, from_status, to_status)`)
const hz = sample.flatMap((b) => b.hazards)
const ev = sample.flatMap((b) => b.events)
const insH = db.prepare(`INSERT INTO h VALUES ${Array(50).fill(`(${Array(30).fill('?').join(',')})`).join(',')}`)
const insE = db.prepare(`INSERT INTO ev (hazard_id, at, actor, action, note, from_status, to_status) VALUES ${Array(50).fill('(?,?,?,?,?,?,?)').join(',')}`)
t = performance.now()
db.transaction(() => {
  const buf: unknown[] = []
  for (let i = 0; i < n; i++) {
    const h = hz[i % hz.length]!
    buf.push(i + 1, h.code, h.title, h.description, h.category, h.item, h.status, h.level, h.source, h.areaId, h.villageId, h.districtId, h.townId, h.siteId, h.discoveredAt, h.reportedBy, h.measures, h.leadUnit, h.responsibleUnit, h.responsiblePerson, h.deadline, h.handlingLevel, 0, h.rectifiedAt, h.closedAt, null, h.version, h.updatedAt, h.location[0], h.location[1])
    if (buf.length === 50 * 30) {
      insH.run(buf)
      buf.length = 0
    }
  }
  for (let i = 0; i + 50 <= events; i += 50) {
    buf.length = 0
    for (let k = i; k < i + 50; k++) {
      const e = ev[k % ev.length]!
      buf.push(e.hazardId, e.at, e.actor, e.action, e.note, e.from, e.to)
    }
    insE.run(buf)
  }
})()
const floorMs = performance.now() - t
db.close()
rmSync(dir, { recursive: true, force: true })

report('seed', [
  { what: `generate ${n.toLocaleString('en')} hazards (${events.toLocaleString('en')} events), no store`, seconds: (generateMs / 1000).toFixed(1), rate: rate(n, generateMs) },
  { what: 'seed: generate + load + indexes (as on first start)', seconds: (seedMs / 1000).toFixed(1), rate: rate(n, seedMs) },
  { what: 'floor: insert the same rows, pre-built, no indexes', seconds: (floorMs / 1000).toFixed(1), rate: rate(n, floorMs) },
  { what: 'seed / floor', seconds: (seedMs / floorMs).toFixed(2) + '×', rate: '' },
])
