import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { copyField, openPgSync } from '../../../../server/store/postgres/bridge'
import { openPostgresStore } from '../../../../server/store/postgres'
import { verifyPgAuditChain } from '../../../../server/store/postgres/audit'
import { openSqliteStore } from '../../../../server/store/sqlite'
import { verifyAuditChain } from '../../../../server/store/sqlite/audit'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const cols = 'id, at, username, action, target, reason, prev_hash, hash'

/** A ledger moved from SQLite to PostgreSQL (copy-store) brings its audit chain as it was written. */
describe.runIf(onPostgres())('the audit log moved from SQLite to PostgreSQL', () => {
  it('reads the same chain, to the same head, and goes on from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-audit-copy-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const lite = openSqliteStore(join(dir, 'store.db'))
    cleanups.push(() => lite.close())
    const texts = ['核实身份', '引号 " 反斜杠 \\', '换行\n制表\t', null]
    texts.forEach((reason, i) => lite.audit.write({ at: `2026-11-28T0${i}:00:00.000Z`, username: 'leader', action: 'reveal_person', target: String(i), reason }))
    const file = new Database(join(dir, 'store.db'), { readonly: true })
    cleanups.push(() => void file.close())
    const rows = file.prepare(`SELECT ${cols} FROM audit ORDER BY id`).raw().all() as unknown[][]
    const liteVerdict = verifyAuditChain(file)

    const { name, url } = await createDatabase()
    cleanups.push(() => dropDatabase(name))
    const pg = openPostgresStore(url)
    cleanups.push(() => pg.close())
    const raw = openPgSync(url, 'audit-copy')
    cleanups.push(() => raw.close())
    // In id order each row follows the newest one, so the chained trigger lets the copy in.
    raw.copyFrom(`COPY audit (${cols}) FROM STDIN`, rows.map((r) => r.map(copyField).join('\t') + '\n').join(''))
    expect(verifyPgAuditChain(raw)).toEqual(liteVerdict)
    expect(liteVerdict).toMatchObject({ ok: true, rows: 4 })

    pg.audit.write({ at: '2026-11-28T05:00:00.000Z', username: 'leader', action: 'export', target: 'ledger', reason: null })
    expect(verifyPgAuditChain(raw)).toMatchObject({ ok: true, rows: 5, lastId: 5 })
  })
})
