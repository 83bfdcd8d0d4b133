import { describe, expect, it } from 'vitest'
import type { CheckRecord } from '../../../server/domain/check-plans'
import { type DeductionId, type IndicatorId, deductionIds, defaultIndicatorTable, indicatorIds, measureIds, scoreOf } from '../../../server/domain/scorecards'
import type { Hazard } from '../../../server/domain/schemas'
import { readEnv } from '../../../server/env'
import type { Services } from '../../../server/services/context'
import { LedgerIndex } from '../../../server/services/ledger'
import { scorecardRecords } from '../../../server/services/scorecards/drill'
import { figuresOf, ranked, scoreLevel } from '../../../server/services/scorecards/score'
import type { IndexedHazard, SupervisionRecord } from '../../../server/store/types'

/**
 * Scores on a fixture small enough to count by hand: October 2026 judged on 28 November, three
 * villages (V1, V2 in district D1; V3 in D2), one grid cell each, no key sites.
 */

const none = (): Record<IndicatorId, { numerator: number; denominator: number }> =>
  Object.fromEntries(indicatorIds.map((id) => [id, { numerator: 0, denominator: 0 }])) as Record<IndicatorId, { numerator: number; denominator: number }>
const noCounts = (): Record<DeductionId, number> => Object.fromEntries(deductionIds.map((id) => [id, 0])) as Record<DeductionId, number>

describe('scoreOf: the formula', () => {
  it('weighs each rate and renormalises over the indicators with a denominator', () => {
    const f = none()
    f.coverage = { numerator: 3, denominator: 4 }
    f.reported_on_time = { numerator: 1, denominator: 2 }
    // (25 × 0.75 + 15 × 0.5) ÷ 40 × 100 = 65.625 → 65.6; the other four have nothing to count.
    expect(scoreOf(defaultIndicatorTable, f, noCounts())).toBe(65.6)
  })

  it('takes each deduction’s points off, and never goes below 0', () => {
    const f = none()
    f.coverage = { numerator: 1, denominator: 1 }
    const counts = { ...noCounts(), overdue: 3, late_report: 1, false_close_out: 2 }
    expect(scoreOf(defaultIndicatorTable, f, counts)).toBe(100 - 6 - 10 - 10)
    expect(scoreOf(defaultIndicatorTable, f, { ...counts, concealed_report: 9 })).toBe(0)
  })

  it('is null when nothing could be counted, and leaves out an indicator weighted 0', () => {
    expect(scoreOf(defaultIndicatorTable, none(), { ...noCounts(), overdue: 2 })).toBeNull()
    const f = none()
    f.coverage = { numerator: 0, denominator: 2 }
    f.verified_on_time = { numerator: 2, denominator: 2 }
    expect(scoreOf({ ...defaultIndicatorTable, weights: { ...defaultIndicatorTable.weights, coverage: 0 } }, f, noCounts())).toBe(100)
  })

  it('answers each indicator’s rate and renormalised weight, and each deduction’s points', () => {
    const f = none()
    f.coverage = { numerator: 1, denominator: 3 }
    f.rectified_on_time = { numerator: 2, denominator: 2 }
    const row = figuresOf(defaultIndicatorTable, { figures: f, counts: { ...noCounts(), overdue: 2 } })
    expect(row.indicators.slice(0, 3)).toEqual([
      { id: 'coverage', weight: 25, effectiveWeight: 50, numerator: 1, denominator: 3, rate: 0.333 },
      { id: 'rectified_on_time', weight: 25, effectiveWeight: 50, numerator: 2, denominator: 2, rate: 1 },
      { id: 'reported_on_time', weight: 15, effectiveWeight: 0, numerator: 0, denominator: 0, rate: null },
    ])
    expect(row.deductions[0]).toEqual({ id: 'overdue', count: 2, points: 4 })
    // (25 × 1/3 + 25 × 1) ÷ 50 × 100 = 66.67 − 4
    expect(row.score).toBe(62.7)
  })

  it('ranks best first, equal scores sharing a rank, rows without a score last and unranked', () => {
    const rows = [{ id: 'a', score: 50 }, { id: 'b', score: null }, { id: 'c', score: 80 }, { id: 'd', score: 50 }, { id: 'e', score: 10 }]
    expect(ranked(rows).map((r) => [r.id, r.rank])).toEqual([['c', 1], ['a', 2], ['d', 2], ['e', 4], ['b', null]])
  })
})

