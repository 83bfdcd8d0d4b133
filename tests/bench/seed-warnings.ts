/**
 * npx tsx tests/bench/seed-warnings.ts [--hazards N] [--scope town|city] [--url postgres://…/db] — the
 * demo seed into a new SQLite file (or, given --url, into that PostgreSQL database, dropped and made
 * anew first, dropped after), then what followed the ledger (the accounts, the supervision, the
 * warnings' history: seedDemo's afterLedgerMs and afterLedgerCpuMs, the CPU counting the detectors'
 * worker thread) and the store's port calls it made, by method: on PostgreSQL each is a round trip.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { seedDemo } from '../../server/seed/demo'
import { openPgSync } from '../../server/store/postgres/bridge'
import { openPostgresStore } from '../../server/store/postgres'
import { openSqliteStore } from '../../server/store/sqlite'
import type { Store } from '../../server/store/types'

const { values: args } = parseArgs({
  options: { hazards: { type: 'string', default: '100000' }, scope: { type: 'string', default: 'city' }, url: { type: 'string' } },
})
const hazards = Number(args.hazards)
if (!Number.isInteger(hazards) || hazards <= 0 || (args.scope !== 'town' && args.scope !== 'city')) {
  console.error('usage: tests/bench/seed-warnings.ts [--hazards N>0] [--scope town|city] [--url postgres://…/database]')
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), 'pingan-seed-warnings-'))
let dropDatabase = () => {}
const store: Store = (() => {
  if (!args.url) return openSqliteStore(join(dir, 'seed.db'))
  const url = new URL(args.url)
  const name = url.pathname.slice(1)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const db = openPgSync(admin.toString(), 'pingan-bench-seed-warnings')
  db.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  db.exec(`CREATE DATABASE "${name}"`)
  dropDatabase = () => {
    db.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    db.close()
  }
  return openPostgresStore(url.toString())
})()

// Every method of every part of the port counted once counting is on: from the first account
// written, the first write after the ledger.
const calls = new Map<string, number>()
let counting = false
for (const [part, methods] of Object.entries(store)) {
  if (!methods || typeof methods !== 'object') continue
  const target = methods as Record<string, unknown>
  for (const [name, fn] of Object.entries(target)) {
    if (typeof fn !== 'function') continue
    target[name] = (...a: unknown[]) => {
      if (part === 'users' && name === 'insert') counting = true
      if (counting) calls.set(`${part}.${name}`, (calls.get(`${part}.${name}`) ?? 0) + 1)
      return (fn as (...a: unknown[]) => unknown).apply(target, a)
    }
  }
}

try {
  const report = await seedDemo(store, { seed: 2026, scope: args.scope, asOf: '2026-11-28', hazards })
  const total = [...calls.values()].reduce((a, b) => a + b, 0)
  console.log(`${args.url ? 'PostgreSQL' : 'SQLite'}, ${args.scope}, ${hazards.toLocaleString('en')} hazards: after the ledger ${(report.afterLedgerMs / 1000).toFixed(1)} s wall, ${(report.afterLedgerCpuMs / 1000).toFixed(1)} s CPU; ${total.toLocaleString('en')} port calls`)
  for (const [name, n] of [...calls].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(8)}  ${name}`)
} finally {
  store.close()
  dropDatabase()
  rmSync(dir, { recursive: true, force: true })
}
