import { describe, expect, it } from 'vitest'
import { type CheckRecord, type DueCheck, defaultPlan, dueChecks, fulfils, planWith } from '../../../server/domain/check-plans'
import { siteKindIds } from '../../../server/domain/sites'

/** Two districts, three villages, a weekly and a monthly key site. 2026-11-01 is a Sunday. */
const villages = [
  { id: 'v1', parentId: 'd1' },
  { id: 'v2', parentId: 'd1' },
  { id: 'v3', parentId: 'd2' },
]
const sites = [
  { id: 's1', kind: 'gas_station' as const, villageId: 'v1' },
  { id: 's2', kind: 'religious_venue' as const, villageId: 'v3' },
]

const village = (kind: 'self_check' | 'round', id: string, start: string, end: string): DueCheck => ({
  kind, subjectId: id, villageId: id, districtId: villages.find((v) => v.id === id)!.parentId, unit: null, category: null, start, end,
})
const count = (list: DueCheck[], kind: DueCheck['kind']) => list.filter((d) => d.kind === kind).length

describe('the default plan', () => {
  it('names a cadence for each round and every kind of key site', () => {
    expect(Object.keys(defaultPlan).sort()).toEqual(['focused', 'round', 'self_check', ...siteKindIds].sort())
    expect([defaultPlan.self_check, defaultPlan.round, defaultPlan.focused]).toEqual(['week', 'half-month', 'month'])
  })
})

describe('what was due in a range', () => {
  it('lists each check whose period ends in the range, exactly', () => {
    expect(dueChecks(defaultPlan, '2026-11-01', '2026-11-15', villages.slice(0, 1), sites.slice(0, 1))).toEqual([
      // The week of 26 October ends on Sunday 1 November: it falls due in this half-month.
      village('self_check', 'v1', '2026-10-26', '2026-11-01'),
      village('self_check', 'v1', '2026-11-02', '2026-11-08'),
      village('self_check', 'v1', '2026-11-09', '2026-11-15'),
      village('round', 'v1', '2026-11-01', '2026-11-15'),
      ...[['2026-10-26', '2026-11-01'], ['2026-11-02', '2026-11-08'], ['2026-11-09', '2026-11-15']].map(([start, end]) => ({
        kind: 'site', subjectId: 's1', villageId: 'v1', districtId: 'd1', unit: 'police', category: 'violent_terror', start, end,
      })),
    ])
  })

  it('puts a monthly check in the second half-month, and the halves add up to the month', () => {
    const first = dueChecks(defaultPlan, '2026-11-01', '2026-11-15', villages, sites)
    const second = dueChecks(defaultPlan, '2026-11-16', '2026-11-30', villages, sites)
    const month = dueChecks(defaultPlan, '2026-11-01', '2026-11-30', villages, sites)
    expect([count(first, 'self_check'), count(first, 'round'), count(first, 'focused'), count(first, 'site')]).toEqual([9, 3, 0, 3])
    // Weeks of 16 and 23 November; the week of 30 November ends in December.
    expect([count(second, 'self_check'), count(second, 'round'), count(second, 'focused'), count(second, 'site')]).toEqual([6, 3, 4, 3])
    expect(month).toHaveLength(first.length + second.length)
    expect(month).toEqual(expect.arrayContaining([...first, ...second]))
    expect(second.filter((d) => d.kind === 'focused')).toEqual(
      (['police', 'masswork', 'governance', 'safety'] as const).map((unit, n) => ({
        kind: 'focused', subjectId: unit, villageId: null, districtId: null, unit,
        category: ['violent_terror', 'mass_incident', 'individual_extreme', 'safety_accident'][n], start: '2026-11-01', end: '2026-11-30',
      })),
    )
    expect(second.filter((d) => d.subjectId === 's2').map((d) => [d.start, d.end, d.unit])).toEqual([['2026-11-01', '2026-11-30', 'police']])
  })

  it('splits half-months at the 15th, also in February', () => {
    const feb = dueChecks(defaultPlan, '2026-02-01', '2026-02-28', villages.slice(0, 1), [])
    expect(feb.filter((d) => d.kind === 'round').map((d) => [d.start, d.end])).toEqual([['2026-02-01', '2026-02-15'], ['2026-02-16', '2026-02-28']])
  })

  it('follows overrides of a round and of a site kind', () => {
    const plan = planWith({ self_check: 'month', gas_station: 'half-month' })
    const due = dueChecks(plan, '2026-11-01', '2026-11-30', villages.slice(0, 1), sites.slice(0, 1))
    expect(due.filter((d) => d.kind === 'self_check').map((d) => [d.start, d.end])).toEqual([['2026-11-01', '2026-11-30']])
    expect(due.filter((d) => d.kind === 'site').map((d) => [d.start, d.end])).toEqual([['2026-11-01', '2026-11-15'], ['2026-11-16', '2026-11-30']])
    expect(plan.round).toBe('half-month')
  })

  it('lists nothing for a range shorter than any period', () => {
    expect(dueChecks(defaultPlan, '2026-11-03', '2026-11-04', villages, sites)).toEqual([])
  })
})