// ---- the fixture town ----------------------------------------------------------------------------

const areas = [
  { id: 'T', name: '镇', level: 'town' as const, parentId: null, population: null },
  { id: 'D1', name: '一管区', level: 'district' as const, parentId: 'T', population: null },
  { id: 'D2', name: '二管区', level: 'district' as const, parentId: 'T', population: null },
  { id: 'V1', name: '一村', level: 'village' as const, parentId: 'D1', population: null },
  { id: 'V2', name: '二村', level: 'village' as const, parentId: 'D1', population: null },
  { id: 'V3', name: '三村', level: 'village' as const, parentId: 'D2', population: null },
  { id: 'G1', name: '一村网格', level: 'grid' as const, parentId: 'V1', population: null },
  { id: 'G2', name: '二村网格', level: 'grid' as const, parentId: 'V2', population: null },
  { id: 'G3', name: '三村网格', level: 'grid' as const, parentId: 'V3', population: null },
]
const AT = [120.5, 36.5] as [number, number]

/** A hazard of the fixture; times in China, found at 10:00 and reported five minutes later unless given. */
function hazard(id: number, o: { grid?: string; at?: [number, number]; item: string; source?: Hazard['source']; found: string; reported?: string; deadline?: string; rectified?: string; closed?: string; status: Hazard['status'] }) {
  const foundAt = o.found.length === 10 ? `${o.found}T10:00:00+08:00` : o.found
  return {
    id, areaId: o.grid ?? 'G1', item: o.item, status: o.status, level: null, source: o.source ?? 'routine', discoveredAt: foundAt.slice(0, 10),
    deadline: o.deadline ?? null, closedAt: o.closed ?? null, escalated: false, campaignId: null, location: o.at ?? AT,
    foundAt, reportedAt: o.reported ?? foundAt.replace('T10:00', 'T10:05'), rectifiedAt: o.rectified ?? null, siteId: null,
  }
}

const hazards = [
  // on time; met its deadline (rectified 9th, deadline 10th); verified two days later; closed 11 October
  hazard(1, { item: 'fire', found: '2026-10-03', deadline: '2026-10-10', rectified: '2026-10-09', closed: '2026-10-11', status: 'closed' }),
  // reported 27 hours after it was found (迟报); its deadline on the 20th passed unmet (超期); listed, deadline the 25th
  hazard(2, { item: 'road_traffic', found: '2026-10-05T09:00:00+08:00', reported: '2026-10-06T12:00:00+08:00', deadline: '2026-10-20', status: 'rectifying' }),
  // found in September, reported on 2 October, twelve days later (瞒报, counted in October)
  hazard(3, { item: 'food_drug', found: '2026-09-20T09:00:00+08:00', reported: '2026-10-02T09:00:00+08:00', status: 'reported' }),
  // the same item at the same place two weeks after no. 1 was closed (虚假销号), found by the town's round five days after V1's quiet self-check (漏报)
  hazard(4, { item: 'fire', source: 'concentrated', found: '2026-10-25', status: 'reported' }),
  // met its deadline (rectified the 28th, deadline the 31st) but never verified, three days since long over
  hazard(5, { item: 'production', found: '2026-10-12', deadline: '2026-10-31', rectified: '2026-10-28', status: 'rectified' }),
  // V2, a kilometre away: on time; its deadline falls in November
  hazard(6, { grid: 'G2', at: [120.51, 36.5], item: 'fire', found: '2026-10-15', deadline: '2026-11-15', status: 'assigned' }),
]

