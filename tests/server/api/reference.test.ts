import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties, Meta } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { areasOf, ok, queryOf, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

const CJK = /[\u4e00-\u9fff]/
const LATIN = /^[A-Za-z]/

let t: TestApp
let analyst: Client
let meta: Meta

beforeAll(async () => {
  t = await openSeededApp()
  analyst = await t.as('analyst')
  meta = await ok(analyst.api.meta.$get({ query: {} }))
})
afterAll(() => t.close())

const sites = async (query: string) => (await ok(analyst.api.sites.$get({ query: queryOf(query) }))).features

describe('/api/meta', () => {
  it('lists the four categories with their lead units', () => {
    expect(meta.categories.map((c) => [c.id, c.leadUnit])).toEqual([
      ['violent_terror', 'police'],
      ['mass_incident', 'masswork'],
      ['individual_extreme', 'governance'],
      ['safety_accident', 'safety'],
    ])
  })

  it('lists all focus items of each category: 4, 11, 6 and 7', () => {
    expect(meta.categories.map((c) => c.items.length)).toEqual([4, 11, 6, 7])
    const ids = meta.categories.flatMap((c) => c.items.map((i) => i.id))
    expect(new Set(ids).size).toBe(28)
  })

  it('lists the six statuses in lifecycle order', () => {
    expect(meta.statuses.map((s) => s.id)).toEqual(['reported', 'assessed', 'assigned', 'rectifying', 'rectified', 'closed'])
  })

  it('gives the four risk levels their colours, most severe first', () => {
    expect(meta.levels.map((l) => [l.id, l.color.toLowerCase()])).toEqual([
      ['major', '#d7191c'],
      ['significant', '#f57c00'],
      ['general', '#f2c500'],
      ['low', '#2b83ba'],
    ])
  })

  it('lists the three ways of finding hazards the plan names', () => {
    expect(meta.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['routine', 'concentrated', 'focused']))
  })

  it('lists the site kinds the plan names', () => {
    const kinds = meta.siteKinds.map((k) => k.id)
    expect(kinds).toEqual(expect.arrayContaining(['gas_station', 'chemical_shop', 'hotel', 'internet_cafe', 'school', 'hospital', 'reservoir']))
  })

  it('lists every role', () => {
    expect(meta.roles.map((r) => r.id)).toEqual(expect.arrayContaining(['leader', 'lead_unit', 'district', 'grid', 'analyst', 'wall', 'admin']))
  })

  it('names everything in Chinese with English beside it', () => {
    const all: Array<{ id: string; name: string; nameEn: string }> = [
      ...meta.categories, ...meta.categories.flatMap((c) => c.items),
      ...meta.statuses, ...meta.levels, ...meta.sources, ...meta.siteKinds, ...meta.roles,
    ]
    expect(all.filter((n) => !CJK.test(n.name) || !LATIN.test(n.nameEn ?? '')).map((n) => n.id)).toEqual([])
  })

  it('marks as confidential exactly the violent-terror and individual-extreme items and cult gatherings', () => {
    const confidential = meta.categories.flatMap((c) => c.items.filter((i) => i.confidential).map((i) => i.id))
    const expected = meta.categories
      .filter((c) => c.id === 'violent_terror' || c.id === 'individual_extreme')
      .flatMap((c) => c.items.map((i) => i.id))
    expect(confidential.sort()).toEqual([...expected, 'cult_hostile'].sort())
  })
})

describe('/api/areas', () => {
  let villages: AreaProperties[]
  let districts: AreaProperties[]
  beforeAll(async () => {
    villages = await areasOf(analyst, 'village')
    districts = await areasOf(analyst, 'district')
  })

  it('returns the 28 villages of the town', () => {
    expect(villages.length).toBe(28)
  })

  it('gives each village a real 12-digit code within 平度市 (370283)', () => {
    expect(villages.filter((v) => !/^370283\d{6}$/.test(v.code)).map((v) => v.code)).toEqual([])
    expect(new Set(villages.map((v) => v.code)).size).toBe(28)
  })

  it('gives each village id, code, name, level, parentId, population and households', () => {
    for (const v of villages) {
      expect(v, v.id).toMatchObject({ id: expect.any(String), code: expect.any(String), level: 'village' })
      expect(v.name, v.id).toMatch(CJK)
      expect(v.population, v.id).toBeGreaterThan(0)
      expect(v.households, v.id).toBeGreaterThan(0)
      expect(Number.isInteger(v.population) && Number.isInteger(v.households), v.id).toBe(true)
    }
  })

  it('places every village in one of the five management districts', () => {
    expect(districts.length).toBe(5)
    const ids = new Set(districts.map((d) => d.id))
    expect(villages.filter((v) => !ids.has(v.parentId!)).map((v) => v.id)).toEqual([])
  })

  it('returns a GeoJSON FeatureCollection of polygons', async () => {
    const fc = await read<{ type: string; features: Array<{ type: string; geometry: { type: string } }> }>(analyst.get('/api/areas?level=village'))
    expect(fc.type).toBe('FeatureCollection')
    expect(fc.features.every((f) => f.type === 'Feature' && /Polygon$/.test(f.geometry.type))).toBe(true)
  })
})

describe('/api/sites', () => {
  it('returns only gas stations for kind=gas_station', async () => {
    const found = await sites('kind=gas_station')
    expect(found.length).toBeGreaterThan(0)
    expect(found.filter((s) => s.properties.kind !== 'gas_station')).toEqual([])
  })

  it('returns both kinds, and only them, for kind=gas_station,school', async () => {
    const kinds = new Set((await sites('kind=gas_station,school')).map((s) => s.properties.kind))
    expect([...kinds].sort()).toEqual(['gas_station', 'school'])
  })

  it('returns only sites inside the area asked for', async () => {
    const village = (await areasOf(analyst, 'village'))[3]!
    const found = await sites(`area=${village.id}`)
    expect(found.length).toBeGreaterThan(0)
    expect(found.filter((s) => s.properties.villageId !== village.id)).toEqual([])
  })

  it('gives each site its responsible person and its four kinds of protection measures', async () => {
    const [site] = await sites('kind=gas_station')
    expect(site!.properties.responsible).toMatchObject({ name: expect.stringMatching(CJK), phone: expect.stringMatching(/^1\d{10}$/) })
    expect(Object.keys(site!.properties.measures).sort()).toEqual(['people', 'physical', 'psychological', 'technical'])
    expect(site!.geometry.type).toBe('Point')
  })
})
