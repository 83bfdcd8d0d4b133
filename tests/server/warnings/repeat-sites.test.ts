import { describe, expect, it } from 'vitest'
import { detectRepeatSites } from '../../../server/domain/warnings/repeat-sites'
import { DEFAULT_CALENDAR, type WarningLedger } from '../../../server/domain/warnings/model'
import { type HazardSpec, buildLedger, gridGeography } from './ledger-builder'

const geo = gridGeography({ cols: 4, rows: 4, since: '2026-01-01' })
const run = (l: WarningLedger, asOf: string) => detectRepeatSites(l, geo, { asOf, calendar: DEFAULT_CALENDAR })
/** A find of the fire item at lon 120 + dx·1e-4° (≈ 8.9 m a step at this latitude). */
const at = (id: number, dx: number, discovered: string, more: Partial<HazardSpec> = {}): HazardSpec =>
  ({ id, grid: 5, item: 'fire', discovered, lon: 120 + dx * 1e-4, lat: 36.8, ...more })

/** A place the fire item came back to twice: closed 06-05, back 06-10 (18 m off), closed 06-12, back 06-20. */
const twice = (): HazardSpec[] => [
  at(11, 0, '2026-06-01', { closed: '2026-06-05' }),
  at(12, 2, '2026-06-10', { closed: '2026-06-12' }),
  at(13, 1, '2026-06-20'),
]

describe('detector 3: repeat sites', () => {
  it('warns yellow (R9) on the second reopening of a place and item, naming the chain', () => {
    const [s, ...more] = run(buildLedger(twice()), '2026-06-30')
    expect(more).toEqual([])
    expect(s).toMatchObject({
      key: 'repeat_site|site:p:11|safety_accident|fire', detector: 'repeat_site', level: 'yellow', ruleId: 'R9',
      area: { kind: 'site', id: 'p:11', cells: ['G0005'], villageId: 'V00', districtId: 'D0' },
      category: 'safety_accident', item: 'fire', window: { from: '2026-06-01', to: '2026-06-30' },
      observed: 2, expected: null, streak: 2, evidence: [11, 12, 13], responsible: { kind: 'lead_unit', id: 'safety' },
    })
  })

  it('waits for the second reopening of general hazards, but warns orange (R8) on the first of a major or significant one', () => {
    const once = twice().slice(0, 2)
    expect(run(buildLedger(once), '2026-06-30')).toEqual([])
    const serious = [once[0]!, { ...once[1]!, level: 2 }]
    expect(run(buildLedger(serious), '2026-06-30').map((s) => [s.level, s.ruleId, s.observed])).toEqual([['orange', 'R8', 1]])
    const closedMajor = [{ ...once[0]!, level: 1 }, once[1]!]
    expect(run(buildLedger(closedMajor), '2026-06-30').map((s) => [s.level, s.ruleId])).toEqual([['orange', 'R8']])
  })

  it('reads only what was known as of the day: a later report or a later close-out changes nothing before it', () => {
    expect(run(buildLedger(twice()), '2026-06-19')).toEqual([])
    const reportedLate = twice().map((h) => (h.id === 13 ? { ...h, reported: '2026-07-02' } : h))
    expect(run(buildLedger(reportedLate), '2026-06-30')).toEqual([])
    expect(run(buildLedger(reportedLate), '2026-07-02').map((s) => s.observed)).toEqual([2])
  })

  it('counts a find within 50 m and 60 days of the close-out, not one farther or later, nor another item', () => {
    const base = twice().slice(0, 2)
    const far = [...base, at(13, 8, '2026-06-20')] // 53 m from 12, 71 m from 11
    expect(run(buildLedger(far), '2026-06-30')).toEqual([])
    const late = [...base, at(13, 1, '2026-08-12')] // 61 days after 12's close-out
    expect(run(buildLedger(late), '2026-08-20')).toEqual([])
    const onDay60 = [...base, at(13, 1, '2026-08-11')]
    expect(run(buildLedger(onDay60), '2026-08-20').map((s) => s.observed)).toEqual([2])
    const other = [...base, at(13, 1, '2026-06-20', { item: 'road_traffic' })]
    expect(run(buildLedger(other), '2026-06-30')).toEqual([])
  })

  it('joins finds at the same key site however far apart, and names the site', () => {
    const site = (h: HazardSpec, dx: number): HazardSpec => ({ ...h, site: 3, lon: 120 + dx * 1e-4 })
    const l = buildLedger(twice().map((h, k) => site(h, k * 30))) // 267 m apart
    l.siteIds = ['', 'S-a', 'S-b', 'S-加油站']
    expect(run(l, '2026-06-30').map((s) => [s.key, s.area.id, s.parameters.site])).toEqual([['repeat_site|site:S-加油站|safety_accident|fire', 'S-加油站', 'S-加油站']])
  })

  it('stops firing 60 days after the latest return, when the place has held', () => {
    expect(run(buildLedger(twice()), '2026-08-18').length).toBe(1)
    expect(run(buildLedger(twice()), '2026-08-19')).toEqual([])
  })

  it('keeps separate places and items apart, in one run', () => {
    const elsewhere = twice().map((h) => ({ ...h, id: h.id! + 10, lat: 36.81, grid: 9 }))
    const keys = run(buildLedger([...twice(), ...elsewhere]), '2026-06-30').map((s) => `${s.key} ${s.evidence.join(',')}`)
    expect(keys.sort()).toEqual(['repeat_site|site:p:11|safety_accident|fire 11,12,13', 'repeat_site|site:p:21|safety_accident|fire 21,22,23'])
  })
})
