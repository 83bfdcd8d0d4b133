import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import type { Client, TestApp } from '../support/app'
import { type HazardDetail, type HazardFeature, type HazardList, areasOf, districtAccount, gridAccount, listAll, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/** The three kinds of confidential hazard, and the lead unit cleared for each (domain.md). */
const kinds = [
  { kind: 'violent_terror', pick: (h: HazardFeature) => h.properties.category === 'violent_terror', cleared: 'police' },
  { kind: 'individual_extreme', pick: (h: HazardFeature) => h.properties.category === 'individual_extreme', cleared: 'governance' },
  { kind: 'mass_incident cult_hostile', pick: (h: HazardFeature) => h.properties.item === 'cult_hostile', cleared: 'masswork' },
] as const
const leadUnits = ['police', 'masswork', 'governance', 'safety']
const confidentialItem = (h: HazardFeature) => ['violent_terror', 'individual_extreme'].includes(h.properties.category) || h.properties.item === 'cult_hostile'

let t: TestApp
let leader: Client
let labels: Map<string, [number, number]>
let everything: HazardFeature[]
/** per kind: an assigned hazard with people (and a site where one has it), far enough from its village point to tell them apart */
const chosen = new Map<string, HazardFeature>()

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  labels = new Map((await areasOf(leader, 'village')).map((v) => [v.id, v.label]))
  everything = await listAll(leader)
  for (const { kind, pick } of kinds) {
    const candidates = everything.filter((f) => {
      if (!pick(f) || !f.properties.responsiblePerson) return false
      const [x, y] = f.geometry.coordinates
      const [lx, ly] = labels.get(f.properties.villageId)!
      return Math.abs(x - lx) + Math.abs(y - ly) > 0.002
    })
    const h = candidates.find((f) => f.properties.siteId) ?? candidates[0]
    if (!h) throw new Error(`the demo ledger has no assigned ${kind} hazard`)
    chosen.set(kind, h)
  }
})
afterAll(() => t.close())

const hazard = (kind: string) => chosen.get(kind)!
/** The roles not cleared for a hazard that still reach it: the analyst, its district's officer, its village's worker. */
const uncleared: ReadonlyArray<readonly [string, (h: HazardFeature) => Promise<string> | string]> = [
  ['the analyst', () => 'analyst'],
  ['its district officer', (h) => districtAccount(t, h.properties.districtId)],
  ['its village grid worker', (h) => gridAccount(h.properties.villageId)],
]

function expectGeneralised(view: HazardFeature['properties'], location: [number, number], villageId: string) {
  expect(view.generalised).toBe(true)
  expect(view.title).toBe('')
  expect(view.description).toBe('')
  expect(location).toEqual(labels.get(villageId))
  expect(view.areaId, 'no grid cell').toBe(villageId)
  expect(view.responsiblePerson ?? null).toBeNull()
  expect(view.responsibleUnit ?? null).toBeNull()
  expect(view.reportedBy || null).toBeNull()
  expect(view.siteId ?? null).toBeNull()
  expect(view.measures ?? null).toBeNull()
}

for (const { kind, cleared } of kinds) {
  describe(`a confidential ${kind} hazard`, () => {
    for (const [who, account] of uncleared) {
      const user = async () => t.as(await account(hazard(kind)))

      it(`comes generalised to ${who} in its detail`, async () => {
        const h = hazard(kind)
        const { hazard: view } = await read<HazardDetail>((await user()).get(`/api/hazards/${h.id}`))
        expectGeneralised(view, view.location, h.properties.villageId)
      })

      it(`comes to ${who} with events that name no actor and carry no note`, async () => {
        const { events } = await read<HazardDetail>((await user()).get(`/api/hazards/${hazard(kind).id}`))
        expect(events.length).toBeGreaterThan(1)
        expect(events.filter((e) => e.actor || e.note)).toEqual([])
      })

      it(`comes generalised to ${who} in the list`, async () => {
        const h = hazard(kind)
        const page = await read<HazardList>((await user()).get(`/api/hazards?area=${h.properties.villageId}&item=${h.properties.item}&limit=10000`))
        const feature = page.features.find((f) => f.id === h.id)!
        expect(feature).toBeDefined()
        expectGeneralised(feature.properties, feature.geometry.coordinates, h.properties.villageId)
      })
    }

    for (const who of ['leader', cleared])
      it(`comes in full detail to the ${who}`, async () => {
        const h = hazard(kind)
        const detail = await read<HazardDetail>((await t.as(who)).get(`/api/hazards/${h.id}`))
        expect(detail.hazard.generalised).toBe(false)
        expect(detail.hazard.title).toBe(h.properties.title)
        expect(detail.hazard.title).not.toBe('')
        expect(detail.hazard.responsiblePerson).toBe(h.properties.responsiblePerson)
        expect(detail.hazard.location).toEqual(h.geometry.coordinates)
        expect(detail.events.every((e) => e.actor !== '')).toBe(true)
      })

    for (const other of leadUnits.filter((u) => u !== cleared))
      it(`is not shown at all to the ${other} lead unit`, async () => {
        expect((await (await t.as(other)).get(`/api/hazards/${hazard(kind).id}`)).status).toBe(404)
      })

    it(`cannot be found by the analyst searching its title, but can by the ${cleared} lead unit`, async () => {
      const title = hazard(kind).properties.title
      const q = `q=${encodeURIComponent(title)}`
      const hits = await listAll(leader, q)
      expect(hits.length).toBeGreaterThan(0)
      expect(hits.every(confidentialItem)).toBe(true)
      expect((await summaryOf(await t.as('analyst'), q)).total).toBe(0)
      expect(await listAll(await t.as('analyst'), q)).toEqual([])
      expect((await listAll(await t.as(cleared), q)).map((f) => f.id)).toContain(hazard(kind).id)
    })

    it('is not found by an uncleared role drawing a box around its true position', async () => {
      const h = hazard(kind)
      const [x, y] = h.geometry.coordinates
      const box = [x - 0.0001, y - 0.0001, x + 0.0001, y + 0.0001].join(',')
      const found = await listAll(await t.as('analyst'), `bbox=${box}`)
      expect(found.map((f) => f.id)).not.toContain(h.id)
    })

    it('is found by an uncleared role where it is drawn, at its village point', async () => {
      const h = hazard(kind)
      const [x, y] = labels.get(h.properties.villageId)!
      const box = [x - 0.0001, y - 0.0001, x + 0.0001, y + 0.0001].join(',')
      const found = await listAll(await t.as('analyst'), `bbox=${box}`)
      expect(found.map((f) => f.id)).toContain(h.id)
    })

    it('does not give away its grid cell to an uncleared role filtering by that cell', async () => {
      const h = hazard(kind)
      const found = await listAll(await t.as('analyst'), `area=${h.properties.areaId}`)
      expect(found.map((f) => f.id)).not.toContain(h.id)
    })
  })
}

