import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../../../server/store/postgres'
import { openSqliteStore } from '../../../../server/store/sqlite'
import type { IdempotencyRecord, Store } from '../../../../server/store/types'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'
import { type BareStore, openBareStore } from '../../../postgres/store'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const keyed = (over: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  username: 'grid-1', key: '0b9e4f5c-6a57-4d0e-9a4c-7f1c2b3d4e5f', route: 'POST /api/hazards', requestHash: 'a'.repeat(64),
  status: 201, answer: '{"hazard":{"id":7}}', createdAt: '2026-11-28T02:00:00.000Z', ...over,
})

describe('the store (each adapter): idempotency keys', () => {
  it('records a key’s answer once per account, and gives it back as recorded', async () => {
    open = await openBareStore()
    const keys = open.store.idempotency
    expect(keys.get('grid-1', keyed().key)).toBeUndefined()
    expect(keys.put(keyed())).toBe(true)
    expect(keys.put(keyed({ requestHash: 'b'.repeat(64), answer: '{}' }))).toBe(false)
    expect(keys.get('grid-1', keyed().key)).toEqual(keyed())
    expect(keys.get('grid-2', keyed().key)).toBeUndefined()
    expect(keys.put(keyed({ username: 'grid-2', status: 200 }))).toBe(true)
    expect(keys.get('grid-2', keyed().key)?.status).toBe(200)
  })

  it('forgets the keys recorded before an instant, and says how many', async () => {
    open = await openBareStore()
    const keys = open.store.idempotency
    keys.put(keyed({ key: 'k1', createdAt: '2026-10-01T00:00:00.000Z' }))
    keys.put(keyed({ key: 'k2', createdAt: '2026-10-29T23:59:59.999Z' }))
    keys.put(keyed({ key: 'k3', createdAt: '2026-10-30T00:00:00.000Z' }))
    expect(keys.prune('2026-10-30T00:00:00.000Z')).toBe(2)
    expect([keys.get('grid-1', 'k1'), keys.get('grid-1', 'k2')]).toEqual([undefined, undefined])
    expect(keys.get('grid-1', 'k3')?.key).toBe('k3')
    expect(keys.prune('2026-10-30T00:00:00.000Z')).toBe(0)
  })

  it('lands all of an exclusive write or none, the transactions inside it included', async () => {
    open = await openBareStore()
    const { store } = open
    const failed = () =>
      store.idempotency.exclusive(() => {
        store.idempotency.put(keyed())
        store.transaction(() => store.meta.set('written', 'yes'))
        throw new Error('refused')
      })
    expect(failed).toThrow('refused')
    expect([store.idempotency.get('grid-1', keyed().key), store.meta.get('written')]).toEqual([undefined, undefined])

    const answer = store.idempotency.exclusive(() => {
      store.transaction(() => {
        store.meta.set('written', 'yes')
        try {
          store.transaction(() => {
            store.meta.set('undone', 'yes')
            throw new Error('inner')
          })
        } catch {
          // the inner transaction is undone alone
        }
      })
      store.idempotency.put(keyed())
      return 'done'
    })
    expect(answer).toBe('done')
    expect([store.meta.get('written'), store.meta.get('undone'), store.idempotency.get('grid-1', keyed().key)?.key]).toEqual(['yes', undefined, keyed().key])
  })

  it('joins a transaction already open: undone with it', async () => {
    open = await openBareStore()
    const { store } = open
    expect(() =>
      store.transaction(() => {
        store.idempotency.exclusive(() => store.idempotency.put(keyed()))
        throw new Error('refused')
      }),
    ).toThrow('refused')
    expect(store.idempotency.get('grid-1', keyed().key)).toBeUndefined()
    store.transaction(() => store.idempotency.exclusive(() => store.idempotency.put(keyed())))
    expect(store.idempotency.get('grid-1', keyed().key)?.key).toBe(keyed().key)
  })

  it('makes another process wait until the exclusive write commits, so it reads the key instead of writing it again', async () => {
    const target = await sharedTarget()
    const store = target.open()
    const marker = join(target.dir, 'about-to-write')
    try {
      const second = writer(target.env, marker)
      const first = store.idempotency.exclusive(() => {
        const recorded = store.idempotency.put(keyed())
        // hold the right to write while the other process starts and asks for the same key
        waitFor(() => existsSync(marker), 30_000)
        sleep(500)
        return recorded
      })
      expect(first).toBe(true)
      const { read, recorded } = JSON.parse(await second) as { read: IdempotencyRecord | null; recorded: boolean }
      expect(read).toEqual(keyed())
      expect(recorded).toBe(false)
    } finally {
      store.close()
      await target.drop()
    }
  }, 60_000)
})

/** A store two processes open: a SQLite file, or a database of the test cluster. */
async function sharedTarget(): Promise<{ env: Record<string, string>; dir: string; open(): Store; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-idempotency-'))
  const removeDir = () => rmSync(dir, { recursive: true, force: true })
  if (!onPostgres()) {
    const file = join(dir, 'shared.db')
    return { env: { DB_PATH: file }, dir, open: () => openSqliteStore(file), drop: async () => removeDir() }
  }
  const db = await createDatabase()
  return { env: { STORE: 'postgres', DATABASE_URL: db.url }, dir, open: () => openPostgresStore(db.url), drop: async () => (removeDir(), await dropDatabase(db.name)) }
}

/** Starts the second process (records-idempotency-writer.ts); its printed outcome once it exits. */
function writer(env: Record<string, string>, marker: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/store/contract/records-idempotency-writer.ts', marker, 'grid-1', keyed().key], {
    env: { ...process.env, ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer exited ${code}: ${err}`)))))
}

const pause = new Int32Array(new SharedArrayBuffer(4))
/** Blocks this thread, as a synchronous transaction does: the other process runs meanwhile. */
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms)

function waitFor(done: () => boolean, ms: number): void {
  const until = Date.now() + ms
  while (!done()) {
    if (Date.now() > until) throw new Error('the second process did not start')
    sleep(20)
  }
}
