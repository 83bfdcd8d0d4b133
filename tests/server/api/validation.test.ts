import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { Client, TestApp } from '../support/app'
import { type HazardFeature, areasOf, gridAccount, listAll, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'
import { expectRefused } from '../support/walk'

let t: TestApp
let leader: Client
let worker: Client
let village: AreaProperties
let otherVillage: AreaProperties
/** any hazard the worker reaches: bad input is refused before its status is looked at */
let target: HazardFeature

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  const villages = await areasOf(leader, 'village')
  village = villages[0]!
  otherVillage = villages.find((v) => v.parentId !== village.parentId)!
  worker = await t.as(gridAccount(village.id))
  target = (await listAll(worker))[0]!
})
afterAll(() => t.close())

/** A report the grid worker may make; each test changes one thing about it. */
const report = () => ({ category: 'safety_accident', item: 'fire', title: '仓库消防通道堵塞', location: village.label, source: 'routine' })
const ledgerSize = async () => (await summaryOf(leader)).total
const fields = (body: FieldErrorBody) => (body.error.details ?? []).map((d) => d.field)
/** Whether the details name a field, itself or one of its elements (`category.0`). */
const names = (body: FieldErrorBody, field: string) => fields(body).some((f) => f === field || f.startsWith(`${field}.`))

/** Sends a write that must be refused with `status`, and checks nothing was written. */
async function refused(send: () => Promise<Response>, status = 400): Promise<FieldErrorBody> {
  const before = await ledgerSize()
  const body = await read<FieldErrorBody>(send(), status)
  expect(body.error.code).toMatch(/^[a-z_]+$/)
  expect(body.error.message).toMatch(/\S/)
  expect(await ledgerSize()).toBe(before)
  return body
}

describe('reporting a hazard with bad input', () => {
  it('accepts the well-formed report the other cases start from', async () => {
    expect((await worker.post('/api/hazards', report())).status).toBe(201)
  })

  it('refuses malformed JSON with 400', async () => {
    await refused(() => worker.post('/api/hazards', '{"category": "safety_accident",'))
  })

  it('refuses a missing body with 400', async () => {
    await refused(() => worker.post('/api/hazards'))
  })

  it('refuses a body that is not an object with 400', async () => {
    await refused(() => worker.post('/api/hazards', '[]'))
  })

  it('refuses wrong types with 400 naming each field', async () => {
    const body = await refused(() => worker.post('/api/hazards', { category: 5, item: true, title: 3, location: 'here', source: ['routine'] }))
    expect(fields(body)).toEqual(expect.arrayContaining(['category', 'item', 'title', 'location', 'source']))
  })

  it('refuses an unknown field with 400 naming it', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), priority: 'high' }))
    expect(fields(body)).toContain('priority')
  })

  it('refuses a missing required field with 400 naming it', async () => {
    const { title: _, ...untitled } = report()
    const body = await refused(() => worker.post('/api/hazards', untitled))
    expect(fields(body)).toEqual(['title'])
  })

  it('refuses a blank title with 400 naming it', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), title: '   ' }))
    expect(fields(body)).toEqual(['title'])
  })

  it('refuses a location outside the town with 400 naming location', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), location: [116.4, 39.9] }))
    expect(fields(body)).toEqual(['location'])
  })

  it("refuses a location outside the worker's own village with 400 naming location", async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), location: otherVillage.label }))
    expect(fields(body)).toEqual(['location'])
  })

  it('refuses a location that is not a [lon, lat] pair with 400 naming location', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), location: [120.2, 36.9, 10] }))
    expect(fields(body)).toEqual(['location'])
  })

  it('refuses an item of another category with 400 naming item', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), item: 'land_disputes' }))
    expect(fields(body)).toEqual(['item'])
  })

  it('refuses a discovery date that is not a date with 400 naming discoveredAt', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), discoveredAt: '2026-02-30' }))
    expect(fields(body)).toEqual(['discoveredAt'])
  })

  it('refuses a discovery date in the future with 400 naming discoveredAt', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), discoveredAt: '2026-12-01' }))
    expect(fields(body)).toEqual(['discoveredAt'])
  })

  it('refuses an unknown site with 400 naming siteId', async () => {
    const body = await refused(() => worker.post('/api/hazards', { ...report(), siteId: 'S-nowhere' }))
    expect(fields(body)).toEqual(['siteId'])
  })

  it('refuses a body over 256 KiB with 413', async () => {
    const huge = { ...report(), description: 'x'.repeat(300 * 1024) }
    await refused(() => worker.post('/api/hazards', huge), 413)
  })
})

