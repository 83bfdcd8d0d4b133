import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import { planTables } from '../../../server/cli/copy-store/plan'
import { openSource } from '../../../server/cli/copy-store/source'
import { verifyTable } from '../../../server/cli/copy-store/verify'
import { verifyPgAuditChain } from '../../../server/store/postgres/audit'
import { openPgSync, type PgSync } from '../../../server/store/postgres/bridge'
import { verifyAuditChain } from '../../../server/store/sqlite/audit'
import { picture } from '../../fixtures/images'
import { createDatabase, dropDatabase, onPostgres } from '../../postgres/databases'
import { type Client, openTestApp, PASSWORD } from '../support/app'
import { areasOf, gridAccount, type HazardProps, listAll, read } from '../support/ledger'
import { act, hazardFactory } from '../support/walk'

const run = promisify(execFile)
const SLOW = 240_000
/** An account's password changed in the SQLite town before the move: the copied hash must still take it. */
const MOVED_USER = 'district-2'
const NEW_PASSWORD = 'moved-town-2026'

const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  )
const copyStore = (args: string[]) => cli('server/cli/copy-store.ts', args)

let dir: string
let source: string
let target: { name: string; url: string }
/** The town as the SQLite server answered before the move: every hazard's id, version and status. */
let before: Array<Pick<HazardProps, 'id' | 'version' | 'status'>>
let uploaded: { photo: HazardPhoto; bytes: Buffer }
let copied: { code: number; out: string; err: string }
let pg: PgSync

const idVersionStatus = (hs: Array<{ properties: HazardProps }>) => hs.map(({ properties: h }) => ({ id: h.id, version: h.version, status: h.status })).sort((a, b) => a.id - b.id)

