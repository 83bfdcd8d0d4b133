/**
 * Crash (issue 11, the battery): a real server process takes concurrent writes — reports, lifecycle
 * steps, inspections, photos — and is cut by `kill -9` at a random moment, 20 times over the same
 * database. After each cut, before the server comes back, the SQLite file passes
 * `PRAGMA integrity_check` and holds every write the server acknowledged: each hazard at least at
 * the version it answered with and with one event per version, each inspection, each photo row with
 * its file whole. The restarted server then answers for them.
 *
 * kill -9 ends the process, not the machine: what the process handed the kernel survives it. So this
 * proves the server acknowledges only what it committed and that a torn process leaves a sound
 * file; a power cut (the fsync question) is not simulated here.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HazardAnswer, HazardDetail, HazardPhoto } from '../../../server/domain/contract/hazards'
import type { InspectionView } from '../../../server/domain/contract/inspections'
import type { AreaCollection } from '../../../server/domain/contract/reference'
import { freePort } from '../support/http'

const ROUNDS = 20
const WRITERS = 8
const ROOT = resolve(import.meta.dirname, '../../..')
const AS_OF = '2026-11-28'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

let dir: string
let port: number
let child: ChildProcess | undefined
let log = ''
const origin = () => `http://127.0.0.1:${port}`

async function start(): Promise<void> {
  log = ''
  cut = false
  child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DB_PATH: join(dir, 'pingan.db'), VAR_DIR: dir, AS_OF, DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()))
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    if (await fetch(`${origin()}/api/health`).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server did not start (exit ${child.exitCode}):\n${log}`)
}

/** Set just before the kill: a request failing after it is the cut, not a fault. */
let cut = false

