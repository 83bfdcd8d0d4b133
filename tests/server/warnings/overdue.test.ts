import { describe, expect, it } from 'vitest'
import { addDays } from '../../../server/domain/days'
import { detectOverdue } from '../../../server/domain/warnings/overdue'
import { DEFAULT_CALENDAR, type WarningLedger } from '../../../server/domain/warnings/model'
import { type HazardSpec, buildLedger, gridGeography } from './ledger-builder'

const geo = gridGeography({ cols: 4, rows: 4, since: '2026-06-01' })
const run = (l: WarningLedger, asOf: string) => detectOverdue(l, geo, { asOf, calendar: DEFAULT_CALENDAR })
const AS_OF = '2026-09-30'

describe('detector 4: overdue hazards', () => {
  it('warns red for each overdue major hazard and orange for each overdue significant one, with the days past the deadline', () => {
    const l = buildLedger([
      { id: 1, grid: 0, item: 'fire', level: 1, discovered: '2026-09-01', deadline: '2026-09-08' },
      { id: 2, grid: 5, item: 'labour_disputes', level: 2, discovered: '2026-09-01', deadline: '2026-09-29' },
      { id: 3, grid: 0, item: 'fire', level: 3, discovered: '2026-09-01', deadline: '2026-09-08' }, // general: the build-up counts it
    ])
    expect(run(l, AS_OF)).toEqual([
      {
        key: 'overdue|hazard:1|safety_accident|fire', detector: 'overdue', level: 'red', ruleId: 'R1',
        area: { kind: 'cells', id: 'G0000', cells: ['G0000'], villageId: 'V00', districtId: 'D0' },
        category: 'safety_accident', item: 'fire', window: { from: '2026-09-08', to: AS_OF },
        observed: 22, expected: null, ratio: null, stats: {}, streak: null, slope: null, evidence: [1],
        parameters: { hazard: 1, deadline: '2026-09-08', hazardLevel: 'major' }, responsible: { kind: 'lead_unit', id: 'safety' },
      },
      expect.objectContaining({ key: 'overdue|hazard:2|mass_incident|labour_disputes', level: 'orange', ruleId: 'R2', observed: 1, responsible: { kind: 'lead_unit', id: 'masswork' } }),
    ])
  })

  it('is not overdue on its deadline day, once closed or reported rectified, nor before it was reported', () => {
    const major = (more: Partial<HazardSpec>): HazardSpec => ({ grid: 0, item: 'fire', level: 1, discovered: '2026-09-01', deadline: '2026-09-08', ...more })
    const l = buildLedger([
      major({ id: 1, deadline: AS_OF }),
      major({ id: 2, closed: '2026-09-20' }),
      major({ id: 3, rectified: '2026-09-29' }),
      major({ id: 4, reported: '2026-10-01' }),
      major({ id: 5, closed: '2026-10-01' }), // closed after the day: still overdue on it
    ])
    expect(run(l, AS_OF).map((s) => s.key)).toEqual(['overdue|hazard:5|safety_accident|fire'])
  })
})

describe('detector 4: overdue build-up', () => {
  /** Weekly overdue counts of the fire item in cell 0 (district D0): `weekly[k]` hazards overdue k weeks before the day, each for that week only. */
  function buildUp(weekly: readonly number[], more: HazardSpec[] = []): WarningLedger {
    const specs: HazardSpec[] = []
    weekly.forEach((count, k) => {
      const day = addDays(AS_OF, -7 * k)
      // overdue from the day before the sample to the day after it: counted in exactly one weekly sample
      for (let j = 0; j < count; j++) specs.push({ id: 1000 + specs.length, grid: 0, item: 'fire', discovered: addDays(day, -30), deadline: addDays(day, -2), closed: addDays(day, 1) })
    })
    return buildLedger([...specs, ...more])
  }

  it('warns yellow (R3) for a lead unit and a district whose overdue count rose two weeks running above its own 75th percentile', () => {
    // 18 weeks back to 06-01: mostly 1 overdue, then 1 → 3 → 4 → 6 (3 rising weeks); 75th percentile 1.75
    const weekly = [6, 4, 3, 1, 1, 2, 1, 1, 1, 0, 1, 1, 1, 2, 1, 1, 1, 1]
    const upcoming: HazardSpec[] = [
      { id: 1, grid: 1, item: 'road_traffic', discovered: '2026-09-20', deadline: '2026-10-07' },
      { id: 2, grid: 1, item: 'road_traffic', discovered: '2026-09-20', deadline: '2026-10-02' },
      { id: 3, grid: 1, item: 'road_traffic', discovered: '2026-09-20', deadline: '2026-10-08' }, // 8 days ahead: not listed
      { id: 4, grid: 1, item: 'road_traffic', discovered: '2026-09-20', deadline: '2026-10-03', closed: '2026-09-29' }, // done already
    ]
    const signals = run(buildUp(weekly, upcoming), AS_OF)
    expect(signals.map((s) => s.key)).toEqual(['overdue|unit:safety|safety_accident|', 'overdue|district:D0||'])
    expect(signals[0]).toMatchObject({
      level: 'yellow', ruleId: 'R3', area: { kind: 'unit', id: 'safety' }, category: 'safety_accident', item: null,
      window: { from: '2026-09-16', to: AS_OF }, observed: 6, expected: 1.8, ratio: 3.43, streak: 3,
      evidence: [1000, 1001, 1002, 1003, 1004, 1005],
      upcoming: [{ id: 2, deadline: '2026-10-02' }, { id: 1, deadline: '2026-10-07' }],
      parameters: { weekAgo: 4, twoWeeksAgo: 3, percentile: 75, p75: 1.8, weeks: 18, minOverdue: 3, upcomingDays: 7, upcomingCount: 2 },
      responsible: { kind: 'lead_unit', id: 'safety' },
    })
    expect(signals[1]).toMatchObject({ area: { kind: 'district', id: 'D0' }, category: null, observed: 6, responsible: { kind: 'district', id: 'D0' } })
  })

  it('needs a rise two weeks running, above the 75th percentile, of at least 3', () => {
    expect(run(buildUp([6, 4, 4, 1, 1, 1, 1, 1]), AS_OF)).toEqual([]) // flat a week
    expect(run(buildUp([6, 5, 4, 6, 6, 7, 6, 6]), AS_OF)).toEqual([]) // not above its own past
    expect(run(buildUp([2, 1, 0, 0, 0, 0, 0, 0]), AS_OF)).toEqual([]) // too few to be a build-up
    expect(run(buildUp([3, 1, 0, 0, 0, 0, 0, 0]), AS_OF).map((s) => s.streak)).toEqual([2, 2])
  })
})
