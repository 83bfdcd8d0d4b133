import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { readEnv } from '../../../server/env'
import { startServices } from '../../../server/start'
import { migrations } from '../../../server/store/sqlite/migrations'

const dirs: string[] = []
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-store-'))
  dirs.push(dir)
  return join(dir, 'pingan.db')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the SQLite store', () => {
  it('is created and seeded on first start, and a later start keeps what was written', async () => {
    const path = tempDb()
    const env = readEnv({ DB_PATH: path, AS_OF: '2026-11-28', HAZARDS: '300' })
    const first = await startServices(env)
    const before = first.store.hazards.count()
    expect(before).toBe(300)
    const grid = first.store.areas.list('grid')[0]!
    first.store.meta.set('probe', 'kept')
    first.store.close()

    const second = await startServices(readEnv({ DB_PATH: path, AS_OF: '2026-11-28', HAZARDS: '900' }))
    expect(second.store.hazards.count()).toBe(before)
    expect(second.store.meta.get('probe')).toBe('kept')
    expect(second.store.areas.get(grid.id)?.name).toBe(grid.name)
    expect(second.ledger.size).toBe(before)
    second.store.close()
  })

  it('runs in WAL mode with full synchronous writes and foreign keys on, at the latest migration', async () => {
    const path = tempDb()
    const s = await startServices(readEnv({ DB_PATH: path, AS_OF: '2026-11-28', HAZARDS: '50' }))
    s.store.close()
    const db = new Database(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()
    const again = await startServices(readEnv({ DB_PATH: path, AS_OF: '2026-11-28' }))
    // foreign keys: an event for a hazard that does not exist is refused
    expect(() =>
      again.store.hazards.insertMany([], [{ hazardId: 999_999, at: '2026-11-28T08:00:00+08:00', actor: 'x', action: 'comment', note: null, from: null, to: 'reported' }]),
    ).toThrow(/FOREIGN KEY/)
    again.store.close()
  })

  it('starts empty, without demo accounts, when the demo is switched off', async () => {
    const s = await startServices(readEnv({ DB_PATH: tempDb(), DEMO: 'false' }))
    expect(s.store.users.list()).toEqual([])
    expect(s.store.hazards.count()).toBe(0)
    s.store.close()
  })

  it('leaves a hazard untouched when a stale version tries to change it', async () => {
    const s = await startServices(readEnv({ DB_PATH: tempDb(), AS_OF: '2026-11-28', HAZARDS: '20' }))
    const h = s.store.hazards.get(1)!
    const event = { at: '2026-11-28T09:00:00+08:00', actor: 'leader', action: 'comment' as const, note: 'x', from: h.status, to: h.status }
    expect(s.store.hazards.update(1, h.version + 1, { title: 'changed' }, event)).toBeUndefined()
    expect(s.store.hazards.get(1)).toEqual(h)
    expect(s.store.hazards.events(1)).toHaveLength(h.version)
    s.store.close()
  })
})
