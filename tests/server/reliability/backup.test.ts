/**
 * Backup and restore drill (issue 11, durability): a real server process takes reports and photos
 * from two writers while `npm run backup` runs; the archive is restored with `npm run restore` into a
 * fresh place, and every hazard and photo in it must be byte-identical (by sha256) to the source's,
 * every write acknowledged before the backup began must be in it, and a server must start on it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardAnswer, HazardPhoto } from '../../../server/domain/contract/hazards'
import type { AreaCollection } from '../../../server/domain/contract/reference'
import { freePort } from '../support/http'

const ROOT = resolve(import.meta.dirname, '../../..')
const AS_OF = '2026-11-28'
const run = promisify(execFile)
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

let base: string
const servers: ChildProcess[] = []

/** `server/index.ts` on its own port over dir/pingan.db and dir/photos; resolves with its origin once healthy. */
async function startServer(dir: string): Promise<string> {
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DB_PATH: join(dir, 'pingan.db'), VAR_DIR: dir, AS_OF, DEMO: 'true', HAZARDS: '300' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  servers.push(child)
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()))
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline && child.exitCode === null) {
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return origin
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server did not start (exit ${child.exitCode}):\n${log}`)
}

/** An npm script as an operator types it (`npm run backup -- …`), with DB_PATH and VAR_DIR of one place. */
const cli = (script: string, args: string[], dir: string) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, DB_PATH: join(dir, 'pingan.db'), VAR_DIR: dir } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )

async function login(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pingan2026' }) })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'pingan-backup-'))
})
afterAll(async () => {
  for (const child of servers) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const gone = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await gone
  }
  rmSync(base, { recursive: true, force: true })
})

describe('npm run backup and npm run restore', () => {
  it('archive a server taking writes, and restore every hazard and photo byte for byte into a place a server starts on', async () => {
    const source = join(base, 'source')
    const origin = await startServer(source)
    const leader = await login(origin, 'leader')
    const villages = ((await (await fetch(`${origin}/api/areas?level=village`, { headers: { cookie: leader } })).json()) as AreaCollection).features.map((f) => f.properties)

    // What the server acknowledged, and when, relative to the backup.
    const acked = { hazards: new Set<number>(), photos: new Set<number>() }
    let writing = true
    let failure: unknown
    async function writer(village: { id: string; label: [number, number] }, n: number): Promise<void> {
      const cookie = await login(origin, `grid-${village.id}`)
      for (let i = 0; writing; i++) {
        const res = await fetch(`${origin}/api/hazards`, {
          method: 'POST', headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ category: 'safety_accident', item: 'fire', title: `备份演练 ${n}-${i}`, location: village.label, source: 'routine' }),
        })
        if (res.status !== 201) throw new Error(`report: ${res.status} ${await res.text()}`)
        const { hazard } = (await res.json()) as HazardAnswer
        acked.hazards.add(hazard.id)
        const image = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: (i * 37) % 256, g: n * 90, b: 120 } } }).jpeg().toBuffer()
        const form = new FormData()
        form.append('photo', new File([image], 'scene.jpg', { type: 'image/jpeg' }))
        const up = await fetch(`${origin}/api/hazards/${hazard.id}/photos`, { method: 'POST', headers: { cookie }, body: form })
        if (up.status !== 201) throw new Error(`photo: ${up.status} ${await up.text()}`)
        acked.photos.add(((await up.json()) as { photo: HazardPhoto }).photo.id)
      }
    }
    const writers = [villages[0]!, villages[villages.length - 1]!].map((v, n) => writer(v, n).catch((err: unknown) => void (failure ??= err)))
    while (acked.photos.size < 6 && !failure) await new Promise((r) => setTimeout(r, 50))
    const before = { hazards: new Set(acked.hazards), photos: new Set(acked.photos) }

    const archive = join(base, 'pingan-backup.sqlite')
    const backup = await cli('server/cli/backup.ts', ['--out', archive], source)
    expect(backup.code, backup.out).toBe(0)
    // The writers go on after the backup: the server never stopped taking writes.
    const afterBackup = acked.photos.size
    while (acked.photos.size < afterBackup + 4 && !failure) await new Promise((r) => setTimeout(r, 50))
    writing = false
    await Promise.all(writers)
    if (failure) throw failure

    const target = join(base, 'restored')
    const restored = await cli('server/cli/restore.ts', [archive], target)
    expect(restored.code, restored.out).toBe(0)
    // A second restore over it is refused and changes nothing.
    const size = statSync(join(target, 'pingan.db')).size
    const again = await cli('server/cli/restore.ts', [archive], target)
    expect(again.code).not.toBe(0)
    expect(again.out).toMatch(/already holds a database/)
    expect(statSync(join(target, 'pingan.db')).size).toBe(size)

    const src = new Database(join(source, 'pingan.db'), { readonly: true })
    const dst = new Database(join(target, 'pingan.db'), { readonly: true })
    try {
      expect(dst.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(dst.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'backup_%'").pluck().get()).toBe(0)
      // Every hazard in the archive is the source's row as it stands (these writers only add).
      const rowOf = (db: Database.Database, table: string, id: number) => JSON.stringify(db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id))
      const hazardIds = dst.prepare('SELECT id FROM hazards ORDER BY id').pluck().all() as number[]
      expect(hazardIds.length).toBeGreaterThan(300)
      for (const id of hazardIds) expect(rowOf(dst, 'hazards', id), `hazard ${id}`).toBe(rowOf(src, 'hazards', id))
      for (const id of before.hazards) expect(hazardIds, `hazard ${id} acknowledged before the backup`).toContain(id)
      // Every photo in the archive: the same row, and a file whose sha256 is the source file's.
      const photos = dst.prepare('SELECT id, file FROM photos ORDER BY id').all() as Array<{ id: number; file: string }>
      for (const p of photos) {
        expect(rowOf(dst, 'photos', p.id)).toBe(rowOf(src, 'photos', p.id))
        expect(sha(readFileSync(join(target, 'photos', p.file))), `photo ${p.id}`).toBe(sha(readFileSync(join(source, 'photos', p.file))))
      }
      for (const id of before.photos) expect(photos.map((p) => p.id), `photo ${id} acknowledged before the backup`).toContain(id)
    } finally {
      src.close()
      dst.close()
    }
    expect((await cli('server/cli/audit-verify.ts', [], target)).code).toBe(0)

    // A server starts on the restored place and serves a restored photo.
    const back = await startServer(target)
    const cookie = await login(back, 'leader')
    const last = [...before.photos].at(-1)!
    const photo = await fetch(`${back}/api/photos/${last}`, { headers: { cookie } })
    expect(photo.status).toBe(200)
    const db = new Database(join(source, 'pingan.db'), { readonly: true })
    const file = db.prepare('SELECT file FROM photos WHERE id = ?').pluck().get(last) as string
    db.close()
    expect(sha(new Uint8Array(await photo.arrayBuffer()))).toBe(sha(readFileSync(join(source, 'photos', file))))
  }, 300_000)
})
