/**
 * `npm run backup`, `npm run restore` and `npm run audit:verify` on the run's store (issue 16): on
 * PostgreSQL a pg_dump of the database, photos inside; on SQLite the archive file with the photos
 * beside. Restored into a fresh, empty place, every photo's bytes are the source's and the audit
 * chain verifies with the same head; a restore over a database is refused; a tampered audit row
 * is named.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardPhoto } from '../../../server/domain/contract/photos'
import type { InspectionPhoto } from '../../../server/domain/contract/inspections'
import { photoFiles } from '../../../server/services/photos'
import { createDatabase, dropDatabase, onPostgres } from '../../postgres/databases'
import { picture } from '../../fixtures/images'
import { type TestApp, openTestApp } from '../support/app'
import { areasOf, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { reportBody } from '../support/walk'
import { served, sha, uploadPhoto } from './support'

const run = promisify(execFile)
/** A command as an operator runs it (`npm run backup -- …`), against one place's settings. */
const cli = (script: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )

/** Where a store lives, as the commands take it: DB_PATH and VAR_DIR, or STORE=postgres and DATABASE_URL. */
const placeOf = (t: TestApp): Record<string, string> =>
  onPostgres() ? { STORE: 'postgres', DATABASE_URL: t.services.env.DATABASE_URL! } : { DB_PATH: t.services.env.DB_PATH, VAR_DIR: t.services.env.VAR_DIR }

let source: TestApp
let dir: string
let target: { env: Record<string, string>; drop(): Promise<void> }
let uploaded: HazardPhoto
let inspectionPhoto: InspectionPhoto

beforeAll(async () => {
  source = await openSeededApp()
  dir = mkdtempSync(join(tmpdir(), 'pingan-photos-backup-'))
  if (onPostgres()) {
    const d = await createDatabase()
    target = { env: { STORE: 'postgres', DATABASE_URL: d.url }, drop: () => dropDatabase(d.name) }
  } else target = { env: { DB_PATH: join(dir, 'restored', 'pingan.db'), VAR_DIR: join(dir, 'restored') }, drop: async () => undefined }
  // A hazard photo and an inspection photo uploaded through the API, beside the demo's site photos.
  const village = (await areasOf(await source.as('leader'), 'village'))[5]!
  const grid = await source.as(gridAccount(village.id))
  const { hazard } = await read<{ hazard: { id: number } }>(grid.post('/api/hazards', { ...reportBody, location: village.label }), 201)
  uploaded = (await read<{ photo: HazardPhoto }>(uploadPhoto(grid, hazard.id, await picture('jpeg', 70, 50)), 201)).photo
  const body = { source: 'routine', areaId: village.id, date: '2026-11-28', inspectors: '网格员', checked: '消防通道', hazardsFound: 0 }
  const { inspection } = await read<{ inspection: { id: number } }>(grid.post('/api/inspections', body), 201)
  const form = new FormData()
  form.append('photo', new File([(await picture('png', 30, 20)) as Uint8Array<ArrayBuffer>], 'site.png', { type: 'image/png' }))
  inspectionPhoto = (await read<{ photo: InspectionPhoto }>(grid.raw(`/api/inspections/${inspection.id}/photos`, { method: 'POST', body: form }), 201)).photo
}, 240_000)
afterAll(async () => {
  source.close()
  await target.drop()
  rmSync(dir, { recursive: true, force: true })
})

/** Every photo row's file (hazards' and inspections') and the sha256 of the bytes the store keeps for it. */
function photoHashes(t: TestApp): Map<string, string> {
  const files = photoFiles(t.services)
  const names = t.services.store.inspections.allPhotos().map((p) => p.file)
  // The demo has no hazard photos: the source's are the ones this file uploaded, ids up to `uploaded`'s.
  for (let id = 1; id <= uploaded.id; id++) {
    const p = t.services.store.photos.get(id)
    if (p) names.push(p.file)
  }
  return new Map(names.map((n) => [n, sha(files.get(n) ?? new Uint8Array())]))
}

describe('backup, restore into an empty place, audit:verify', () => {
  it('gives back every photo byte for byte and an intact audit chain with the same head', async () => {
    const archive = join(dir, 'pingan.backup')
    const backup = await cli('backup', ['--out', archive], placeOf(source))
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).toMatch(/backup written to .*photos/)
    expect(existsSync(`${archive}.partial`)).toBe(false)
    const again = await cli('backup', ['--out', archive], placeOf(source))
    expect([again.code, again.out]).toEqual([2, expect.stringMatching(/exists; choose a new name/)])

    const restored = await cli('restore', [archive], target.env)
    expect(restored.code, restored.out).toBe(0)
    expect(restored.out).toMatch(/audit log intact/)
    const over = await cli('restore', [archive], target.env)
    expect([over.code, over.out]).toEqual([2, expect.stringMatching(/already holds a database/)])

    const head = (out: string) => /head ([0-9a-f]{64})/.exec(out)?.[1]
    const verifiedSource = await cli('audit-verify', [], placeOf(source))
    const verifiedTarget = await cli('audit-verify', [], target.env)
    expect(verifiedTarget.code, verifiedTarget.out).toBe(0)
    expect(head(verifiedTarget.out)).toBe(head(verifiedSource.out))

    const back = await openTestApp(target.env)
    try {
      const want = photoHashes(source)
      expect(want.size).toBeGreaterThan(2)
      expect(photoHashes(back)).toEqual(want)
      const grid = await back.as(gridAccount((await areasOf(await back.as('leader'), 'village'))[5]!.id))
      expect(sha(await served(grid, uploaded))).toBe(sha(await served(await source.as('leader'), uploaded)))
      expect(sha(await served(grid, inspectionPhoto))).toBe(want.get(source.services.store.inspections.photo(inspectionPhoto.id)!.file))
    } finally {
      back.close()
    }
  }, 240_000)

  it('audit:verify names a row changed behind the server’s back, exit 1', async () => {
    if (onPostgres()) {
      const c = new pg.Client({ connectionString: target.env['DATABASE_URL'] })
      await c.connect()
      try {
        await c.query("ALTER TABLE audit DISABLE TRIGGER USER; UPDATE audit SET reason = '改过' WHERE id = 3; ALTER TABLE audit ENABLE TRIGGER USER")
      } finally {
        await c.end()
      }
    } else {
      const db = new Database(target.env['DB_PATH']!)
      for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`)
      db.exec("UPDATE audit SET reason = '改过' WHERE id = 3")
      db.close()
    }
    const verified = await cli('audit-verify', [], target.env)
    expect(verified.code, verified.out).toBe(1)
    expect(verified.out).toMatch(/audit log broken: .*\b3\b.*the 2 rows before it are intact/)
  }, 60_000)

  it('restore refuses what is not an archive of npm run backup, and changes nothing', async () => {
    const empty = onPostgres() ? await createDatabase() : undefined
    const env: Record<string, string> = empty ? { STORE: 'postgres', DATABASE_URL: empty.url } : { DB_PATH: join(dir, 'other', 'pingan.db'), VAR_DIR: join(dir, 'other') }
    try {
      const refused = await cli('restore', [join(import.meta.dirname, 'support.ts')], env)
      expect(refused.code).not.toBe(0)
      expect(refused.out).toMatch(/not an archive made by npm run backup/)
      const verified = await cli('audit-verify', [], env)
      expect(verified.code).toBe(2)
    } finally {
      if (empty) await dropDatabase(empty.name)
    }
  }, 60_000)
})
