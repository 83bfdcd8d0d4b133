import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeSession, openSession, resumeSession } from '../../../server/services/auth/sessions'
import { openSqliteStore } from '../../../server/store/sqlite'
import type { Store } from '../../../server/store/types'

const MIN = 60_000
const limits = { idleMs: 30 * MIN, maxMs: 12 * 60 * MIN, wallMaxMs: 30 * 24 * 60 * MIN }
let dir: string
let store: Store
let officer: number
let wall: number

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-sessions-'))
  store = openSqliteStore(join(dir, 's.db'))
  const add = (username: string, role: 'district' | 'wall') => store.users.insert({ username, name: username, role, areaId: null, leadUnit: null, passwordHash: 'x' }).id
  officer = add('officer', 'district')
  wall = add('wall', 'wall')
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('sessions', () => {
  it('end after 30 idle minutes', () => {
    const t0 = Date.UTC(2026, 10, 28, 8)
    const token = openSession(store, officer, t0)
    expect(resumeSession(store, token, limits, t0 + 29 * MIN)?.id).toBe(officer)
    expect(resumeSession(store, token, limits, t0 + 29 * MIN + 31 * MIN)).toBeUndefined()
    // and stay ended
    expect(resumeSession(store, token, limits, t0 + 60 * MIN)).toBeUndefined()
  })

  it('end after 12 hours however busy the user is', () => {
    const t0 = Date.UTC(2026, 10, 28, 8)
    const token = openSession(store, officer, t0)
    let t = t0
    for (; t < t0 + 12 * 60 * MIN; t += 10 * MIN) expect(resumeSession(store, token, limits, t)?.id).toBe(officer)
    expect(resumeSession(store, token, limits, t0 + 12 * 60 * MIN + MIN)).toBeUndefined()
  })

  it('keep the wall display signed in all day without input, up to its own limit', () => {
    const t0 = Date.UTC(2026, 10, 28, 8)
    const token = openSession(store, wall, t0)
    expect(resumeSession(store, token, limits, t0 + 20 * 60 * MIN)?.id).toBe(wall)
    expect(resumeSession(store, token, limits, t0 + 31 * 24 * 60 * MIN)).toBeUndefined()
  })

  it('end at logout on the server, whatever the browser still holds', () => {
    const token = openSession(store, officer)
    closeSession(store, token)
    expect(resumeSession(store, token, limits)).toBeUndefined()
  })

  it('keep only a hash of the token in the database', () => {
    const token = openSession(store, officer)
    expect(store.sessions.get(token)).toBeUndefined()
  })
})