const check = (id: number, source: string, date: string, villageId: string | null, category: CheckRecord['category'] = null): CheckRecord => ({
  id, source, date, category, villageId, districtId: villageId ? areas.find((a) => a.id === villageId)!.parentId : null, siteId: null, unit: null,
})
const checks: CheckRecord[] = [
  // V1: the weeks ending 4, 11 and 25 October self-checked, the week ending the 18th not; the first half-month's round only
  check(1, 'routine', '2026-10-01', 'V1'), check(2, 'routine', '2026-10-08', 'V1'), check(3, 'routine', '2026-10-20', 'V1'), check(4, 'concentrated', '2026-10-10', 'V1'),
  // V2: every week and both rounds
  ...['2026-10-02', '2026-10-09', '2026-10-16', '2026-10-23'].map((d, i) => check(10 + i, 'routine', d, 'V2')),
  check(20, 'concentrated', '2026-10-12', 'V2'), check(21, 'concentrated', '2026-10-28', 'V2'),
  // the safety unit's focused check of the month; the other three units made none
  check(30, 'focused', '2026-10-15', null, 'safety_accident'),
]
const listing: SupervisionRecord = {
  id: 7, hazardId: 2, listingUnit: 'town', listedBy: 'leader', listedAt: '2026-10-07T02:00:00Z', supervisingUnit: 'safety', deadline: '2026-10-25',
  reason: '挂牌', closedAt: null, closedBy: null, closeNote: null,
}

function fixture(): Services {
  const rows = hazards.map((h) => ({ ...h, code: `H${h.id}`, title: `隐患${h.id}`, category: 'safety_accident', reportedBy: 'grid-V1', villageId: 'V1' }))
  const store = {
    meta: { get: () => undefined },
    sites: { list: () => [] },
    inspections: { checkRecords: (from: string, to: string) => checks.filter((c) => c.date >= from && c.date <= to) },
    hazards: { getMany: (ids: readonly number[]) => rows.filter((h) => ids.includes(h.id)) },
    supervision: { list: ({ deadlineFrom, deadlineTo }: { deadlineFrom: string; deadlineTo: string }) => [listing].filter((l) => l.deadline >= deadlineFrom && l.deadline <= deadlineTo) },
    scorecards: {
      get: () => undefined,
      quietSelfChecks: (from: string, to: string) => [{ id: 3, villageId: 'V1', date: '2026-10-20' }].filter((q) => q.date >= from && q.date <= to),
      unitAccounts: () => new Map(),
      unitReports: () => [],
    },
    // No warnings this October: 预警响应率 has nothing to count (tests/server/warnings/api.test.ts counts it).
    warnings: { list: () => [], actionsUntil: () => [] },
  }
  return {
    env: readEnv({ AS_OF: '2026-11-28' }), store: store as unknown as Services['store'], ledger: new LedgerIndex(areas, hazards as IndexedHazard[]),
    geography: { labels: () => new Map() } as unknown as Services['geography'], today: () => '2026-11-28',
  } as Services
}

/** A row as [score, {indicator: [numerator, denominator]}, {deduction: count}], for comparing with the hand count. */
function brief(r: ReturnType<typeof scoreLevel>[number]) {
  return [
    r.score,
    Object.fromEntries(r.indicators.filter((i) => i.denominator > 0).map((i) => [i.id, [i.numerator, i.denominator]])),
    Object.fromEntries(r.deductions.filter((d) => d.count > 0).map((d) => [d.id, d.count])),
  ]
}