describe('a non-confidential mass_incident hazard', () => {
  it('comes in full detail to the analyst', async () => {
    const h = everything.find((f) => f.properties.category === 'mass_incident' && f.properties.item !== 'cult_hostile')!
    const detail = await read<HazardDetail>((await t.as('analyst')).get(`/api/hazards/${h.id}`))
    expect(detail.hazard.generalised).toBe(false)
    expect(detail.hazard.title).toBe(h.properties.title)
  })
})

describe('the wall display', () => {
  let people: string[]
  beforeAll(async () => {
    const sites = await read<{ features: Array<{ properties: { responsible: { name: string; phone: string }; measures: Record<string, string> } }> }>(leader.get('/api/sites'))
    const names = new Set<string>()
    for (const h of everything) if (h.properties.responsiblePerson) names.add(h.properties.responsiblePerson)
    for (const s of sites.features) names.add(s.properties.responsible.name).add(s.properties.responsible.phone)
    // The sites' measures are the wall's to read: a name that is also a word in them (高峰 in 客运高峰增岗) proves nothing.
    const measures = JSON.stringify(sites.features.map((f) => f.properties.measures))
    people = [...names].filter((name) => !measures.includes(name))
  })
  const leaks = (text: string) => people.filter((p) => text.includes(p))

  it('is refused the hazard list and every hazard detail, confidential or not (403)', async () => {
    const wall = await t.as('wall')
    for (const path of ['/api/hazards', '/api/hazards?category=individual_extreme'])
      expect((await wall.get(path)).status, path).toBe(403)
    for (const { kind } of [...kinds, { kind: 'safety' }]) {
      const h = kind === 'safety' ? everything.find((f) => f.properties.category === 'safety_accident' && f.properties.responsiblePerson)! : hazard(kind)
      const res = await wall.get(`/api/hazards/${h.id}`)
      expect(res.status).toBe(403)
      expect(leaks(await res.text())).toEqual([])
    }
  })

  it('receives key sites without who answers for them', async () => {
    const sites = await (await (await t.as('wall')).get('/api/sites')).text()
    const parsed = JSON.parse(sites) as { features: Array<{ properties: { responsible: unknown } }> }
    expect(parsed.features.length).toBeGreaterThan(0)
    expect(parsed.features.filter((f) => f.properties.responsible !== null)).toEqual([])
    expect(leaks(sites)).toEqual([])
  })

  it('receives statistics that carry no titles or people', async () => {
    const wall = await t.as('wall')
    const titles = [...new Set(everything.map((f) => f.properties.title))]
    for (const path of ['/api/stats/summary', '/api/stats/trend', '/api/stats/areas?level=village', '/api/stats/areas?level=grid']) {
      const text = await (await wall.get(path)).text()
      expect(titles.filter((s) => text.includes(s)), path).toEqual([])
      expect(leaks(text), path).toEqual([])
    }
  })

  it('cannot search hazards at all: a search could narrow a count to one hazard (403 naming q)', async () => {
    const title = everything.find((f) => f.properties.category === 'safety_accident')!.properties.title
    const refused = await read<FieldErrorBody>((await t.as('wall')).get(`/api/stats/summary?q=${encodeURIComponent(title)}`), 403)
    expect(refused.error.details?.map((d) => d.field)).toEqual(['q'])
  })
})
