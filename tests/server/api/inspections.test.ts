import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { InspectionView as Inspection } from '../../../server/domain/contract/inspections'
import type { Site } from '../../../server/domain/schemas'
import type { TestApp } from '../support/app'
import { read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
let villages: Array<{ id: string; parentId: string }>
beforeAll(async () => {
  t = await openSeededApp()
  const fc = (await (await (await t.as('leader')).get('/api/areas?level=village')).json()) as { features: Array<{ properties: { id: string; parentId: string } }> }
  villages = fc.features.map((f) => f.properties)
})
afterAll(() => t.close())

const list = async (user: string, query = '') => ((await (await (await t.as(user)).get(`/api/inspections?${query}`)).json()) as { inspections: Inspection[] }).inspections

describe('inspections', () => {
  it('lets a grid worker record a self-check of its village that found nothing, and lists it first', async () => {
    const v = villages[0]!
    const grid = await t.as(`grid-${v.id}`)
    const res = await grid.post('/api/inspections', { source: 'routine', areaId: v.id, date: '2026-11-28', inspectors: '网格员、治安志愿者', checked: '出租房屋、消防通道' })
    expect(res.status).toBe(201)
    const { inspection } = (await res.json()) as { inspection: Inspection }
    expect(inspection).toMatchObject({ source: 'routine', areaId: v.id, findings: null, hazardsFound: 0 })
    expect((await list(`grid-${v.id}`, 'limit=1'))[0]!.id).toBe(inspection.id)
  })

  it('refuses an inspection outside the worker’s own village, one in the future, and one by the analyst', async () => {
    const [a, b] = villages
    const grid = await t.as(`grid-${a!.id}`)
    const body = { source: 'routine', areaId: b!.id, date: '2026-11-20', inspectors: '网格员' }
    const outside = await grid.post('/api/inspections', body)
    expect(outside.status).toBe(400)
    expect(JSON.stringify(await outside.json())).toContain('areaId')
    expect((await grid.post('/api/inspections', { ...body, areaId: a!.id, date: '2026-12-01' })).status).toBe(400)
    expect((await (await t.as('analyst')).post('/api/inspections', { ...body, areaId: a!.id })).status).toBe(403)
    expect((await grid.post('/api/inspections', { ...body, areaId: a!.id, extra: 1 })).status).toBe(400)
  })

  it('shows each role only the inspections in its reach', async () => {
    const [a, b] = villages
    const mine = await list(`grid-${a!.id}`, 'limit=5000')
    expect(mine.length).toBeGreaterThan(50)
    // its own checks, and the rounds of lead units through its whole district
    expect(mine.every((i) => i.areaId === a!.id || i.areaId === a!.parentId)).toBe(true)
    expect(mine.some((i) => i.areaId === a!.parentId && i.source === 'focused')).toBe(true)
    const theirs = await list(`grid-${a!.id}`, `area=${b!.id}`)
    expect(theirs).toEqual([])
  })

  it('filters by source and date', async () => {
    const found = await list('leader', 'source=concentrated&from=2026-06-01&to=2026-06-15&limit=5000')
    expect(found.length).toBe(28)
    expect(found.every((i) => i.source === 'concentrated' && i.date >= '2026-06-01' && i.date <= '2026-06-15')).toBe(true)
  })
})

describe('a check of a key site that found nothing', () => {
  /** a village with key sites, one of them, and a site in another village */
  let village: { id: string; parentId: string }
  let site: Site
  let elsewhere: Site
  beforeAll(() => {
    const sites = t.services.store.sites.list()
    site = sites[0]!
    village = villages.find((v) => v.id === site.villageId)!
    elsewhere = sites.find((s) => s.villageId !== site.villageId)!
  })
  const body = () => ({ source: 'routine', areaId: village.id, date: '2026-11-27', inspectors: '网格员', checked: '消防设施、值班值守', hazardsFound: 0 })
  const count = () => t.services.store.inspections.list({ limit: 100_000 }).length

  it('records the site, where the inspector stood and when it was written, and lists them', async () => {
    const grid = await t.as(`grid-${village.id}`)
    const before = Date.now()
    const { inspection } = await read<{ inspection: Inspection }>(grid.post('/api/inspections', { ...body(), siteId: site.id, location: site.location }), 201)
    expect(inspection).toMatchObject({
      siteId: site.id, siteName: site.name, location: site.location, hazardsFound: 0, findings: null, photos: [], generalised: false,
    })
    expect(Date.parse(inspection.createdAt!)).toBeGreaterThanOrEqual(before - 1000)
    const listed = (await list(`grid-${village.id}`, 'limit=5')).find((i) => i.id === inspection.id)
    expect(listed).toEqual(inspection)
    // Stored with who wrote it and the village it was recorded for.
    expect(t.services.store.inspections.get(inspection.id)).toMatchObject({ siteId: site.id, location: site.location, createdBy: `grid-${village.id}`, villageId: village.id })
  })

  it('takes one with neither site nor location, as before', async () => {
    const { inspection } = await read<{ inspection: Inspection }>((await t.as(`grid-${village.id}`)).post('/api/inspections', body()), 201)
    expect(inspection).toMatchObject({ siteId: null, siteName: null, location: null, photos: [] })
  })

  it.each([
    ['a site in another village', () => ({ siteId: elsewhere.id }), 'siteId'],
    ['an unknown site', () => ({ siteId: 'S-nowhere' }), 'siteId'],
    ['a place outside the town', () => ({ siteId: site.id, location: [0, 0] }), 'location'],
    ['a place that is no point', () => ({ location: [120] }), 'location'],
  ])('refuses %s with 400 naming the field, and records nothing', async (_what, extra, field) => {
    const before = count()
    const refusal = await read<FieldErrorBody>((await t.as(`grid-${village.id}`)).post('/api/inspections', { ...body(), ...extra() }), 400)
    expect(refusal.error.details!.map((d) => d.field)).toEqual([field])
    expect(count()).toBe(before)
  })
})
