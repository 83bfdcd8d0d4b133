import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failureCountersOf } from '../../../server/store/failure-counters'
import { TRIM_EVERY } from '../../../server/store/postgres/failure-counters'
import { dropDatabase, onPostgres } from '../../postgres/databases'
import { PASSWORD, type TestApp } from '../support/app'
import { type RealServer, jsonPost, serveReal } from '../support/http'
import { openSeededApp } from '../support/seeded'
import { secondInstance } from './instances'

// PostgreSQL only: behind a balancer, a guesser's next attempt may reach any instance.
describe.runIf(onPostgres())('failed logins counted on one instance', () => {
  let a: TestApp
  let b: TestApp
  let serverA: RealServer
  let serverB: RealServer
  beforeAll(async () => {
    a = await openSeededApp()
    b = await secondInstance(a)
    serverA = await serveReal(a)
    serverB = await serveReal(b)
  })
  afterAll(async () => {
    await serverA.close()
    await serverB.close()
    b.close()
    a.close()
    await dropDatabase(new URL(a.services.env.DATABASE_URL!).pathname.slice(1))
  })

  const login = (server: RealServer, from: string, username: string, password: string) => jsonPost(server.port, '/api/auth/login', { username, password }, { from })

  it('hold the guesser back on every other instance too', async () => {
    for (let i = 0; i < 5; i++) expect((await login(serverA, '127.0.0.31', 'district-3', `guess-${i}`)).status).toBe(401)
    const elsewhere = await login(serverB, '127.0.0.31', 'district-3', PASSWORD)
    expect(elsewhere.status).toBe(429)
    expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('are forgotten after their time and kept to their capacity, as one instance’s are', () => {
    const counters = failureCountersOf(a.services.store)!('address', 3, 60_000)
    const t0 = 1_800_000_000_000
    counters.fail('10.0.0.1', t0)
    counters.fail('10.0.0.1', t0 + 10)
    expect(counters.get('10.0.0.1', t0 + 20)).toEqual({ count: 2, last: t0 + 10 })
    expect(counters.get('10.0.0.1', t0 + 60_011)).toBeUndefined()
    counters.fail('10.0.0.1', t0 + 60_011)
    expect(counters.get('10.0.0.1', t0 + 60_012)?.count).toBe(1)
    // A flood of addresses: the least recently failed go first.
    for (let i = 0; i < 500; i++) counters.fail(`10.1.${i}`, t0 + 70_000 + i)
    expect(counters.size).toBeLessThanOrEqual(3 + TRIM_EVERY)
    expect(counters.get('10.1.499', t0 + 70_500)?.count).toBe(1)
    expect(counters.get('10.1.0', t0 + 70_500)).toBeUndefined()
  })

  it('let the owner in from another address on either instance', async () => {
    expect((await login(serverB, '127.0.0.32', 'district-3', PASSWORD)).status).toBe(200)
  })
})