async function kill9(): Promise<void> {
  const c = child!
  cut = true
  if (c.exitCode !== null || c.signalCode !== null) return
  const gone = new Promise((r) => c.once('exit', r))
  c.kill('SIGKILL')
  await gone
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-crash-'))
  port = await freePort()
  await start() // seeds the demo town once; every round after restarts on the same file
})
afterAll(async () => {
  if (child) await kill9()
  rmSync(dir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------

const cookies = new Map<string, string>()
async function login(username: string): Promise<string> {
  const res = await fetch(`${origin()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pingan2026' }) })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  cookies.set(username, cookie)
  return cookie
}

/** What the server acknowledged: each must be in the file after the cut. */
const acked = { hazards: new Map<number, number>(), inspections: new Set<number>(), photos: new Set<number>() }

async function call(username: string, path: string, init: RequestInit & { json?: unknown }): Promise<Response> {
  const headers: Record<string, string> = { cookie: cookies.get(username) ?? (await login(username)) }
  if (init.json !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${origin()}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
}

interface Place { grid: string; district: string; villageId: string; label: [number, number] }

/** One writer: random writes, one after another, until the server dies under it. */
async function writer(place: Place, mine: number[], round: number): Promise<number> {
  let done = 0
  for (;;) {
    try {
      const pick = Math.random()
      if (pick < 0.35 || mine.length === 0) {
        const res = await call(place.grid, '/api/hazards', { method: 'POST', json: { category: 'safety_accident', item: 'fire', title: `崩溃测试 第${round}轮`, location: place.label, source: 'routine' } })
        if (res.status !== 201) throw new Error(`report: ${res.status}`)
        const { hazard } = (await res.json()) as HazardAnswer
        acked.hazards.set(hazard.id, hazard.version)
        mine.push(hazard.id)
      } else if (pick < 0.7) {
        const id = mine[Math.floor(Math.random() * mine.length)]!
        const got = await call(place.district, `/api/hazards/${id}`, { method: 'GET' })
        if (got.status !== 200) throw new Error(`get: ${got.status}`)
        const { hazard } = (await got.json()) as HazardDetail
        const body = hazard.status === 'reported' ? { action: 'assess', level: 'general', measures: '限期整改' } : { action: 'comment', note: `第${round}轮批注` }
        const res = await call(place.district, `/api/hazards/${id}/actions`, { method: 'POST', json: { ...body, version: hazard.version } })
        // Another writer stepped first (stale version, or the step no longer fits): refused, nothing acknowledged.
        if (res.status === 409 || res.status === 422) continue
        if (res.status !== 200) throw new Error(`act: ${res.status} ${await res.text()}`)
        const { hazard: after } = (await res.json()) as HazardAnswer
        acked.hazards.set(id, Math.max(acked.hazards.get(id) ?? 0, after.version))
      } else if (pick < 0.85) {
        const res = await call(place.grid, '/api/inspections', { method: 'POST', json: { source: 'routine', areaId: place.villageId, date: AS_OF, inspectors: '崩溃测试', checked: `第${round}轮` } })
        if (res.status !== 201) throw new Error(`inspection: ${res.status} ${await res.text()}`)
        acked.inspections.add(((await res.json()) as { inspection: InspectionView }).inspection.id)
      } else {
        const id = mine[Math.floor(Math.random() * mine.length)]!
        const form = new FormData()
        form.append('photo', new File([PNG], 'p.png', { type: 'image/png' }))
        const res = await call(place.grid, `/api/hazards/${id}/photos`, { method: 'POST', body: form })
        if (res.status === 422) continue // that hazard has its photos already
        if (res.status !== 201) throw new Error(`photo: ${res.status} ${await res.text()}`)
        acked.photos.add(((await res.json()) as { photo: HazardPhoto }).photo.id)
      }
      done++
    } catch (err) {
      // The cut: a request in flight fails at the socket. Anything else is a real failure.
      if (!cut) throw new Error(`round ${round}: a write failed while the server was up: ${String(err)}\n${log.slice(-3000)}`, { cause: err })
      return done
    }
  }
}

/** The file as the cut left it: sound, and holding every acknowledged write. */
function checkFile(): { hazards: number; inspections: number; photos: number } {
  const db = new Database(join(dir, 'pingan.db'))
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    const hazard = db.prepare('SELECT version FROM hazards WHERE id = ?').pluck()
    const events = db.prepare('SELECT count(*) FROM hazard_events WHERE hazard_id = ?').pluck()
    for (const [id, version] of acked.hazards) {
      const stored = hazard.get(id) as number | undefined
      expect(stored, `hazard ${id}`).toBeGreaterThanOrEqual(version)
      // A new hazard has no compact history: one event row per version, none lost, none extra.
      expect(events.get(id), `events of hazard ${id}`).toBe(stored)
    }
    const inspection = db.prepare('SELECT 1 FROM inspections WHERE id = ?').pluck()
    for (const id of acked.inspections) expect(inspection.get(id), `inspection ${id}`).toBe(1)
    const photo = db.prepare('SELECT file, bytes FROM photos WHERE id = ?')
    for (const id of acked.photos) {
      const row = photo.get(id) as { file: string; bytes: number } | undefined
      expect(row, `photo ${id}`).toBeDefined()
      expect(statSync(join(dir, 'photos', row!.file)).size, `photo file ${row!.file}`).toBe(row!.bytes)
    }
    return { hazards: acked.hazards.size, inspections: acked.inspections.size, photos: acked.photos.size }
  } finally {
    db.close()
  }
}

describe('writes cut by kill -9', () => {
  it(`keeps every acknowledged write and a sound file through ${ROUNDS} cuts`, async () => {
    // Two villages in different districts, their grid workers and district officers.
    await login('leader')
    const villages = ((await (await call('leader', '/api/areas?level=village', { method: 'GET' })).json()) as AreaCollection).features.map((f) => f.properties)
    const districts = ((await (await call('leader', '/api/areas?level=district', { method: 'GET' })).json()) as AreaCollection).features.map((f) => f.properties.id)
    const places: Place[] = [villages[0]!, villages.find((v) => v.parentId !== villages[0]!.parentId)!].map((v) => ({
      grid: `grid-${v.id}`, district: `district-${districts.indexOf(v.parentId!) + 1}`, villageId: v.id, label: v.label,
    }))
    const mine: number[][] = places.map(() => [])
    const perRound: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) await start()
      // The restarted server answers for what was acknowledged before the last cut.
      for (const [id, version] of [...acked.hazards].slice(-5)) {
        const res = await call('leader', `/api/hazards/${id}`, { method: 'GET' })
        expect(res.status).toBe(200)
        expect(((await res.json()) as HazardAnswer).hazard.version).toBeGreaterThanOrEqual(version)
      }
      // Each writer's failure is kept, not thrown into the void, and reported after the cut.
      const writers = Array.from({ length: WRITERS }, (_, i) => writer(places[i % places.length]!, mine[i % places.length]!, round).catch((err: unknown) => err as Error))
      // Cut at a random moment, once the writes are under way.
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200))
      await kill9()
      const results = await Promise.all(writers)
      for (const r of results) if (r instanceof Error) throw r
      perRound.push((results as number[]).reduce((a, b) => a + b, 0))
      checkFile()
    }
    const totals = checkFile()
    console.log(`crash: ${ROUNDS} cuts; acknowledged writes per round ${perRound.join(' ')}; in all`, JSON.stringify(totals))
    // Each round cut real work in progress.
    expect(perRound.every((n) => n > 0)).toBe(true)
    expect(totals.photos).toBeGreaterThan(0)
  }, 600_000)
})
