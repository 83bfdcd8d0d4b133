import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../../server/domain/accountability'
import { type FlaggedHazard, daysOverdue, flagsOf, parseLonLat, windowOf } from '../../../server/domain/traceback'

/** A hazard as the flags read it: found and reported on the same morning, open, no deadline. */
const hazard = (id: number, over: Partial<FlaggedHazard> = {}): FlaggedHazard => ({
  id, item: 'fire', location: [117, 36], siteId: null, villageId: 'v1', source: 'routine', status: 'reported',
  discoveredAt: '2026-10-01', deadline: null, rectifiedAt: null, closedAt: null,
  foundAt: '2026-10-01T09:00:00+08:00', reportedAt: '2026-10-01T10:00:00+08:00', ...over,
})
const run = (over: Partial<Parameters<typeof flagsOf>[0]>) => flagsOf({ checks: [], selfChecks: [], hazards: [], limits: defaultLimits, today: '2026-11-28', ...over })

describe('the trace-back window and place', () => {
  it('looks back whole calendar months, to the month’s last day when it is shorter', () => {
    expect(windowOf('2026-11-28', 3)).toEqual({ from: '2026-08-28', to: '2026-11-28' })
    expect(windowOf('2026-05-31', 3)).toEqual({ from: '2026-02-28', to: '2026-05-31' })
    expect(windowOf('2026-01-15', 12)).toEqual({ from: '2025-01-15', to: '2026-01-15' })
  })

  it('reads lon,lat and nothing else', () => {
    expect(parseLonLat('117.02,36.65')).toEqual([117.02, 36.65])
    expect(parseLonLat(' 117.02 , 36.65 ')).toEqual([117.02, 36.65])
    for (const bad of ['117.02', '117,36,1', 'a,b', ',36', '181,0', '0,91']) expect(parseLonLat(bad), bad).toBeUndefined()
  })
})

describe('the flags', () => {
  it('超期: days past the deadline to the rectification, or to today while not rectified', () => {
    expect(daysOverdue({ deadline: '2026-11-20', rectifiedAt: '2026-11-25', closedAt: null, status: 'rectified' }, '2026-11-28')).toBe(5)
    expect(daysOverdue({ deadline: '2026-11-20', rectifiedAt: null, closedAt: null, status: 'rectifying' }, '2026-11-28')).toBe(8)
    expect(daysOverdue({ deadline: '2026-11-20', rectifiedAt: '2026-11-19', closedAt: '2026-11-21', status: 'closed' }, '2026-11-28')).toBe(0)
    expect(daysOverdue({ deadline: null, rectifiedAt: null, closedAt: null, status: 'assigned' }, '2026-11-28')).toBe(0)
  })

  it('未查 for each check not done, by its index', () => {
    expect(run({ checks: [{ done: true }, { done: false }, { done: false }] }).map((f) => [f.kind, f.check])).toEqual([['unchecked', 1], ['unchecked', 2]])
  })

  it('漏查 pairs a self-check that found nothing with a hazard others found in its village within 14 days', () => {
    const checks = [{ id: 7, villageId: 'v1', date: '2026-10-01', hazardsFound: 0 }, { id: 8, villageId: 'v1', date: '2026-10-01', hazardsFound: 2 }]
    const hazards = [
      hazard(1, { source: 'concentrated', discoveredAt: '2026-10-15' }),
      hazard(2, { source: 'concentrated', discoveredAt: '2026-10-16' }),
      hazard(3, { source: 'routine', discoveredAt: '2026-10-05' }),
      hazard(4, { source: 'public_report', discoveredAt: '2026-10-03', villageId: 'v2' }),
    ]
    expect(run({ selfChecks: checks, hazards }).filter((f) => f.kind === 'missed').map((f) => [f.inspectionIds, f.hazardIds])).toEqual([[[7], [1]]])
  })

  it('虚假销号 pairs a close-out with the same item back within 50 m and 60 days, closed one first', () => {
    const closed = hazard(1, { status: 'closed', closedAt: '2026-10-10' })
    const hazards = [
      closed,
      hazard(2, { discoveredAt: '2026-12-09' }),
      hazard(3, { discoveredAt: '2026-12-10' }),
      hazard(4, { discoveredAt: '2026-10-20', item: 'gas' }),
      hazard(5, { discoveredAt: '2026-10-20', location: [117.001, 36] }),
    ]
    expect(run({ hazards }).filter((f) => f.kind === 'false_closeout').map((f) => [f.hazardIds, f.amount])).toEqual([[[1, 2], 60]])
  })

  it('迟报 beyond 24 hours, concealed beyond 7 days, with the hours', () => {
    const hazards = [
      hazard(1, { reportedAt: '2026-10-02T09:00:00+08:00' }),
      hazard(2, { reportedAt: '2026-10-02T09:30:00+08:00' }),
      hazard(3, { reportedAt: '2026-10-09T09:30:00+08:00' }),
    ]
    expect(run({ hazards }).map((f) => [f.kind, f.hazardIds[0], f.amount, f.timeliness])).toEqual([
      ['late_report', 2, 24.5, 'late'],
      ['late_report', 3, 192.5, 'concealed'],
    ])
  })
})
