import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import { AS_OF, type Client, type TestApp } from '../support/app'
import { type HazardFeature, areasOf, listAll, ok, queryOf, read, summaryOf } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
let leader: Client
let total: number
let district: AreaProperties
let village: AreaProperties
let cell: AreaProperties
let box: [number, number, number, number]

beforeAll(async () => {
  t = await openSeededApp()
  leader = await t.as('leader')
  total = (await summaryOf(leader)).total
  district = (await areasOf(leader, 'district'))[2]!
  village = (await areasOf(leader, 'village')).find((v) => v.parentId === district.id)!
  cell = (await areasOf(leader, 'grid')).find((g) => g.parentId === village.id)!
  const [x, y] = village.label
  box = [x - 0.02, y - 0.02, x + 0.02, y + 0.02]
})
afterAll(() => t.close())

type Check = (h: HazardFeature) => boolean
const p = (h: HazardFeature) => h.properties
const text = (h: HazardFeature) => `${p(h).code} ${p(h).title} ${p(h).description}`

/** Each filter api.md lists, a query using it, and what every hazard it returns must satisfy. */
const filters: Array<[name: string, query: () => string, holds: Check]> = [
  ['category', () => 'category=mass_incident', (h) => p(h).category === 'mass_incident'],
  ['several categories', () => 'category=violent_terror,individual_extreme', (h) => ['violent_terror', 'individual_extreme'].includes(p(h).category)],
  ['item', () => 'item=fire,road_traffic', (h) => ['fire', 'road_traffic'].includes(p(h).item)],
  ['status', () => 'status=rectifying,rectified', (h) => ['rectifying', 'rectified'].includes(p(h).status)],
  ['level', () => 'level=major', (h) => p(h).level === 'major'],
  ['source', () => 'source=concentrated', (h) => p(h).source === 'concentrated'],
  ['a district area', () => `area=${district.id}`, (h) => p(h).districtId === district.id],
  ['a village area', () => `area=${village.id}`, (h) => p(h).villageId === village.id],
  ['a grid area', () => `area=${cell.id}`, (h) => p(h).areaId === cell.id],
  ['from', () => 'from=2026-09-01', (h) => p(h).discoveredAt >= '2026-09-01'],
  ['to', () => 'to=2026-03-31', (h) => p(h).discoveredAt <= '2026-03-31'],
  ['from and to', () => 'from=2026-05-16&to=2026-05-31', (h) => p(h).discoveredAt >= '2026-05-16' && p(h).discoveredAt <= '2026-05-31'],
  ['overdue', () => 'overdue=true', (h) => p(h).overdue],
  ['escalated', () => 'escalated=true', (h) => p(h).escalated],
  ['q', () => `q=${encodeURIComponent('消防')}`, (h) => text(h).includes('消防')],
  ['q by ledger code', () => 'q=YH000123', (h) => p(h).code.startsWith('YH000123')],
  ['bbox', () => `bbox=${box.join(',')}`, (h) => {
    const [x, y] = h.geometry.coordinates
    return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]
  }],
  ['several filters at once', () => `category=safety_accident&status=closed&from=2026-06-01&area=${district.id}`,
    (h) => p(h).category === 'safety_accident' && p(h).status === 'closed' && p(h).discoveredAt >= '2026-06-01' && p(h).districtId === district.id],
]

describe('each list filter', () => {
  for (const [name, query, holds] of filters) {
    it(`${name}: every hazard listed satisfies it, and it narrows the ledger`, async () => {
      const listed = await listAll(leader, query())
      expect(listed.length).toBeGreaterThan(0)
      expect(listed.length).toBeLessThan(total)
      expect(listed.filter((h) => !holds(h)).map((h) => h.id)).toEqual([])
    })

    it(`${name}: the summary counts exactly the hazards the paginated list returns`, async () => {
      const summary = await summaryOf(leader, query())
      expect(summary.total).toBe((await listAll(leader, query(), 250)).length)
    })
  }

  it('finds every hazard of the ledger that satisfies the filter, not only some', async () => {
    const everything = await listAll(leader)
    const expected = everything.filter((h) => h.properties.status === 'rectifying' && h.properties.level === 'major').length
    expect((await summaryOf(leader, 'status=rectifying&level=major')).total).toBe(expected)
  })
})

describe('the summary', () => {
  it('counts as overdue exactly the hazards the overdue filter lists', async () => {
    expect((await summaryOf(leader)).overdue).toBe((await listAll(leader, 'overdue=true')).length)
  })

  it('counts as escalated every hazard the escalated filter lists, and apart those still open', async () => {
    const all = await listAll(leader, 'escalated=true')
    const summary = (await summaryOf(leader)) as Awaited<ReturnType<typeof summaryOf>> & { escalatedOpen: number }
    expect(summary.escalated).toBe(all.length)
    expect(summary.escalatedOpen).toBe(all.filter((h) => h.properties.status !== 'closed').length)
    expect(summary.escalatedOpen).toBeLessThan(summary.escalated)
  })

  it('gives closeRate as closed over total', async () => {
    const s = await summaryOf(leader, 'category=mass_incident')
    expect(s.closeRate).toBeCloseTo(s.closed / s.total, 3)
    expect(s.open + s.closed).toBe(s.total)
  })

  it('splits the total by category, level, status and source without losing any', async () => {
    const s = await summaryOf(leader, `area=${district.id}`)
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0)
    expect([sum(s.byCategory), sum(s.byLevel), sum(s.byStatus), sum(s.bySource)]).toEqual([s.total, s.total, s.total, s.total])
  })
})

