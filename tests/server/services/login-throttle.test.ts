import { describe, expect, it } from 'vitest'
import { LoginThrottle } from '../../../server/services/auth/sessions'

const MIN = 60_000

describe('the login throttle', () => {
  it('holds one (account, address) pair back after five failures, longer after each further one, up to a cap', () => {
    const th = new LoginThrottle()
    let now = 0
    for (let i = 0; i < 5; i++) {
      expect(th.wait('10.0.0.1', 'leader', now)).toBe(0)
      th.fail('10.0.0.1', 'leader', now)
    }
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      const wait = th.wait('10.0.0.1', 'leader', now)
      waits.push(wait)
      now += wait
      expect(th.wait('10.0.0.1', 'leader', now)).toBe(0)
      th.fail('10.0.0.1', 'leader', now)
    }
    expect(waits[0]).toBeGreaterThan(0)
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!)
    expect(waits.at(-1)).toBeGreaterThan(waits[0]!)
    expect(waits.at(-1)).toBeLessThanOrEqual(15 * MIN)
  })

  it('never holds the account back for another address', () => {
    const th = new LoginThrottle()
    for (let i = 0; i < 50; i++) th.fail('10.0.0.1', 'leader', 0)
    expect(th.wait('10.0.0.1', 'leader', 0)).toBeGreaterThan(0)
    expect(th.wait('10.0.0.2', 'leader', 0)).toBe(0)
  })

  it('holds an address back from every account after twenty failures spread over accounts', () => {
    const th = new LoginThrottle()
    for (let i = 0; i < 20; i++) {
      expect(th.wait('10.0.0.1', `user-${i}`, 0)).toBe(0)
      th.fail('10.0.0.1', `user-${i}`, 0)
    }
    expect(th.wait('10.0.0.1', 'someone-else', 0)).toBeGreaterThan(0)
    expect(th.wait('10.0.0.9', 'someone-else', 0)).toBe(0)
  })

  it('forgets a pair at its successful login, but not the address\'s failures', () => {
    const th = new LoginThrottle()
    for (let i = 0; i < 4; i++) th.fail('10.0.0.1', `user-${i}`, 0)
    for (let i = 0; i < 16; i++) th.fail('10.0.0.1', 'leader', 0)
    th.succeed('10.0.0.1', 'leader')
    expect(th.wait('10.0.0.1', 'user-0', 0)).toBeGreaterThan(0)
  })

  it('remembers failures for an hour after the last, then forgets them', () => {
    const th = new LoginThrottle()
    for (let i = 0; i < 30; i++) th.fail('10.0.0.1', 'leader', 0)
    expect(th.wait('10.0.0.1', 'leader', 20 * MIN)).toBe(0)
    // Within the hour the count stands: one more failure holds it back at once.
    th.fail('10.0.0.1', 'leader', 20 * MIN)
    expect(th.wait('10.0.0.1', 'leader', 20 * MIN)).toBeGreaterThan(0)
    // An hour without a failure, and the next one is a first again.
    th.fail('10.0.0.1', 'leader', 81 * MIN)
    expect(th.wait('10.0.0.1', 'leader', 81 * MIN)).toBe(0)
  })

  it('keeps at most its capacity of counters, however many addresses fail', () => {
    const th = new LoginThrottle({ capacity: 100 })
    for (let i = 0; i < 5_000; i++) th.fail(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, `user-${i}`, i)
    expect(th.size).toBeLessThanOrEqual(200)
    // The most recent stay: an address that just failed twenty times is still held back.
    for (let i = 0; i < 20; i++) th.fail('192.0.2.1', `x-${i}`, 6_000)
    expect(th.wait('192.0.2.1', 'leader', 6_000)).toBeGreaterThan(0)
  })
})