describe('scorecards counted from the ledger (October 2026, by hand)', () => {
  const s = fixture()
  const at = (level: 'village' | 'district' | 'unit') => new Map(scoreLevel(s, '2026-10', level, defaultIndicatorTable, new Map()).map((r) => [r.id, r]))

  it('a village: each indicator and deduction as counted by hand', () => {
    const v = at('village')
    // coverage 4 of 6 (4 weeks ending in October + 2 rounds); deadlines 10th met, 20th not, 31st met; found in October:
    // nos. 1, 4, 5 on time, no. 2 late; rectified in October: no. 1 verified in 2 days, no. 5 not in 3; the listing's
    // deadline passed with no. 2 open. (25 × 4/6 + 25 × 2/3 + 15 × 3/4 + 15 × 1/2 + 10 × 0) ÷ 90 × 100 = 57.87,
    // less 2 (overdue) + 10 (late) + 10 (missed) + 10 (concealed) + 5 (reopened) = 20.87.
    expect(brief(v.get('V1')!)).toEqual([
      20.9,
      { coverage: [4, 6], rectified_on_time: [2, 3], reported_on_time: [3, 4], verified_on_time: [1, 2], supervision_done: [0, 1] },
      { overdue: 1, late_report: 1, missed_report: 1, concealed_report: 1, false_close_out: 1 },
    ])
    // every check done, one report on time: 100. No check at all: coverage 0 is its only figure.
    expect(brief(v.get('V2')!)).toEqual([100, { coverage: [6, 6], reported_on_time: [1, 1] }, {}])
    expect(brief(v.get('V3')!)).toEqual([0, { coverage: [0, 6] }, {}])
    expect([...v.values()].map((r) => [r.id, r.rank, r.redList])).toEqual([['V2', 1, false], ['V1', 2, true], ['V3', 3, true]])
  })

  it('a district: its villages’ figures added up, its deductions their mean per village', () => {
    const d = at('district')
    // (25 × 10/12 + 25 × 2/3 + 15 × 4/5 + 15 × 1/2 + 0) ÷ 90 × 100 = 63.33, less 37 ÷ 2 villages = 18.5
    expect(brief(d.get('D1')!)).toEqual([
      44.8,
      { coverage: [10, 12], rectified_on_time: [2, 3], reported_on_time: [4, 5], verified_on_time: [1, 2], supervision_done: [0, 1] },
      { overdue: 1, late_report: 1, missed_report: 1, concealed_report: 1, false_close_out: 1 },
    ])
    expect(d.get('D1')!.deductions.map((x) => x.points)).toEqual([1, 5, 5, 5, 2.5])
    expect(brief(d.get('D2')!)).toEqual([0, { coverage: [0, 6] }, {}])
  })

  it('a lead unit: the hazards of its category, its focused check; reports only its own accounts’, and no 漏报', () => {
    const u = at('unit')
    // (25 × 1 + 25 × 2/3 + 15 × 1/2 + 10 × 0) ÷ 75 × 100 = 65.56, less 2 (overdue) + 5 (reopened)
    expect(brief(u.get('safety')!)).toEqual([
      58.6, { coverage: [1, 1], rectified_on_time: [2, 3], verified_on_time: [1, 2], supervision_done: [0, 1] }, { overdue: 1, false_close_out: 1 },
    ])
    expect(brief(u.get('police')!)).toEqual([0, { coverage: [0, 1] }, {}])
  })

  it('every figure of every row equals the number of its drill-down records', () => {
    const leader = { role: 'leader' as const, username: 'leader' }
    for (const level of ['village', 'district', 'unit'] as const)
      for (const row of at(level).values())
        for (const measure of measureIds) {
          const drill = scorecardRecords(s, leader, { month: '2026-10', level, id: row.id, measure })
          const figure = row.indicators.find((i) => i.id === measure)
          const counted = drill.records.filter((r) => r.counted).length
          if (figure) expect([level, row.id, measure, counted, drill.records.length]).toEqual([level, row.id, measure, figure.numerator, figure.denominator])
          else expect([level, row.id, measure, drill.records.length]).toEqual([level, row.id, measure, row.deductions.find((d) => d.id === measure)!.count])
        }
  })

  it('names the records: the reopened close-out, the missed week, the concealed report', () => {
    const leader = { role: 'leader' as const, username: 'leader' }
    const drill = (measure: Parameters<typeof scorecardRecords>[2]['measure']) => scorecardRecords(s, leader, { month: '2026-10', level: 'village', id: 'V1', measure }).records
    expect(drill('false_close_out')).toEqual([{ kind: 'hazard', id: '1', hazardId: 1, label: 'H1 隐患1', date: '2026-10-25', counted: true, note: 'reopened' }])
    expect(drill('concealed_report').map((r) => [r.id, r.date, r.note])).toEqual([['3', '2026-10-02', 'concealed']])
    expect(drill('coverage').filter((r) => !r.counted).map((r) => r.id)).toEqual(['self_check:V1:2026-10-12', 'round:V1:2026-10-16'])
    expect(drill('supervision_done')).toEqual([{ kind: 'supervision', id: '7', hazardId: 2, label: 'H2 隐患2', date: '2026-10-25', counted: false, note: 'not_closed_by_deadline' }])
  })
})
