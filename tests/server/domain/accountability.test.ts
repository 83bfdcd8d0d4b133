import { describe, expect, it } from 'vitest'
import { defaultLimits, metresBetween, missedBy, reopens, reportDelayHours, reportTimeliness } from '../../../server/domain/accountability'

describe('report timeliness (上报及时率, 迟报, 瞒报)', () => {
  it('counts hours from found to reported, across time zones, never below zero', () => {
    expect(reportDelayHours('2026-05-01T09:00:00+08:00', '2026-05-01T10:30:00+08:00')).toBe(1.5)
    expect(reportDelayHours('2026-05-01T09:00:00+08:00', '2026-05-01T01:00:00Z')).toBe(0)
    expect(reportDelayHours('2026-05-01T09:00:00+08:00', '2026-05-01T00:00:00Z')).toBe(0)
  })

  it('is on time up to the limit, late beyond it, concealed beyond a week', () => {
    expect(reportTimeliness(24, defaultLimits)).toBe('on_time')
    expect(reportTimeliness(24.01, defaultLimits)).toBe('late')
    expect(reportTimeliness(7 * 24, defaultLimits)).toBe('late')
    expect(reportTimeliness(7 * 24 + 1, defaultLimits)).toBe('concealed')
    expect(reportTimeliness(30, { ...defaultLimits, reportLimitHours: 48 })).toBe('on_time')
  })
})

describe('reopenings (虚假销号 suspected)', () => {
  const closed = { item: 'fire_private_wiring', location: [119.96, 36.78] as const, siteId: null, closedAt: '2026-05-01' }
  // 0.0004° of latitude ≈ 44 m; 0.0006° ≈ 67 m
  const near = { item: 'fire_private_wiring', location: [119.96, 36.7804] as const, siteId: null, discoveredAt: '2026-06-10' }

  it('is the same item back within 50 m within 60 days of the close-out', () => {
    expect(metresBetween(closed.location, near.location)).toBeCloseTo(44.5, 0)
    expect(reopens(closed, near)).toBe(true)
    expect(reopens(closed, { ...near, discoveredAt: '2026-05-01' })).toBe(true)
    expect(reopens(closed, { ...near, discoveredAt: '2026-06-30' })).toBe(true)
  })

  it('is not another item, a place farther away, a find after 60 days or one before the close-out', () => {
    expect(reopens(closed, { ...near, item: 'fire_gas_cylinder' })).toBe(false)
    expect(reopens(closed, { ...near, location: [119.96, 36.7806] })).toBe(false)
    expect(reopens(closed, { ...near, discoveredAt: '2026-07-01' })).toBe(false)
    expect(reopens(closed, { ...near, discoveredAt: '2026-04-30' })).toBe(false)
  })

  it('counts the same key site however far apart the two points were placed', () => {
    expect(reopens({ ...closed, siteId: 'S1' }, { ...near, location: [119.97, 36.79], siteId: 'S1' })).toBe(true)
    expect(reopens({ ...closed, siteId: 'S1' }, { ...near, location: [119.97, 36.79], siteId: 'S2' })).toBe(false)
  })
})

describe('missed by a check (漏查, 漏报)', () => {
  const check = { villageId: 'v1', date: '2026-05-01', hazardsFound: 0 }
  const found = { villageId: 'v1', discoveredAt: '2026-05-10', source: 'concentrated' as const }

  it('is a village check that found nothing, then others found a hazard there within 14 days', () => {
    expect(missedBy(check, found)).toBe(true)
    expect(missedBy(check, { ...found, discoveredAt: '2026-05-15', source: 'public_report' })).toBe(true)
    expect(missedBy(check, { ...found, source: 'concentrated', discoveredAt: '2026-05-01' })).toBe(true)
  })

  it("is not a check that recorded hazards, the village's own later find, another village or a later day", () => {
    expect(missedBy({ ...check, hazardsFound: 1 }, found)).toBe(false)
    expect(missedBy(check, { ...found, source: 'routine' })).toBe(false)
    // a lead unit's specialist focused check finds what a village's self-check is not expected to
    expect(missedBy(check, { ...found, source: 'focused' })).toBe(false)
    expect(missedBy(check, { ...found, villageId: 'v2' })).toBe(false)
    expect(missedBy(check, { ...found, discoveredAt: '2026-05-16' })).toBe(false)
    expect(missedBy(check, { ...found, discoveredAt: '2026-04-30' })).toBe(false)
  })
})
