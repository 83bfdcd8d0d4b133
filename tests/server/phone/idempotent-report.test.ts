import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import type { HazardAnswer } from '../../../server/domain/contract/hazards'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { serveReal, jsonPost, type RealServer } from '../support/http'
import { areasOf, gridAccount, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { keyed, newKey, phoneReport, sendReport } from './support'

/**
 * Idempotent create (issue 15): a report sent again under its Idempotency-Key — after a lost
 * answer, from a second tab, at the same moment — is one hazard, answered as the first time.
 */

let t: TestApp
let grid: Client
let village: AreaProperties
let otherGrid: Client
let otherVillage: AreaProperties

beforeAll(async () => {
  t = await openSeededApp()
  const leader = await t.as('leader')
  const villages = await areasOf(leader, 'village')
  village = villages[0]!
  otherVillage = villages[1]!
  grid = await t.as(gridAccount(village.id))
  otherGrid = await t.as(gridAccount(otherVillage.id))
}, 120_000)
afterAll(() => t.close())

const count = () => t.services.store.hazards.count()

describe('a report sent twice under one key', () => {
  it('makes one hazard and answers the second send with the first answer, marked replayed', async () => {
    const key = newKey()
    const body = phoneReport(village.label)
    const before = count()
    const first = await sendReport(grid, body, key)
    expect(first.status).toBe(201)
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()
    const firstBody = await first.json()
    const again = await sendReport(grid, body, key)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await again.json()).toEqual(firstBody)
    expect(count()).toBe(before + 1)
  })

  it('replays even when the body’s fields come in another order', async () => {
    const key = newKey()
    const body = phoneReport(village.label)
    const { hazard } = await read<HazardAnswer>(sendReport(grid, body, key), 201)
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    const again = await grid.post('/api/hazards', reordered, { 'Idempotency-Key': key.toUpperCase() })
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect((await read<HazardAnswer>(again, 201)).hazard.id).toBe(hazard.id)
  })

  it('refuses the key with another body (409 idempotency_conflict) and writes nothing', async () => {
    const key = newKey()
    const { hazard } = await read<HazardAnswer>(sendReport(grid, phoneReport(village.label), key), 201)
    const before = count()
    const res = await sendReport(grid, phoneReport(village.label, { title: '另一处隐患' }), key)
    const body = await read<ErrorBody>(res, 409)
    expect(body.error.code).toBe('idempotency_conflict')
    expect(body.error.message).toMatch(/Idempotency-Key/)
    expect(count()).toBe(before)
    expect(t.services.store.hazards.get(hazard.id)!.title).toBe('塘坝护栏缺失')
  })

  it('keeps each account’s keys apart: another worker’s same key is their own report', async () => {
    const key = newKey()
    const mine = await read<HazardAnswer>(sendReport(grid, phoneReport(village.label), key), 201)
    const theirs = await otherGrid.api.hazards.$post({ json: phoneReport(otherVillage.label, { title: '别村的隐患' }) }, keyed(key))
    expect(theirs.status).toBe(201)
    expect(theirs.headers.get('Idempotent-Replayed')).toBeNull()
    const answer = await read<HazardAnswer>(theirs, 201)
    expect(answer.hazard.id).not.toBe(mine.hazard.id)
    expect(answer.hazard.title).toBe('别村的隐患')
  })

  it('does not keep a refused report: the same key with the content corrected makes the hazard', async () => {
    const key = newKey()
    const before = count()
    const refused = await read<FieldErrorBody>(sendReport(grid, phoneReport(village.label, { locationAccuracy: 250 }), key), 422)
    expect(refused.error.details?.map((d) => d.field)).toEqual(['locationAccuracy'])
    expect(count()).toBe(before)
    await read<HazardAnswer>(sendReport(grid, phoneReport(village.label, { locationMethod: 'pin', pinReason: '树下信号差' }), key), 201)
    expect(count()).toBe(before + 1)
  })
})

describe('a store whose reads can miss a key another writer is recording (no exclusive writes)', () => {
  it('undoes its own write when the key turns out taken, and answers the first answer', async () => {
    const key = newKey()
    const body = phoneReport(village.label, { title: '另一进程先记下的键' })
    const first = await read<HazardAnswer>(sendReport(grid, body, key), 201)
    const before = count()
    const keys = t.services.store.idempotency
    const realGet = keys.get
    let missed = false
    // The first read inside the write misses the recorded key, as a read before another writer's commit would.
    keys.get = (username, k) => (missed ? realGet(username, k) : ((missed = true), undefined))
    try {
      const again = await sendReport(grid, body, key)
      expect(again.headers.get('Idempotent-Replayed')).toBe('true')
      expect(await read<HazardAnswer>(again, 201)).toEqual(first)
    } finally {
      keys.get = realGet
    }
    expect(missed).toBe(true)
    expect(count()).toBe(before)
  })
})

describe('the Idempotency-Key header', () => {
  it('is refused unless a UUID (400 naming Idempotency-Key) and nothing is written', async () => {
    const before = count()
    for (const bad of ['abc', '12345678-1234-1234-1234-1234567890', `${newKey()}x`]) {
      const body = await read<FieldErrorBody>(sendReport(grid, phoneReport(village.label), bad), 400)
      expect(body.error.details?.map((d) => d.field), bad).toEqual(['Idempotency-Key'])
    }
    expect(count()).toBe(before)
  })

  it('is optional: the desk’s form sends none and each report is a hazard', async () => {
    const before = count()
    const body = phoneReport(village.label)
    for (let i = 0; i < 2; i++) expect((await grid.api.hazards.$post({ json: body })).status).toBe(201)
    expect(count()).toBe(before + 2)
  })

  it('is described in the OpenAPI document with the conflict', async () => {
    const doc = await read<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> }>(t.anonymous.get('/api/openapi.json'))
    for (const [path, method] of [['/api/hazards', 'post'], ['/api/hazards/{id}/actions', 'post'], ['/api/hazards/{id}/photos', 'post']] as const) {
      const op = doc.paths[path]![method]!
      expect(op.parameters, path).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }))
      expect(Object.keys(op.responses), path).toContain('409')
    }
  })
})

describe('two sends of one report at the same moment', () => {
  let server: RealServer
  beforeAll(async () => {
    server = await serveReal(t)
  })
  afterAll(() => server.close())

  it('make one hazard over real sockets, both answered with it', async () => {
    const login = await jsonPost(server.port, '/api/auth/login', { username: gridAccount(village.id), password: 'pingan2026' })
    const cookie = String(login.headers['set-cookie']).split(';')[0]!
    const key = newKey()
    const body = phoneReport(village.label, { title: '两个标签页同时发送' })
    const before = count()
    const answers = await Promise.all([0, 1, 2].map(() => jsonPost(server.port, '/api/hazards', body, { headers: { cookie, 'Idempotency-Key': key } })))
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201])
    const ids = answers.map((a) => (JSON.parse(a.body) as HazardAnswer).hazard.id)
    expect(new Set(ids).size).toBe(1)
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2)
    expect(count()).toBe(before + 1)
  })
})