// In the postgres project only: it needs the test cluster.
describe.runIf(onPostgres())('npm run copy-store', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingan-copy-store-'))
    source = join(dir, 'pingan.db')
    // A small demo town in a SQLite file, its site photos in VAR_DIR/photos (STORE=sqlite inside the
    // postgres project; the URL given only keeps openTestApp from making a database for nothing).
    const town = await openTestApp({ STORE: 'sqlite', DB_PATH: source, VAR_DIR: dir, HAZARDS: '120', DATABASE_URL: 'postgres://unused' })
    try {
      const village = (await areasOf(await town.as('leader'), 'village'))[1]!
      const grid = await town.as(gridAccount(village.id))
      const district = await town.as(`district-1`)
      const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))
      const h = await hazardAt('reported')
      const form = new FormData()
      const bytes = await picture('jpeg', 80, 60)
      form.append('photo', new File([bytes as Uint8Array<ArrayBuffer>], 'found.jpg', { type: 'image/jpeg' }))
      const { photo } = await read<{ photo: HazardPhoto }>(grid.raw(`/api/hazards/${h.id}/photos`, { method: 'POST', body: form }), 201)
      uploaded = { photo, bytes: Buffer.from(await (await grid.get(photo.url)).arrayBuffer()) }
      await read(act(grid, h, { action: 'comment', note: '已拍照留存' }))
      before = idVersionStatus(await listAll(await town.as('leader')))
    } finally {
      town.close()
    }
    const passwd = await cli('server/cli/user.ts', ['passwd', MOVED_USER], { DB_PATH: source, PINGAN_PASSWORD: NEW_PASSWORD })
    expect(passwd.code, passwd.err).toBe(0)
    target = await createDatabase()
    copied = await copyStore(['--from', `sqlite:${source}`, '--to', target.url])
    pg = openPgSync(target.url, 'copy-store test')
  }, SLOW)

  afterAll(async () => {
    pg?.close()
    rmSync(dir, { recursive: true, force: true })
    if (target) await dropDatabase(target.name)
  })

  /** A server on the PostgreSQL database the town was moved into. */
  async function withMovedTown<T>(fn: (as: (username: string) => Promise<Client>, anonymous: Client) => Promise<T>): Promise<T> {
    const moved = await openTestApp({ DATABASE_URL: target.url, VAR_DIR: join(dir, 'pg-instance') })
    try {
      return await fn((u) => moved.as(u), moved.anonymous)
    } finally {
      moved.close()
    }
  }

  describe('SQLite → PostgreSQL', () => {
    it('copies and verifies: exit 0, a table of rows and hashes agreeing on both sides', () => {
      expect(copied.code, copied.err).toBe(0)
      for (const table of ['hazards', 'hazard_events', 'audit', 'users', 'photos', 'inspection_photos', 'warnings', 'warning_actions'])
        expect(copied.out).toMatch(new RegExp(`^${table} +(\\d+) +\\1 +[0-9a-f]{12}… +ok$`, 'm'))
      expect(copied.out).toMatch(/audit chain: .*: the same/)
      expect(copied.out).toMatch(/photos: (\d+) files, \1 in photo_files, every sha256 the same/)
      expect(copied.out).not.toContain('DIFFERS')
    })

    it('carries the audit chain row for row: the same head on both sides', () => {
      const sqlite = new Database(source, { readonly: true })
      try {
        const theirs = verifyAuditChain(sqlite)
        const ours = verifyPgAuditChain(pg)
        expect(theirs.ok && theirs.rows).toBeGreaterThan(0)
        expect(ours).toEqual(theirs)
      } finally {
        sqlite.close()
      }
    })

    it('serves the same hazards, with their ids, versions and statuses', async () => {
      const after = await withMovedTown(async (as) => idVersionStatus(await listAll(await as('leader'))))
      expect(after).toEqual(before)
      expect(after.length).toBeGreaterThan(120)
    }, SLOW)

    it('keeps the accounts’ password hashes: the changed password logs in, the old one no longer does', async () => {
      await withMovedTown(async (_as, anonymous) => {
        expect((await anonymous.post('/api/auth/login', { username: MOVED_USER, password: NEW_PASSWORD })).status).toBe(200)
        expect((await anonymous.post('/api/auth/login', { username: MOVED_USER, password: PASSWORD })).status).toBe(401)
        expect((await anonymous.post('/api/auth/login', { username: 'leader', password: PASSWORD })).status).toBe(200)
      })
    }, SLOW)

    it('puts every photo’s bytes into photo_files, and the moved server serves the uploaded one', async () => {
      const sqlite = new Database(source, { readonly: true })
      const files = sqlite.prepare('SELECT file FROM photos UNION ALL SELECT file FROM inspection_photos').pluck().all() as string[]
      sqlite.close()
      expect(files.length).toBeGreaterThan(1)
      const stored = new Map(pg.query<{ name: string; data: Uint8Array }>('SELECT name, data FROM photo_files').map((r) => [r.name, Buffer.from(r.data)]))
      expect([...stored.keys()].sort()).toEqual([...files].sort())
      for (const f of files) expect(stored.get(f)!.equals(readFileSync(join(dir, 'photos', f))), f).toBe(true)
      const served = await withMovedTown(async (as) => {
        const village = (await areasOf(await as('leader'), 'village'))[1]!
        return Buffer.from(await (await (await as(gridAccount(village.id))).get(uploaded.photo.url)).arrayBuffer())
      })
      expect(served.equals(uploaded.bytes)).toBe(true)
    }, SLOW)

    it('sets every sequence past the copied ids: a new report, event and photo get fresh ids', async () => {
      const maxOf = (table: string) => pg.value<number>(`SELECT max(id) FROM ${table}`)!
      const [hazards, events, photos] = [maxOf('hazards'), maxOf('hazard_events'), maxOf('photos')]
      await withMovedTown(async (as) => {
        const village = (await areasOf(await as('leader'), 'village'))[1]!
        const grid = await as(gridAccount(village.id))
        const h = await read<{ hazard: HazardProps }>(grid.post('/api/hazards', { category: 'safety_accident', item: 'fire', title: '迁移后新报隐患', source: 'routine', location: village.label }), 201)
        expect(h.hazard.id).toBe(hazards + 1)
        const form = new FormData()
        form.append('photo', new File([(await picture('jpeg')) as Uint8Array<ArrayBuffer>], 'p.jpg', { type: 'image/jpeg' }))
        const { photo } = await read<{ photo: HazardPhoto }>(grid.raw(`/api/hazards/${h.hazard.id}/photos`, { method: 'POST', body: form }), 201)
        expect(photo.id).toBe(photos + 1)
      })
      expect(maxOf('hazard_events')).toBeGreaterThan(events)
      expect(verifyPgAuditChain(pg).ok).toBe(true)
    }, SLOW)

    it('refuses a second run into a database that holds a town, without --force, and changes nothing', async () => {
      const count = () => pg.value<number>('SELECT count(*) FROM hazards')!
      const hazards = count()
      const head = verifyPgAuditChain(pg)
      const again = await copyStore(['--from', `sqlite:${source}`, '--to', target.url])
      expect(again.code).toBe(2)
      expect(again.err).toMatch(/already holds a town.*--force/)
      expect(count()).toBe(hazards)
      expect(verifyPgAuditChain(pg)).toEqual(head)
    }, SLOW)

    it('replaces the town with --force: what was written after the first move is gone, the chain is SQLite’s again', async () => {
      const forced = await copyStore(['--from', `sqlite:${source}`, '--to', target.url, '--force'])
      expect(forced.code, forced.err).toBe(0)
      expect(pg.value<number>('SELECT count(*) FROM hazards')).toBe(before.length)
      const sqlite = new Database(source, { readonly: true })
      try {
        expect(verifyPgAuditChain(pg)).toEqual(verifyAuditChain(sqlite))
      } finally {
        sqlite.close()
      }
    }, SLOW)

    it('names a table whose content differs on the two sides (the verification can fail)', () => {
      pg.run("UPDATE hazards SET title = title || '（改）' WHERE id = (SELECT min(id) FROM hazards)")
      const src = openSource(source)
      try {
        const plan = planTables(pg, src.tables).find((p) => p.name === 'hazards')!
        const verdict = verifyTable(src.db, pg, plan)
        expect(verdict.pgRows).toBe(verdict.sqliteRows)
        expect(verdict.pgHash).not.toBe(verdict.sqliteHash)
      } finally {
        src.end()
      }
    })
  })

  describe('refusals and old rows', () => {
    /** A copy of the source town with `sql` applied to it, beside it (so its photos are found the same way). */
    const variant = (name: string, sql: string) => {
      const path = join(dir, name)
      const db = new Database(source, { readonly: true })
      db.exec(`VACUUM INTO '${path}'`)
      db.close()
      const changed = new Database(path)
      changed.exec(sql)
      changed.close()
      return path
    }

    it('answers a bad or unfit source with exit 2 naming it, and writes nothing to the database', async () => {
      const empty = await createDatabase()
      const db = openPgSync(empty.url)
      const relations = () => db.value<number>("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")
      try {
        const junk = join(dir, 'junk.db')
        writeFileSync(junk, 'not a database')
        const cases: Array<[string[], RegExp]> = [
          [['--from', `sqlite:${join(dir, 'missing.db')}`], /--from: .*missing\.db does not exist/],
          [['--from', `sqlite:${junk}`], /--from: cannot read .* as a SQLite store/],
          [['--from', source], /--from: give the SQLite file as sqlite:/],
          [['--from', `sqlite:${variant('older.db', 'PRAGMA user_version = 10')}`], /--from: .* is at SQLite migration 10/],
          [['--from', `sqlite:${variant('tampered.db', "DROP TRIGGER audit_no_update; UPDATE audit SET target = target || '!' WHERE id = 2")}`], /audit log .* is broken \(row 2 was changed/],
          [['--from', `sqlite:${source}`, '--photos', join(dir, 'no-such-dir')], /--photos: .* does not exist/],
        ]
        const before = relations()
        for (const [args, message] of cases) {
          const r = await copyStore([...args, '--to', empty.url])
          expect(r.code, args.join(' ')).toBe(2)
          expect(r.err).toMatch(message)
        }
        expect(relations()).toBe(before)
        expect(db.value<string | null>("SELECT to_regclass('schema_migrations')::text")).toBeNull()
      } finally {
        db.close()
        await dropDatabase(empty.name)
      }
    }, SLOW)

    it('writes a hazard from before SQLite’s three times with the times SQLite’s port reads for it', async () => {
      const old = variant('old-rows.db', 'UPDATE hazards SET found_at = NULL, reported_at = NULL, received_at = NULL WHERE id = (SELECT min(id) FROM hazards)')
      const fresh = await createDatabase()
      try {
        const r = await copyStore(['--from', `sqlite:${old}`, '--to', fresh.url])
        expect(r.code, r.err).toBe(0)
        const db = openPgSync(fresh.url)
        try {
          const h = db.one<Record<string, string>>('SELECT discovered_at, found_at, reported_at, received_at FROM hazards ORDER BY id LIMIT 1')!
          expect(h).toEqual({ discovered_at: h['discovered_at'], found_at: `${h['discovered_at']}T09:00:00+08:00`, reported_at: h['found_at'], received_at: h['found_at'] })
        } finally {
          db.close()
        }
      } finally {
        await dropDatabase(fresh.name)
      }
    }, SLOW)
  })
})
