import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { Signal } from '../../../../server/domain/warnings/model'
import { openPostgresStore } from '../../../../server/store/postgres'
import { RECONCILE_LOCK } from '../../../../server/store/postgres/warnings'
import type { NewWarning, Store } from '../../../../server/store/types'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'

/**
 * Warnings on PostgreSQL with several server instances on one database: what another instance
 * commits shows in this one's next list (each keeps its parsed list only while nothing changed),
 * and a run of the detectors holds the reconciliation until its transaction ends. The other
 * instance is a connection of its own (a pg client here, a child process where this one's
 * synchronous call is waiting): one process's PgSync connections share one bridge.
 */
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function instanceAndOther(): Promise<{ store: Store; other: pg.Client; url: string }> {
  const db = await createDatabase()
  cleanups.push(() => dropDatabase(db.name))
  const store = openPostgresStore(db.url)
  cleanups.push(() => store.close())
  const other = new pg.Client({ connectionString: db.url })
  await other.connect()
  cleanups.push(() => other.end())
  return { store, other, url: db.url }
}

const warning = (n: number, key: string): NewWarning => {
  const sig = { key, detector: 'overdue', level: 'yellow', ruleId: 'overdue.yellow', area: { kind: 'town', id: 't1' }, category: null, item: null } as Signal
  return {
    code: `YJ-2026-${String(n).padStart(4, '0')}`, key, detector: 'overdue', level: 'yellow', detectedLevel: 'yellow', status: 'issued', category: null,
    item: null, area: sig.area, signal: sig, ruleId: sig.ruleId, ruleVersion: '3', responsible: { kind: 'district', id: 'd1' },
    issuedAt: '2026-10-01T01:00:00.000Z', issuedOn: '2026-10-01', responseDeadline: '2026-10-08', lastFiredOn: '2026-10-01',
  }
}

/** The other instance's insert of a warning, as the store writes it. */
const insertSql = `INSERT INTO warnings (code, key, detector, level, detected_level, status, area, signal, rule_id, rule_version,
  responsible_kind, responsible_id, issued_at, issued_on, response_deadline, last_fired_on)
  SELECT 'YJ-2026-0002', 'k2', detector, level, detected_level, 'issued', area, signal, rule_id, rule_version,
    responsible_kind, responsible_id, issued_at, issued_on, response_deadline, last_fired_on FROM warnings WHERE key = 'k1'`

describe.runIf(onPostgres())('warnings on PostgreSQL, several instances on one database', () => {
  it('an instance’s list shows what another instance committed, and only once it is committed', async () => {
    const { store, other } = await instanceAndOther()
    const w = store.warnings.insert(warning(1, 'k1'))
    const before = store.warnings.list()
    expect(store.warnings.list()).toBe(before)
    await other.query(`UPDATE warnings SET status = 'acknowledged' WHERE id = $1`, [w.id])
    expect(store.warnings.list().map((r) => r.status)).toEqual(['acknowledged'])

    await other.query('BEGIN')
    await other.query(insertSql)
    expect(store.warnings.list().map((r) => r.key)).toEqual(['k1'])
    await other.query('COMMIT')
    expect(store.warnings.list().map((r) => [r.key, r.code])).toEqual([['k1', 'YJ-2026-0001'], ['k2', 'YJ-2026-0002']])
  })

  it('a run and a user’s action on another instance, on the same warning at once, both land', async () => {
    const { store, other } = await instanceAndOther()
    const w = store.warnings.insert(warning(1, 'k1'))
    await other.query('BEGIN')
    let acknowledged: Promise<unknown> | undefined
    store.transaction(() => {
      store.warnings.insert(warning(2, 'k2'))
      // the other instance's action is sent while this run's transaction is open, and waits for it
      acknowledged = other.query(`UPDATE warnings SET status = 'acknowledged' WHERE id = $1`, [w.id])
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
      store.warnings.update(w.id, { lastFiredOn: '2026-10-15' })
    })
    await acknowledged
    await other.query('COMMIT')
    expect(store.warnings.get(w.id)).toMatchObject({ status: 'acknowledged', lastFiredOn: '2026-10-15' })
  })

  it('a warning read to be changed in a transaction is not changed by another instance until that transaction ends', async () => {
    const { store, other } = await instanceAndOther()
    const w = store.warnings.insert(warning(1, 'k1'))
    let responded: Promise<pg.QueryResult> | undefined
    store.transaction(() => {
      expect(store.warnings.get(w.id)!.status).toBe('issued')
      // the other instance's action, which also changes the warning only from the status it saw
      responded = other.query(`UPDATE warnings SET status = 'responding' WHERE id = $1 AND status = 'issued'`, [w.id])
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
      expect(store.warnings.get(w.id)!.status).toBe('issued')
      store.warnings.update(w.id, { status: 'acknowledged' })
    })
    expect((await responded!).rowCount).toBe(0)
    expect(store.warnings.get(w.id)!.status).toBe('acknowledged')
  })

  it('a run reconciling in a transaction holds the reconciliation until it commits', async () => {
    const { store, url } = await instanceAndOther()
    // Asked from another process while this one's transaction is open (this thread waits on it).
    const tryLock = () => {
      const script = `const pg = require('pg'); const c = new pg.Client(${JSON.stringify(url)});
        c.connect().then(() => c.query('SELECT pg_try_advisory_lock($1) AS got', [${RECONCILE_LOCK}])).then((r) => { console.log(r.rows[0].got); return c.end() })`
      const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })
      if (out.status !== 0) throw new Error(out.stderr)
      return out.stdout.trim()
    }
    store.transaction(() => {
      store.warnings.latestByKey()
      expect(tryLock()).toBe('false')
      store.warnings.insert(warning(1, 'k1'))
    })
    expect(tryLock()).toBe('true')
  })
})
