import { randomBytes, scryptSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, needsRehash, verifyPassword } from '../../../server/services/auth/password'
import { PASSWORD, type TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

/** A hash as the server stored it before argon2id: scrypt N=2^15, r=8, p=1. */
function oldScryptHash(password: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
  return `scrypt$${1 << 15}$8$1$${salt.toString('base64')}$${key.toString('base64')}`
}

describe('password hashes', () => {
  it('are argon2id at OWASP\'s parameters (19 MiB, 2 passes, 1 lane), each with its own salt', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')])
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('correct horse', a)).toBe(true)
    expect(await verifyPassword('correct horsE', a)).toBe(false)
    expect(needsRehash(a)).toBe(false)
  })

  it('still verify a stored scrypt hash, and say it must be rehashed', async () => {
    const old = oldScryptHash('老密码-2025')
    expect(await verifyPassword('老密码-2025', old)).toBe(true)
    expect(await verifyPassword('老密码-2026', old)).toBe(false)
    expect(needsRehash(old)).toBe(true)
  })

  it('say a weaker argon2 hash must be rehashed', async () => {
    const { hash } = await import('@node-rs/argon2')
    const weak = await hash('pw', { algorithm: 2 as never, memoryCost: 4096, timeCost: 1, parallelism: 1 })
    expect(weak).toMatch(/^\$argon2id\$v=19\$m=4096,t=1,p=1\$/)
    expect(await verifyPassword('pw', weak)).toBe(true)
    expect(needsRehash(weak)).toBe(true)
  })

  it('refuse anything that is not a hash this server made', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2$3', '$argon2id$garbage']) expect(await verifyPassword('plain', stored)).toBe(false)
  })
})

describe('logging in with an old hash', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openSeededApp()
  })
  afterAll(() => t.close())

  it('rehashes the password with argon2id at that login, and the account logs in again after', async () => {
    const { store } = t.services
    store.users.setPassword('masswork', oldScryptHash('old-but-good-1'))
    const login = () => t.anonymous.post('/api/auth/login', { username: 'masswork', password: 'old-but-good-1' })
    expect((await login()).status).toBe(200)
    expect(store.users.byUsername('masswork')!.passwordHash).toMatch(/^\$argon2id\$/)
    expect((await login()).status).toBe(200)
  })

  it('leaves the hash alone after a wrong password', async () => {
    const { store } = t.services
    const old = oldScryptHash('old-but-good-2')
    store.users.setPassword('governance', old)
    expect((await t.anonymous.post('/api/auth/login', { username: 'governance', password: 'wrong' })).status).toBe(401)
    expect(store.users.byUsername('governance')!.passwordHash).toBe(old)
  })

  it('gives every demo account its own salt', () => {
    const untouched = t.services.store.users.list().filter((u) => u.username !== 'masswork' && u.username !== 'governance')
    const hashes = untouched.map((u) => t.services.store.users.byUsername(u.username)!.passwordHash)
    expect(hashes.length).toBeGreaterThan(30)
    expect(new Set(hashes).size).toBe(hashes.length)
    expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true)
  })

  it('lets a demo account log in with the published password', async () => {
    expect((await t.anonymous.post('/api/auth/login', { username: 'leader', password: PASSWORD })).status).toBe(200)
  })
})
