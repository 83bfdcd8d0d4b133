import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { categoryOfLeadUnit } from '../../../server/domain/categories'
import { type CheckRecord, defaultPlan, siteKindCategory } from '../../../server/domain/check-plans'
import type { FieldErrorBody } from '../../../server/domain/contract/common'
import { bucketsBetween, fromDay, toDay } from '../../../server/domain/days'
import { readEnv } from '../../../server/env'
import type { TestApp } from '../support/app'
import { ok, queryOf, read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

const coverage = async (user: string, query: string) => ok((await t.as(user)).api['check-plans'].coverage.$get({ query: queryOf(query) }))
const missed = async (user: string, query: string) => ok((await t.as(user)).api['check-plans'].missed.$get({ query: queryOf(query) }))

/** Periods of a cadence that end inside [start, end], as [start, end] dates. */
const periodsEnding = (cadence: 'week' | 'half-month' | 'month', start: string, end: string) =>
  bucketsBetween(toDay(start), toDay(end), cadence).filter(([, e]) => e <= toDay(end)).map(([s, e]) => [fromDay(s), fromDay(e)] as const)

/**
 * A village's checks in 1–15 November 2026 (all over by the seeded today, 28 November), counted by
 * hand from the inspections the store returns: weekly self-checks, the half-month's round, and its
 * key sites' checks by their kinds' cadences (met by a check naming the site, or, naming none, of the site kind's category there).
 */
function byHand(villageId: string) {
  const districtId = t.services.ledger.areas.byId.get(villageId)!.parentId
  const records = t.services.store.inspections.checkRecords('2026-10-01', '2026-11-15')
  const at = (r: CheckRecord) => r.villageId === villageId || (r.villageId === null && r.districtId === districtId)
  const within = (r: CheckRecord, [s, e]: readonly [string, string]) => r.date >= s && r.date <= e
  let due = 0
  let done = 0
  for (const week of periodsEnding('week', '2026-11-01', '2026-11-15')) {
    due++
    if (records.some((r) => r.source === 'routine' && r.villageId === villageId && within(r, week))) done++
  }
  due++
  if (records.some((r) => r.source === 'concentrated' && at(r) && within(r, ['2026-11-01', '2026-11-15']))) done++
  for (const site of t.services.store.sites.list({ villageIds: [villageId] }))
    for (const period of periodsEnding(defaultPlan[site.kind], '2026-11-01', '2026-11-15')) {
      due++
      const category = siteKindCategory[site.kind]
      // One naming a site is a check of that site alone; one naming none, of its village's sites of its category.
      const ofSite = (r: CheckRecord) => (r.siteId ? r.siteId === site.id : at(r) && (r.category ?? (r.unit && categoryOfLeadUnit(r.unit))) === category)
      if (records.some((r) => within(r, period) && ofSite(r))) done++
    }
  return { due, done }
}

describe('coverage against what was due', () => {
  it("a village's due and done equal the count by hand from its inspections", async () => {
    const answer = await coverage('leader', 'period=2026-11-03&bucket=half-month&level=village')
    expect(answer.period).toEqual({ start: '2026-11-01', end: '2026-11-15' })
    for (const row of answer.rows.slice(0, 5)) {
      const hand = byHand(row.id)
      expect(hand.due).toBeGreaterThan(4)
      expect({ id: row.id, due: row.due, done: row.done, missed: row.missed, pending: row.pending }).toEqual({
        id: row.id, due: hand.due, done: hand.done, missed: hand.due - hand.done, pending: 0,
      })
      expect(row.rate).toBe(Math.round((hand.done / hand.due) * 1000) / 1000)
    }
  })

  it('totals are the rows summed, the same at every place level, and the rate is theirs', async () => {
    const villages = await coverage('leader', 'period=2026-11-20&bucket=month&level=village')
    const districts = await coverage('leader', 'period=2026-11-20&bucket=month&level=district')
    expect(villages.period).toEqual({ start: '2026-11-01', end: '2026-11-30' })
    for (const answer of [villages, districts]) {
      const sum = (k: 'due' | 'done' | 'missed' | 'pending') => answer.rows.reduce((n, r) => n + r[k], 0)
      expect(answer.totals).toEqual({ due: sum('due'), done: sum('done'), missed: sum('missed'), pending: sum('pending'), rate: Math.round((sum('done') / sum('due')) * 1000) / 1000 })
      for (const r of answer.rows) expect(r.done + r.missed + r.pending).toBe(r.due)
    }
    expect(districts.totals).toEqual(villages.totals)
    expect(villages.rows).toHaveLength(28)
    // Today is 28 November: the checks of the last, unfinished week and of the month are still pending.
    expect(villages.totals.pending).toBeGreaterThan(0)
  })

  it('a lead unit row counts its monthly focused check and its site kinds, and is met by its own focused round', async () => {
    const units = await coverage('leader', 'period=2026-10-10&bucket=month&level=unit')
    expect(units.rows.map((r) => r.id)).toEqual(['police', 'masswork', 'governance', 'safety'])
    // Mass work leads no kind of site: its only check is the month's focused round, which the seed recorded.
    expect(units.rows.find((r) => r.id === 'masswork')).toMatchObject({ due: 1, done: 1, missed: 0, rate: 1 })
    const sites = await coverage('leader', 'period=2026-10-10&bucket=month&level=site')
    const police = units.rows.find((r) => r.id === 'police')!
    expect(sites.totals.due).toBe(units.totals.due - 4)
    expect(police.due).toBeGreaterThan(1)
  })

  it('lists the missed checks (未查) with place and period, as many as the rows count', async () => {
    const answer = await coverage('leader', 'period=2026-11-03&level=village')
    const list = await missed('leader', 'period=2026-11-03&level=village')
    expect(list.missed).toHaveLength(answer.totals.missed)
    for (const row of answer.rows) expect(list.missed.filter((m) => m.rowId === row.id)).toHaveLength(row.missed)
    const first = list.missed[0]!
    expect(first.subjectName).toMatch(/\S/)
    expect(first.end <= '2026-11-15' && first.start <= first.end).toBe(true)
    expect(list.missed.every((m) => m.villageId !== null && m.districtId !== null)).toBe(true)
  })

  it('an inspection recorded through POST /api/inspections turns missed checks into done at once', async () => {
    const query = 'period=2026-11-03&level=village'
    const before = await missed('leader', query)
    const target = before.missed.find((m) => m.kind === 'site')!
    const date = target.start < '2026-11-01' ? '2026-11-01' : target.start
    // A routine check of the village concerning the site's category: it meets the site's check and, if missed, the week's self-check.
    const met = before.missed.filter(
      (m) => m.villageId === target.villageId && m.start <= date && date <= m.end && ((m.kind === 'site' && m.category === target.category) || m.kind === 'self_check'),
    )
    const row = async () => (await coverage('leader', query)).rows.find((r) => r.id === target.villageId)!
    const rowBefore = await row()
    const grid = await t.as(`grid-${target.villageId}`)
    const res = await grid.post('/api/inspections', { source: 'routine', areaId: target.villageId, date, inspectors: '网格员', checked: target.subjectName, category: target.category })
    expect(res.status).toBe(201)
    const rowAfter = await row()
    expect(rowAfter.done).toBe(rowBefore.done + met.length)
    expect(rowAfter.missed).toBe(rowBefore.missed - met.length)
    const after = await missed('leader', query)
    expect(after.missed.some((m) => m.subjectId === target.subjectId && m.start === target.start)).toBe(false)
  })

  it("an inspection naming a key site meets that site's missed check whatever its category, and no other site's", async () => {
    const query = 'period=2026-11-10&bucket=month&level=site'
    const before = await missed('leader', query)
    const target = before.missed.find((m) => m.kind === 'site' && m.category === 'violent_terror')!
    const others = before.missed.filter((m) => m.kind === 'site' && m.subjectId !== target.subjectId)
    const row = async () => (await coverage('leader', query)).rows.find((r) => r.id === target.subjectId)!
    const rowBefore = await row()
    const date = target.start < '2026-11-01' ? '2026-11-01' : target.start
    const grid = await t.as(`grid-${target.villageId}`)
    // A grid worker's self-check about a land dispute (another category) that stood at the site.
    const res = await grid.post('/api/inspections', {
      source: 'routine', areaId: target.villageId, date, inspectors: '网格员', category: 'mass_incident', siteId: target.subjectId, hazardsFound: 0,
    })
    expect(res.status).toBe(201)
    const after = await missed('leader', query)
    expect(after.missed.filter((m) => m.kind === 'site')).toEqual(others)
    expect(await row()).toMatchObject({ due: rowBefore.due, done: rowBefore.done + 1, missed: rowBefore.missed - 1 })
  })
})

describe('reach', () => {
  it('shows a grid worker its own village and a district officer its own district', async () => {
    const all = await coverage('leader', 'period=2026-11-03')
    const village = all.rows[0]!
    const own = await coverage(`grid-${village.id}`, 'period=2026-11-03')
    expect(own.rows).toEqual([village])
    expect((await missed(`grid-${village.id}`, 'period=2026-11-03')).missed.every((m) => m.villageId === village.id)).toBe(true)
    const district = await coverage('district-1', 'period=2026-11-03&level=district')
    expect(district.rows).toHaveLength(1)
    expect(district.rows[0]).toEqual((await coverage('leader', 'period=2026-11-03&level=district')).rows.find((r) => r.id === district.rows[0]!.id))
    // A district officer has no lead unit's town-wide check in reach: its unit rows hold only its sites' checks.
    const units = await coverage('district-1', 'period=2026-11-20&bucket=month&level=unit')
    expect(units.totals.due).toBeLessThan((await coverage('leader', 'period=2026-11-20&bucket=month&level=unit')).totals.due)
  })

  it("keeps a lead unit to its own category and the checks of none", async () => {
    const units = await coverage('masswork', 'period=2026-11-03&level=unit')
    expect(units.rows.map((r) => r.id)).toEqual(['masswork'])
    const list = await missed('masswork', 'period=2026-11-03&bucket=month&level=village')
    expect(list.missed.every((m) => m.category === null || m.category === 'mass_incident')).toBe(true)
    // Mass work leads no kind of key site; the police see their own kinds' sites only.
    expect((await coverage('masswork', 'period=2026-11-03&level=site')).rows).toEqual([])
    const policeSites = (await coverage('police', 'period=2026-11-03&bucket=month&level=site')).rows
    const allSites = (await coverage('leader', 'period=2026-11-03&bucket=month&level=site')).rows
    expect(policeSites.length).toBeGreaterThan(0)
    expect(policeSites.length).toBeLessThan(allSites.length)
    expect(policeSites).toEqual(allSites.filter((r) => policeSites.some((p) => p.id === r.id)))
  })

  it('refuses the wall (403) and a caller with no session (401)', async () => {
    const wall = await t.as('wall')
    for (const path of ['/api/check-plans/coverage', '/api/check-plans/missed']) {
      expect((await wall.get(path)).status).toBe(403)
      expect((await t.anonymous.get(path)).status).toBe(401)
    }
  })
})

describe('bad input', () => {
  it.each([
    ['period=2026-13-01', 'period'],
    ['bucket=week', 'bucket'],
    ['level=town', 'level'],
    ['area=1', 'area'],
  ])('%s: 400 naming %s', async (query, field) => {
    const leader = await t.as('leader')
    for (const path of ['coverage', 'missed']) {
      const body = await read<FieldErrorBody>(leader.get(`/api/check-plans/${path}?${query}`), 400)
      expect(body.error.details!.map((d) => d.field)).toEqual([field])
    }
  })
})

describe('configured cadences', () => {
  it('CHECK_CADENCES replaces the defaults it names and is checked at start', async () => {
    const monthly = await openSeededApp({ CHECK_CADENCES: JSON.stringify({ self_check: 'month', round: 'month' }) })
    try {
      const query = { period: '2026-11-03', bucket: 'month' as const }
      const configured = (await ok((await monthly.as('leader')).api['check-plans'].coverage.$get({ query }))).totals
      const defaults = (await coverage('leader', 'period=2026-11-03&bucket=month')).totals
      const sites = (await coverage('leader', 'period=2026-11-03&bucket=month&level=site')).totals
      // November by default: five weeks ending in it and two half-months a village; configured, one month each.
      expect(defaults.due).toBe(28 * (5 + 2) + sites.due)
      expect(configured.due).toBe(28 * (1 + 1) + sites.due)
    } finally {
      monthly.close()
    }
    expect(() => readEnv({ CHECK_CADENCES: '{"petrol":"week"}' })).toThrow(/CHECK_CADENCES: Unrecognized key: "petrol"/)
    expect(() => readEnv({ CHECK_CADENCES: '{"school":"day"}' })).toThrow(/CHECK_CADENCES\.school: Invalid option/)
    expect(() => readEnv({ CHECK_CADENCES: 'weekly' })).toThrow(/CHECK_CADENCES: not JSON/)
  })
})
