import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { HazardAnswer } from '../../../server/domain/contract/hazards'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { AS_OF, PASSWORD, type TestApp } from '../support/app'
import { freePort } from '../support/http'
import { areasOf, gridAccount } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { newKey, phoneReport } from './support'

/**
 * Two server processes on one database file (a restart overlapping the old process) each receive
 * the same queued report at the same moment: still one hazard, and both answer it. Within one
 * process two requests cannot interleave inside a write; across processes the key's check and the
 * write hold SQLite's write lock from their start (BEGIN IMMEDIATE), so the second waits and replays.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const ROUNDS = 12

let t: TestApp
let village: AreaProperties
const children: ChildProcess[] = []
const origins: string[] = []

async function startServer(): Promise<string> {
  const port = await freePort()
  const { DB_PATH, VAR_DIR } = t.services.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DB_PATH, VAR_DIR, AS_OF, DEMO: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let log = ''
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()))
  const origin = `http://127.0.0.1:${port}`
  // Ready when it answers; starting (tsx, the ledger's index) takes seconds, more under load.
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline && child.exitCode === null) {
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return origin
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the server on ${port} did not start (exit ${child.exitCode}): ${log}`)
}

beforeAll(async () => {
  t = await openSeededApp()
  village = (await areasOf(await t.as('leader'), 'village'))[7]!
  t.services.store.close()
  origins.push(...(await Promise.all([startServer(), startServer()])))
}, 240_000)
afterAll(async () => {
  const exits = children.filter((c) => c.exitCode === null).map((c) => new Promise((done) => c.once('exit', done)))
  for (const c of children) c.kill('SIGTERM')
  await Promise.all(exits)
  t.close()
})

it('make one hazard per key when two processes receive it at once, both answering it', async () => {
  const login = await fetch(`${origins[0]}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: gridAccount(village.id), password: PASSWORD }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const db = new Database(t.services.env.DB_PATH, { readonly: true })
  const count = () => db.prepare('SELECT count(*) FROM hazards').pluck().get() as number
  try {
    const before = count()
    for (let round = 0; round < ROUNDS; round++) {
      const key = newKey()
      const body = JSON.stringify(phoneReport(village.label, { title: `两个进程同时收到 ${round}` }))
      const headers = { cookie, 'content-type': 'application/json', 'Idempotency-Key': key }
      const answers = await Promise.all(origins.map((o) => fetch(`${o}/api/hazards`, { method: 'POST', headers, body })))
      expect(answers.map((a) => a.status), `round ${round}`).toEqual([201, 201])
      expect(answers.map((a) => a.headers.get('Idempotent-Replayed')).filter(Boolean), `round ${round}`).toEqual(['true'])
      const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as HazardAnswer).hazard.id))
      expect(ids[0], `round ${round}`).toBe(ids[1])
    }
    expect(count()).toBe(before + ROUNDS)
  } finally {
    db.close()
  }
})
