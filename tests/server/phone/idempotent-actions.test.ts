import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import type { HazardAnswer } from '../../../server/domain/contract/hazards'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { areasOf, districtAccount, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { hazardFactory } from '../support/walk'
import { keyed, newKey } from './support'

/**
 * A queued step (start, rectify) sent again under its key after a lost answer gets the first
 * answer, not a 409 for the version it moved on; a step made on a version that changed meanwhile
 * is still a 409 with the version now, which the outbox shows beside its own (需处理).
 */

let t: TestApp
let grid: Client
let district: Client
let village: AreaProperties
const { hazardAt } = hazardFactory(() => ({ grid, district, location: village.label }))

beforeAll(async () => {
  t = await openSeededApp()
  const leader = await t.as('leader')
  village = (await areasOf(leader, 'village'))[3]!
  grid = await t.as(gridAccount(village.id))
  district = await t.as(await districtAccount(t, village.parentId!))
}, 120_000)
afterAll(() => t.close())

const start = (as: Client, id: number, version: number, key?: string) =>
  as.api.hazards[':id'].actions.$post({ param: { id: String(id) }, json: { action: 'start', version } }, key ? keyed(key) : {})
const events = (id: number) => t.services.store.hazards.events(id)

describe('a step sent again under its key', () => {
  it('gets the first answer (200, replayed), not a 409, and is taken once', async () => {
    const h = await hazardAt('assigned')
    const key = newKey()
    const first = await start(grid, h.id, h.version, key)
    expect(first.status).toBe(200)
    const firstBody = await read<HazardAnswer>(first)
    expect(firstBody.hazard).toMatchObject({ status: 'rectifying', version: h.version + 1 })
    const again = await start(grid, h.id, h.version, key)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await read<HazardAnswer>(again)).toEqual(firstBody)
    expect(events(h.id).filter((e) => e.action === 'start')).toHaveLength(1)
    expect(t.services.store.hazards.get(h.id)!.version).toBe(h.version + 1)
  })

  it('replays the first answer even after the hazard moved on since', async () => {
    const h = await hazardAt('assigned')
    const key = newKey()
    const first = await read<HazardAnswer>(start(grid, h.id, h.version, key))
    const rectify = { action: 'rectify' as const, version: first.hazard.version, note: '已加装护栏', noPhotoReason: '护栏与原貌对比明显' }
    await read(grid.api.hazards[':id'].actions.$post({ param: { id: String(h.id) }, json: rectify }))
    expect(await read<HazardAnswer>(start(grid, h.id, h.version, key))).toEqual(first)
  })

  it('refuses the key for another step, or the same step on another hazard (409 idempotency_conflict)', async () => {
    const [a, b] = [await hazardAt('assigned'), await hazardAt('assigned')]
    const key = newKey()
    await read(start(grid, a.id, a.version, key))
    const other = await read<ErrorBody>(start(grid, b.id, b.version, key), 409)
    expect(other.error.code).toBe('idempotency_conflict')
    expect(t.services.store.hazards.get(b.id)!.status).toBe('assigned')
    const comment = grid.api.hazards[':id'].actions.$post({ param: { id: String(a.id) }, json: { action: 'comment', version: a.version + 1, note: '另一件事' } }, keyed(key))
    expect((await read<ErrorBody>(comment, 409)).error.code).toBe('idempotency_conflict')
    expect(events(a.id).filter((e) => e.action === 'comment')).toHaveLength(0)
  })
})

describe('a step made on a version that changed meanwhile', () => {
  it('is refused 409 stale_version with the version now, under a new key too, and changes nothing', async () => {
    const h = await hazardAt('assigned')
    await read(district.api.hazards[':id'].actions.$post({ param: { id: String(h.id) }, json: { action: 'comment', version: h.version, note: '请尽快整改' } }))
    const res = await read<ErrorBody>(start(grid, h.id, h.version, newKey()), 409)
    expect(res.error.code).toBe('stale_version')
    expect(res.error.details).toEqual({ version: h.version + 1 })
    expect(t.services.store.hazards.get(h.id)).toMatchObject({ status: 'assigned', version: h.version + 1 })
  })

  it('refuses a key that is not a UUID (400 naming Idempotency-Key) before taking the step', async () => {
    const h = await hazardAt('assigned')
    const res = await read<FieldErrorBody>(start(grid, h.id, h.version, 'not-a-uuid'), 400)
    expect(res.error.details?.map((d) => d.field)).toEqual(['Idempotency-Key'])
    expect(t.services.store.hazards.get(h.id)!.status).toBe('assigned')
  })
})