describe('what fulfils a due check', () => {
  const record = (r: Partial<CheckRecord>): CheckRecord => ({ id: 1, source: 'routine', date: '2026-11-03', category: null, villageId: 'v1', districtId: 'd1', siteId: null, unit: null, ...r })
  const selfCheck = village('self_check', 'v1', '2026-11-02', '2026-11-08')
  const round = village('round', 'v1', '2026-11-01', '2026-11-15')
  const [focusedPolice] = dueChecks(defaultPlan, '2026-11-01', '2026-11-30', [], []).filter((d) => d.unit === 'police')
  const siteCheck = dueChecks(defaultPlan, '2026-11-02', '2026-11-08', villages, sites).find((d) => d.kind === 'site')!

  it('a self-check: a routine inspection of the village inside the week', () => {
    expect(fulfils(record({}), selfCheck)).toBe(true)
    expect(fulfils(record({ date: '2026-11-02' }), selfCheck)).toBe(true)
    expect(fulfils(record({ date: '2026-11-08' }), selfCheck)).toBe(true)
    expect(fulfils(record({ date: '2026-11-09' }), selfCheck)).toBe(false)
    expect(fulfils(record({ date: '2026-11-01' }), selfCheck)).toBe(false)
    expect(fulfils(record({ villageId: 'v2' }), selfCheck)).toBe(false)
    expect(fulfils(record({ source: 'concentrated' }), selfCheck)).toBe(false)
    // A district cannot check itself on a village's behalf.
    expect(fulfils(record({ villageId: null }), selfCheck)).toBe(false)
  })

  it('a round: a concentrated inspection of the village or of its whole district', () => {
    expect(fulfils(record({ source: 'concentrated', date: '2026-11-15' }), round)).toBe(true)
    expect(fulfils(record({ source: 'concentrated', villageId: null }), round)).toBe(true)
    expect(fulfils(record({ source: 'concentrated', villageId: null, districtId: 'd2' }), round)).toBe(false)
    expect(fulfils(record({ source: 'concentrated', villageId: null, districtId: null }), round)).toBe(false)
    expect(fulfils(record({ source: 'routine' }), round)).toBe(false)
  })

  it("a lead unit's focused check: a focused inspection of its category anywhere, named or by the unit's account", () => {
    expect(fulfils(record({ source: 'focused', category: 'violent_terror', villageId: 'v3', districtId: 'd2' }), focusedPolice!)).toBe(true)
    expect(fulfils(record({ source: 'focused', villageId: null, unit: 'police' }), focusedPolice!)).toBe(true)
    expect(fulfils(record({ source: 'focused', unit: 'safety' }), focusedPolice!)).toBe(false)
    expect(fulfils(record({ source: 'focused', category: 'safety_accident', unit: 'police' }), focusedPolice!)).toBe(false)
    expect(fulfils(record({ source: 'concentrated', category: 'violent_terror' }), focusedPolice!)).toBe(false)
  })

  it("a key site's check: an inspection of its village (or district) concerning its kind's category", () => {
    expect(siteCheck).toMatchObject({ subjectId: 's1', start: '2026-11-02', end: '2026-11-08', category: 'violent_terror' })
    expect(fulfils(record({ category: 'violent_terror' }), siteCheck)).toBe(true)
    expect(fulfils(record({ source: 'focused', villageId: null, unit: 'police' }), siteCheck)).toBe(true)
    expect(fulfils(record({ category: 'violent_terror', villageId: 'v2' }), siteCheck)).toBe(false)
    expect(fulfils(record({ category: 'safety_accident' }), siteCheck)).toBe(false)
    // A round naming no category says nothing of the site.
    expect(fulfils(record({ source: 'concentrated' }), siteCheck)).toBe(false)
  })

  it("a key site's check: an inspection naming the site, whatever its source and category; naming another site does not count", () => {
    expect(fulfils(record({ siteId: 's1' }), siteCheck)).toBe(true)
    expect(fulfils(record({ siteId: 's1', source: 'concentrated', category: 'safety_accident' }), siteCheck)).toBe(true)
    expect(fulfils(record({ siteId: 's1', source: 'focused', villageId: null, unit: 'safety' }), siteCheck)).toBe(true)
    expect(fulfils(record({ siteId: 's1', date: '2026-11-09' }), siteCheck)).toBe(false)
    // One naming another site, though made in this site's village about its kind's category, was of that site.
    expect(fulfils(record({ siteId: 's9', category: 'violent_terror' }), siteCheck)).toBe(false)
    // Naming a site does not keep it from counting as the village's own self-check.
    expect(fulfils(record({ siteId: 's1' }), selfCheck)).toBe(true)
  })
})
