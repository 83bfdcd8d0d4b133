import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { readEnv } from '../../../server/env'
import { startServices } from '../../../server/start'
import { openSqliteStore } from '../../../server/store/sqlite'

const run = promisify(execFile)
let dir: string
let db: string

/** `npm run user -- …` as an administrator types it, against a real database file. */
const user = (args: string[], password?: string) =>
  run(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', ...args], {
    env: { ...process.env, DB_PATH: db, ...(password ? { PINGAN_PASSWORD: password } : {}) },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  )

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-cli-'))
  db = join(dir, 'real.db')
  // A real deployment: no demo accounts, but the town's areas (seeded here for the area check).
  const s = await startServices(readEnv({ DB_PATH: db, HAZARDS: '10', AS_OF: '2026-11-28' }))
  for (const u of s.store.users.list()) s.store.users.remove(u.username)
  s.store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run user', () => {
  it('adds a district officer who can then log in, and lists it', async () => {
    const added = await user(['add', 'zhangsan', '--role', 'district', '--name', '张三', '--area', '370283122-D1'], 'a-long-password-2026')
    expect(added.code).toBe(0)
    expect((await user(['list'])).out).toContain('zhangsan\tdistrict\t370283122-D1\t张三')
    const s = await startServices(readEnv({ DB_PATH: db, AS_OF: '2026-11-28' }))
    const res = await createApp(s).request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhangsan', password: 'a-long-password-2026' }) })
    s.store.close()
    expect(res.status).toBe(200)
  })

  it('refuses a short password, an unknown role and a district officer without a district', async () => {
    expect((await user(['add', 'lisi', '--role', 'district', '--name', '李四', '--area', '370283122-D1'], 'short')).code).toBe(2)
    expect((await user(['add', 'lisi', '--role', 'mayor', '--name', '李四'], 'a-long-password-2026')).code).toBe(2)
    expect((await user(['add', 'lisi', '--role', 'district', '--name', '李四'], 'a-long-password-2026')).code).toBe(2)
    expect((await user(['list'])).out).not.toContain('lisi')
  })

  it('removes an account', async () => {
    await user(['add', 'wangwu', '--role', 'analyst', '--name', '王五'], 'a-long-password-2026')
    expect((await user(['remove', 'wangwu'])).code).toBe(0)
    expect((await user(['list'])).out).not.toContain('wangwu')
  })

  it('writes every account change to the audit log, naming the account and who ran the command', async () => {
    await user(['add', 'zhaoliu', '--role', 'analyst', '--name', '赵六'], 'a-long-password-2026')
    await user(['passwd', 'zhaoliu'], 'another-long-password')
    await user(['remove', 'zhaoliu'])
    const store = openSqliteStore(db)
    const rows = store.audit.query({ limit: 10 }).filter((r) => r.target === 'zhaoliu')
    store.close()
    expect(rows.map((r) => [r.action, r.reason])).toEqual([['user_remove', null], ['user_passwd', null], ['user_add', 'analyst']])
    expect(rows.every((r) => r.username.startsWith('cli:'))).toBe(true)
  })
})
