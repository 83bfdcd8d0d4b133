import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { Client, TestApp } from '../support/app'
import { type HazardDetail, type HazardFeature, areasOf, districtAccount, gridAccount, listAll, ok, queryOf, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
let leader: Client
let districts: AreaProperties[]
/** two villages in two different districts, and every hazard of the town as the leader sees it */
let villageA: AreaProperties
let villageB: AreaProperties
let everything: HazardFeature[]
let missingBody: unknown

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  districts = await areasOf(leader, 'district')
  const villages = await areasOf(leader, 'village')
  villageA = villages.find((v) => v.parentId === districts[0]!.id)!
  villageB = villages.find((v) => v.parentId === districts[1]!.id)!
  everything = await listAll(leader)
  missingBody = await read(leader.get('/api/hazards/99999999'), 404)
})
afterAll(() => t.close())

const oneOf = (pred: (h: HazardFeature) => boolean) => {
  const h = everything.find(pred)
  if (!h) throw new Error('the demo ledger has no such hazard')
  return h
}
const stats = (c: Client, query: string) => ok(c.api.stats.areas.$get({ query: queryOf(query) }))

describe('two grid workers of two villages', () => {
  for (const which of ['A', 'B'] as const) {
    const village = () => (which === 'A' ? villageA : villageB)
    const worker = () => t.as(gridAccount(village().id))

    it(`list only village ${which}'s hazards`, async () => {
      const mine = await listAll(await worker())
      expect(mine.length).toBeGreaterThan(0)
      expect(mine.every((h) => h.properties.villageId === village().id)).toBe(true)
      expect(mine.length).toBe(everything.filter((h) => h.properties.villageId === village().id).length)
    })

    it(`count in the summary exactly village ${which}'s hazards`, async () => {
      const mine = await summaryOf(await worker())
      const leaders = await summaryOf(leader, `area=${village().id}`)
      expect(mine).toEqual(leaders)
    })

    it(`find hazards only in village ${which}'s row of stats/areas`, async () => {
      const rows = await stats(await worker(), 'level=village')
      const leaders = await summaryOf(leader, `area=${village().id}`)
      expect(rows.find((r) => r.areaId === village().id)!.total).toBe(leaders.total)
      expect(rows.filter((r) => r.areaId !== village().id && r.total > 0)).toEqual([])
    })

    it(`are shown only village ${which}'s key sites`, async () => {
      const sites = await ok((await worker()).api.sites.$get({ query: {} }))
      expect(sites.features.length).toBeGreaterThan(0)
      expect(sites.features.every((s) => s.properties.villageId === village().id)).toBe(true)
    })
  }

  it("get 404 for the other village's hazard, the same body as a missing id", async () => {
    const theirs = oneOf((h) => h.properties.villageId === villageB.id)
    const res = await (await t.as(gridAccount(villageA.id))).get(`/api/hazards/${theirs.id}`)
    expect(await read(res, 404)).toEqual(missingBody)
  })

  it('each reach their own hazard by id', async () => {
    const mine = oneOf((h) => h.properties.villageId === villageA.id)
    const detail = await read<HazardDetail>((await t.as(gridAccount(villageA.id))).get(`/api/hazards/${mine.id}`))
    expect(detail.hazard.id).toBe(mine.id)
  })

  it("find nothing when filtering by the other village's area", async () => {
    const summary = await summaryOf(await t.as(gridAccount(villageA.id)), `area=${villageB.id}`)
    expect(summary.total).toBe(0)
  })

  it("cannot ask for the other village's key sites", async () => {
    const sites = await ok((await t.as(gridAccount(villageA.id))).api.sites.$get({ query: { area: villageB.id } }))
    expect(sites.features).toEqual([])
  })
})

describe('two district officers', () => {
  for (const which of [0, 1]) {
    const district = () => districts[which]!
    const officer = async () => t.as(await districtAccount(t, district().id))

    it(`list only district ${which + 1}'s hazards`, async () => {
      const mine = await listAll(await officer())
      expect(mine.length).toBeGreaterThan(0)
      expect(mine.every((h) => h.properties.districtId === district().id)).toBe(true)
      expect(mine.length).toBe(everything.filter((h) => h.properties.districtId === district().id).length)
    })

    it(`count in the summary exactly district ${which + 1}'s hazards`, async () => {
      expect(await summaryOf(await officer())).toEqual(await summaryOf(leader, `area=${district().id}`))
    })

    it(`find hazards only in district ${which + 1}'s row of stats/areas`, async () => {
      const rows = await stats(await officer(), 'level=district')
      expect(rows.filter((r) => r.areaId !== district().id && r.total > 0)).toEqual([])
      expect(rows.find((r) => r.areaId === district().id)!.total).toBeGreaterThan(0)
    })
  }

  it("get 404 for the other district's hazard, the same body as a missing id", async () => {
    const theirs = oneOf((h) => h.properties.districtId === districts[1]!.id)
    const officer = await t.as(await districtAccount(t, districts[0]!.id))
    expect(await read(officer.get(`/api/hazards/${theirs.id}`), 404)).toEqual(missingBody)
  })
})

describe('two lead units', () => {
  const units = [
    ['police', 'violent_terror'],
    ['safety', 'safety_accident'],
  ] as const

  for (const [unit, category] of units) {
    it(`${unit} lists only ${category} hazards, all of them`, async () => {
      const mine = await listAll(await t.as(unit))
      expect(mine.every((h) => h.properties.category === category)).toBe(true)
      expect(mine.length).toBe(everything.filter((h) => h.properties.category === category).length)
    })

    it(`${unit} counts only ${category} in the summary`, async () => {
      const summary = await summaryOf(await t.as(unit))
      const others = Object.entries(summary.byCategory).filter(([c, n]) => c !== category && n > 0)
      expect(others).toEqual([])
      expect(summary.total).toBe(summary.byCategory[category])
    })
  }

  it("police get 404 for a safety hazard, the same body as a missing id", async () => {
    const theirs = oneOf((h) => h.properties.category === 'safety_accident')
    expect(await read((await t.as('police')).get(`/api/hazards/${theirs.id}`), 404)).toEqual(missingBody)
  })

  it("safety gets 404 for a police hazard, the same body as a missing id", async () => {
    const theirs = oneOf((h) => h.properties.category === 'violent_terror')
    expect(await read((await t.as('safety')).get(`/api/hazards/${theirs.id}`), 404)).toEqual(missingBody)
  })

  it('a lead unit asking for another category gets nothing', async () => {
    expect((await summaryOf(await t.as('police'), 'category=safety_accident')).total).toBe(0)
  })
})

describe('the leader', () => {
  it('sees every hazard in the ledger', async () => {
    const summary = await summaryOf(leader)
    expect(summary.total).toBe(t.services.store.hazards.count())
    expect(everything.length).toBe(summary.total)
  })

  it('sees hazards of every village in stats/areas', async () => {
    const rows = await stats(leader, 'level=village')
    expect(rows.length).toBe(28)
    expect(rows.every((r) => r.total > 0)).toBe(true)
  })

  it('sees every key site', async () => {
    const sites = await ok(leader.api.sites.$get({ query: {} }))
    expect(new Set(sites.features.map((s) => s.properties.villageId)).size).toBe(28)
  })
})
