import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../../server/store/sqlite'
import { auditHash } from '../../../server/store/sqlite/audit'
import { migrate, migrations } from '../../../server/store/sqlite/migrations'
import type { AuditRow } from '../../../server/store/types'
import { onPostgres } from '../../postgres/databases'

const run = promisify(execFile)
let dir: string
let path: string

/** `npm run audit:verify` as an operator types it, against a database file. */
const verify = (db: string) =>
  run(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts'], { env: { ...process.env, DB_PATH: db } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )

const entry = (n: number) => ({ at: `2026-11-28T0${n}:00:00.000Z`, username: 'leader', action: 'reveal_person', target: String(n), reason: `核实身份 ${n}` })

/** A copy of the database whose audit rows someone edits behind the server's back, triggers dropped first. */
function tampered(name: string, sql: string): string {
  const copy = join(dir, name)
  copyFileSync(path, copy)
  const db = new Database(copy)
  for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`)
  db.exec(sql)
  db.close()
  return copy
}

/**
 * The SQLite side only: the operator's command over a database file, and migration 5 chaining the
 * rows an older file held. What the port promises of the log, on both adapters, is in
 * contract/audit.test.ts.
 */
describe.skipIf(onPostgres())('the audit log of a SQLite file', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pingan-audit-'))
    path = join(dir, 'audit.db')
    const store = openSqliteStore(path)
    for (let n = 1; n <= 5; n++) store.audit.write(entry(n))
    store.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('npm run audit:verify passes an intact log', async () => {
    const ok = await verify(path)
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/intact.*5 rows/)
  })

  it('npm run audit:verify names a changed row and exits non-zero', async () => {
    const res = await verify(tampered('changed.db', "UPDATE audit SET reason = '例行检查' WHERE id = 3"))
    expect(res.code).toBe(1)
    expect(res.out).toMatch(/row 3 was changed/)
  })

  it('npm run audit:verify names a changed row even when its hash was recomputed to match', async () => {
    // Whoever edits row 3 and writes a fresh, correct hash for it still breaks row 4's link to it.
    const db = new Database(path, { readonly: true })
    const row3 = db.prepare('SELECT id, at, username, action, target, reason, prev_hash AS prev FROM audit WHERE id = 3').get() as AuditRow & { prev: string }
    db.close()
    const hash = auditHash({ ...row3, reason: '例行检查' }, row3.prev)
    const res = await verify(tampered('rehashed.db', `UPDATE audit SET reason = '例行检查', hash = '${hash}' WHERE id = 3`))
    expect(res.code).toBe(1)
    expect(res.out).toMatch(/row 3 was changed/)
  })

  it('npm run audit:verify names a removed row and exits non-zero', async () => {
    const res = await verify(tampered('removed.db', 'DELETE FROM audit WHERE id = 2'))
    expect(res.code).toBe(1)
    expect(res.out).toMatch(/row 2 was removed/)
    const first = await verify(tampered('removed-first.db', 'DELETE FROM audit WHERE id = 1'))
    expect(first.code).toBe(1)
    expect(first.out).toMatch(/row 1 was removed/)
  })

  it('chains the rows a database held before the upgrade', () => {
    const db = new Database(':memory:')
    const chaining = migrations.findIndex((m) => m.includes('audit_no_update'))
    for (let v = 0; v < chaining; v++) db.exec(migrations[v]!)
    db.pragma(`user_version = ${chaining}`)
    const insert = db.prepare('INSERT INTO audit (at, username, action, target, reason) VALUES (@at, @username, @action, @target, @reason)')
    for (let n = 1; n <= 3; n++) insert.run(entry(n))
    migrate(db)
    const rows = db.prepare('SELECT id, prev_hash AS prev, hash FROM audit ORDER BY id').all() as Array<{ id: number; prev: string; hash: string }>
    expect(rows[1]!.prev).toBe(rows[0]!.hash)
    expect(rows[2]!.prev).toBe(rows[1]!.hash)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true)
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/)
    db.close()
  })
})