describe('pagination', () => {
  it('returns each hazard once across pages', async () => {
    const ids = (await listAll(leader, 'category=safety_accident', 97)).map((h) => h.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe((await summaryOf(leader, 'category=safety_accident')).total)
  })

  it('lists newest first: by discovery date, then by id', async () => {
    const listed = await listAll(leader, 'source=routine', 200)
    const outOfOrder = listed.slice(1).filter((h, i) => {
      const prev = listed[i]!.properties
      return h.properties.discoveredAt > prev.discoveredAt || (h.properties.discoveredAt === prev.discoveredAt && h.id > prev.id)
    })
    expect(outOfOrder).toEqual([])
  })

  it('gives the same order in small pages as in one large page', async () => {
    const small = (await listAll(leader, 'level=significant', 50)).map((h) => h.id)
    const large = (await listAll(leader, 'level=significant', 10000)).map((h) => h.id)
    expect(small).toEqual(large)
  })

  it('gives no nextCursor on the last page', async () => {
    const page = await read<{ nextCursor?: string }>(leader.get(`/api/hazards?area=${cell.id}&limit=10000`))
    expect(page.nextCursor).toBeUndefined()
  })
})

describe('the trend', () => {
  const trend = (query: string) => ok(leader.api.stats.trend.$get({ query: queryOf(query) }))

  it('runs half-months from the 1st to the 15th and from the 16th to the month’s end', async () => {
    const rows = await trend('from=2026-01-01&to=2026-03-31')
    expect(rows.map((r) => [r.start, r.end])).toEqual([
      ['2026-01-01', '2026-01-15'], ['2026-01-16', '2026-01-31'],
      ['2026-02-01', '2026-02-15'], ['2026-02-16', '2026-02-28'],
      ['2026-03-01', '2026-03-15'], ['2026-03-16', '2026-03-31'],
    ])
  })

  for (const [bucket, query] of [['half-month', 'from=2026-04-10&to=2026-07-20'], ['month', 'from=2026-02-03&to=2026-10-30'], ['week', 'from=2026-08-05&to=2026-09-17']])
    it(`${bucket} buckets report, in sum, the summary's total for the same from and to`, async () => {
      const rows = await trend(`${query}&bucket=${bucket}`)
      expect(rows.reduce((n, r) => n + r.reported, 0)).toBe((await summaryOf(leader, query)).total)
    })

  it('reports, in sum, the summary total for the same filters besides the dates', async () => {
    const query = 'category=individual_extreme&from=2026-01-01&to=2026-06-30'
    const rows = await trend(query)
    expect(rows.reduce((n, r) => n + r.reported, 0)).toBe((await summaryOf(leader, query)).total)
  })

  it('ends, when the range ends today, with the open backlog the summary shows', async () => {
    const rows = await trend(`to=${AS_OF}`)
    expect(rows.at(-1)!.openAtEnd).toBe((await summaryOf(leader, `to=${AS_OF}`)).open)
  })

  it('ends with the summary’s open backlog for a range from mid-year to today', async () => {
    const query = `from=2026-06-01&to=${AS_OF}`
    const rows = await trend(query)
    expect(rows.at(-1)!.openAtEnd).toBe((await summaryOf(leader, query)).open)
  })
})

describe('stats by area', () => {
  const areaStats = (query: string) => ok(leader.api.stats.areas.$get({ query: queryOf(query) }))

  for (const query of ['level=village', 'level=district', 'level=grid', 'level=village&category=safety_accident&status=closed'])
    it(`rows of ${query} add up to the summary total for the same filters`, async () => {
      const rows = await areaStats(query)
      const filters = query.replace(/level=\w+&?/, '')
      expect(rows.reduce((n, r) => n + r.total, 0)).toBe((await summaryOf(leader, filters)).total)
    })

  it('gives a village the same total, open and overdue as the summary filtered to it', async () => {
    const row = (await areaStats('level=village')).find((r) => r.areaId === village.id)!
    const summary = await summaryOf(leader, `area=${village.id}`)
    expect([row.total, row.open, row.overdue]).toEqual([summary.total, summary.open, summary.overdue])
  })

  it('gives density as open hazards per 1,000 residents', async () => {
    const population = new Map((await areasOf(leader, 'village')).map((v) => [v.id, v.population!]))
    const rows = await areaStats('level=village')
    expect(rows.length).toBe(28)
    for (const r of rows) expect(r.density, r.areaId).toBeCloseTo((r.open / population.get(r.areaId)!) * 1000, 1)
  })
})
