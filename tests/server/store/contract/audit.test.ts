import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { auditHash } from '../../../../server/store/sqlite/audit'
import type { AuditEntry } from '../../../../server/store/types'
import { type AuditBench, openAuditBench } from './audit-fixture'

const run = promisify(execFile)

let bench: AuditBench | undefined
afterEach(async () => {
  await bench?.close()
  bench = undefined
})

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-11-28T0${n}:00:00.000Z`, username: 'leader', action: 'reveal_person', target: String(n), reason: `核实身份 ${n}`, ...over,
})

async function withEntries(count: number): Promise<AuditBench> {
  bench = await openAuditBench()
  for (let n = 1; n <= count; n++) bench.store.audit.write(entry(n))
  return bench
}

describe('the store (each adapter): the audit log as the port shows it', () => {
  it('lists the newest entries first', async () => {
    const { store } = await withEntries(3)
    expect(store.audit.list(2)).toEqual([entry(3), entry(2)])
    expect(store.audit.list(10)).toHaveLength(3)
  })

  it('pages a query by user, action and time, newest first', async () => {
    bench = await openAuditBench()
    const { audit } = bench.store
    audit.write(entry(1))
    audit.write(entry(2, { username: 'grid-1', action: 'login_failed', reason: null }))
    audit.write(entry(3))
    audit.write(entry(4, { action: 'export' }))
    audit.write(entry(5))
    const ids = (q: Parameters<typeof audit.query>[0]) => audit.query(q).map((r) => r.id)
    expect(audit.query({ limit: 1 })).toEqual([{ id: 5, ...entry(5) }])
    expect(audit.query({ username: 'grid-1', limit: 10 })).toEqual([{ id: 2, ...entry(2, { username: 'grid-1', action: 'login_failed', reason: null }) }])
    expect(ids({ username: 'leader', action: 'reveal_person', limit: 10 })).toEqual([5, 3, 1])
    expect(ids({ fromAt: '2026-11-28T02:00:00.000Z', toAt: '2026-11-28T04:00:00.000Z', limit: 10 })).toEqual([3, 2])
    expect(ids({ beforeId: 4, limit: 2 })).toEqual([3, 2])
  })

  it('counts a user’s entries of one action since an instant', async () => {
    const { store } = await withEntries(4)
    store.audit.write(entry(5, { action: 'export' }))
    expect(store.audit.count('leader', 'reveal_person', '2026-11-28T02:00:00.000Z')).toBe(3)
    expect(store.audit.count('leader', 'export', '2026-11-28T00:00:00.000Z')).toBe(1)
    expect(store.audit.count('nobody', 'export', '2026-11-28T00:00:00.000Z')).toBe(0)
  })

  it('keeps no entry of a transaction undone, and chains the next one without a gap', async () => {
    const { store, verify } = await withEntries(2)
    expect(() =>
      store.transaction(() => {
        store.audit.write(entry(3))
        throw new Error('refused')
      }),
    ).toThrow('refused')
    store.transaction(() => store.audit.write(entry(4)))
    expect(store.audit.query({ limit: 10 }).map((r) => [r.id, r.target])).toEqual([[3, '4'], [2, '2'], [1, '1']])
    expect(verify()).toMatchObject({ ok: true, rows: 3 })
  })
})

describe('the store (each adapter): the audit log is append-only and chained', () => {
  it('chains each row to the one before by its hash', async () => {
    const { links, verify } = await withEntries(5)
    const rows = links()
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5])
    expect(rows[0]!.prev).toBe('0'.repeat(64))
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev).toBe(rows[i - 1]!.hash)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true)
    expect(verify()).toEqual({ ok: true, rows: 5, lastId: 5, head: rows[4]!.hash })
  })

  it('hashes a row as auditHash does, whatever its text holds', async () => {
    bench = await openAuditBench()
    const odd = ['引号 " 反斜杠 \\ /', '换行\n制表\t回车\r', 'control \u0001\u001f\u007f', '😀 \u2028 é', '']
    odd.forEach((text, i) => bench!.store.audit.write(entry(i + 1, { target: text, reason: i % 2 ? null : text })))
    const rows = bench.links()
    const first = bench.store.audit.query({ limit: 10 }).reverse()[0]!
    expect(rows[0]!.hash).toBe(auditHash(first, '0'.repeat(64)))
    expect(bench.verify()).toMatchObject({ ok: true, rows: odd.length })
  })

  it('refuses UPDATE and DELETE, even by someone with the database', async () => {
    const { store, exec } = await withEntries(3)
    expect(() => exec("UPDATE audit SET reason = '无' WHERE id = 2")).toThrow(/append-only/)
    expect(() => exec('DELETE FROM audit WHERE id = 2')).toThrow(/append-only/)
    expect(store.audit.list(10)).toEqual([entry(3), entry(2), entry(1)])
  })

  it('refuses a row appended out of the chain', async () => {
    const { store, exec, links } = await withEntries(2)
    const forged = (id: number, prev: string) =>
      `INSERT INTO audit (id, at, username, action, target, reason, prev_hash, hash) VALUES (${id}, '2026-11-28T09:00:00Z', 'x', 'y', 'z', NULL, '${prev}', 'forged')`
    expect(() => exec(forged(3, 'forged'))).toThrow(/chained/)
    expect(() => exec(forged(5, links()[1]!.hash))).toThrow(/chained/)
    expect(store.audit.list(10)).toHaveLength(2)
  })

  it('names a changed row', async () => {
    const { exec, verify } = await withEntries(5)
    exec("UPDATE audit SET reason = '例行检查' WHERE id = 3", true)
    expect(verify()).toMatchObject({ ok: false, rows: 2, id: 3, problem: 'row 3 was changed (its content does not match its hash)' })
  })

  it('names a changed row even when its hash was recomputed to match', async () => {
    // Whoever edits row 3 and writes a fresh, correct hash for it still breaks row 4's link to it.
    const { store, exec, links, verify } = await withEntries(5)
    const row3 = { ...store.audit.query({ beforeId: 4, limit: 1 })[0]!, reason: '例行检查' }
    const hash = auditHash(row3, links()[1]!.hash)
    exec(`UPDATE audit SET reason = '例行检查', hash = '${hash}' WHERE id = 3`, true)
    expect(verify()).toMatchObject({ ok: false, id: 3, problem: 'row 3 was changed (row 4 recorded another hash for it)' })
  })

  it('names removed rows, the first one too', async () => {
    const { exec, verify } = await withEntries(5)
    exec('DELETE FROM audit WHERE id IN (2, 3)', true)
    expect(verify()).toMatchObject({ ok: false, rows: 1, id: 2, problem: 'rows 2–3 were removed' })
    exec('DELETE FROM audit WHERE id = 1', true)
    expect(verify()).toMatchObject({ ok: false, rows: 0, id: 1, problem: 'rows 1–3 were removed' })
  })

  it('never forks when several processes append at once', async () => {
    bench = await openAuditBench()
    const { adapter, location } = bench
    const appender = 'tests/server/store/contract/audit-appender.ts'
    const writers = ['a', 'b', 'c', 'd']
    await Promise.all(writers.map((tag) => run(process.execPath, ['--import', 'tsx', appender, adapter, location, tag, '40'])))
    expect(bench.verify()).toMatchObject({ ok: true, rows: 160 })
    for (const tag of writers) expect(bench.store.audit.count(tag, 'append', '2000-01-01')).toBe(40)
  }, 60_000)
})