describe('taking an action with bad input', () => {
  const act = (body: unknown, id = target.id) => worker.post(`/api/hazards/${id}/actions`, body)
  /** The action is refused with 400 and the hazard reads the same after. */
  const refusedAction = (send: () => Promise<Response>) => expectRefused<FieldErrorBody>(leader, target, send, 400)

  it('refuses an unknown action with 400 naming action', async () => {
    const body = await refusedAction(() => act({ action: 'demolish', version: target.properties.version }))
    expect(fields(body)).toEqual(['action'])
  })

  it('refuses a missing version with 400 naming version', async () => {
    const body = await refusedAction(() => act({ action: 'rectify', note: '已清理' }))
    expect(fields(body)).toEqual(['version'])
  })

  it('refuses a version given as text with 400 naming version', async () => {
    const body = await refusedAction(() => act({ action: 'rectify', version: String(target.properties.version), note: '已清理' }))
    expect(fields(body)).toEqual(['version'])
  })

  it('refuses a field another action takes with 400 naming it', async () => {
    const body = await refusedAction(() => act({ action: 'rectify', version: target.properties.version, note: '已清理', level: 'major' }))
    expect(fields(body)).toContain('level')
  })

  it('refuses malformed JSON with 400', async () => {
    await refusedAction(() => act('{"action": '))
  })

  it('refuses an id that is not a number with 400 naming id', async () => {
    const body = await read<FieldErrorBody>(worker.post('/api/hazards/abc/actions', { action: 'comment', version: 1, note: '看过' }), 400)
    expect(fields(body)).toEqual(['id'])
  })
})

describe('filters with bad input', () => {
  const paths = ['/api/hazards', '/api/stats/summary', '/api/stats/trend', '/api/stats/areas']
  const bad: Array<[what: string, query: string, field: string]> = [
    ['an unknown area id', 'area=370283122999', 'area'],
    ['a category that does not exist', 'category=weather', 'category'],
    ['a status that does not exist', 'status=lost', 'status'],
    ['a from that is not a date', 'from=2026-13-01', 'from'],
    ['a to that is not a date', 'to=yesterday', 'to'],
    ['overdue other than true or false', 'overdue=yes', 'overdue'],
    ['an unknown query parameter', 'colour=red', 'colour'],
  ]
  for (const path of paths)
    for (const [what, query, field] of bad)
      it(`${path} refuses ${what} with 400 naming ${field}`, async () => {
        const body = await read<FieldErrorBody>(leader.get(`${path}?${query}`), 400)
        expect(names(body, field), JSON.stringify(body)).toBe(true)
      })

  it('refuses a from after the to with 400', async () => {
    await read<FieldErrorBody>(leader.get('/api/stats/summary?from=2026-11-01&to=2026-10-01'), 400)
  })

  const bboxes: Array<[what: string, bbox: string]> = [
    ['words', 'a,b,c,d'],
    ['three numbers', '120,36,121'],
    ['five numbers', '120,36,121,37,1'],
    ['min above max', '121,37,120,36'],
    ['a longitude beyond 180', '120,36,181,37'],
    ['empty values', ',,,'],
  ]
  for (const [what, bbox] of bboxes)
    it(`refuses a bbox of ${what} with 400 naming bbox`, async () => {
      const body = await read<FieldErrorBody>(leader.get(`/api/hazards?bbox=${bbox}`), 400)
      expect(names(body, 'bbox'), JSON.stringify(body)).toBe(true)
    })

  for (const [what, query, field] of [
    ['a limit of 0', 'limit=0', 'limit'],
    ['a limit that is not a number', 'limit=lots', 'limit'],
    ['a cursor it did not hand out', 'cursor=abc', 'cursor'],
  ] as Array<[string, string, string]>)
    it(`the list refuses ${what} with 400 naming ${field}`, async () => {
      const body = await read<FieldErrorBody>(leader.get(`/api/hazards?${query}`), 400)
      expect(names(body, field), JSON.stringify(body)).toBe(true)
    })

  for (const [path, field] of [
    ['/api/areas?level=province', 'level'],
    ['/api/areas?lvl=village', 'lvl'],
    ['/api/sites?kind=castle', 'kind'],
    ['/api/sites?owner=me', 'owner'],
    ['/api/sites?area=370283122999', 'area'],
    ['/api/stats/trend?bucket=day', 'bucket'],
    ['/api/stats/areas?level=county', 'level'],
  ] as Array<[string, string]>)
    it(`${path} answers 400 naming ${field}`, async () => {
      const body = await read<FieldErrorBody>(leader.get(path), 400)
      expect(names(body, field), JSON.stringify(body)).toBe(true)
    })
})
