import { describe, expect, it } from 'vitest'
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS, backoffMs } from '../../../web/phone/outbox/backoff'
import { type UuidSource, newId } from '../../../web/phone/outbox/uuid'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newId', () => {
  it('makes a version 4 UUID from getRandomValues where randomUUID is missing (a phone on plain HTTP)', () => {
    const insecure: UuidSource = { getRandomValues: (a) => globalThis.crypto.getRandomValues(a) }
    const ids = new Set(Array.from({ length: 200 }, () => newId(insecure)))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(UUID_V4)
  })

  it('uses randomUUID where the context has it', () => {
    expect(newId({ randomUUID: () => 'from-the-browser', getRandomValues: (a) => a })).toBe('from-the-browser')
  })
})

describe('backoffMs', () => {
  it('doubles with each failure and stops at 5 minutes', () => {
    expect(backoffMs(1, 0.999)).toBeLessThanOrEqual(FIRST_BACKOFF_MS)
    expect(backoffMs(2, 0)).toBe(FIRST_BACKOFF_MS)
    expect(backoffMs(50, 0.999)).toBeLessThanOrEqual(MAX_BACKOFF_MS)
    expect(backoffMs(50, 0)).toBe(MAX_BACKOFF_MS / 2)
  })

  it('spreads phones over half the wait, so a village back in signal does not knock at once', () => {
    expect(backoffMs(4, 0)).toBeLessThan(backoffMs(4, 0.99))
  })
})
