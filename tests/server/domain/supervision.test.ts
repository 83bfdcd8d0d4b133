import { describe, expect, it } from 'vitest'
import {
  closedOnTime, daysLeft, isLateRequest, lastDayToAsk, listRefusal, listingUnitOf, mayAsk, mayDecide, newDeadlineRefusal, speaksFor,
} from '../../../server/domain/supervision'

/** 挂牌督办's rules, each by hand: who lists, what is listed, who asks and decides, the notice. */
const fire = { category: 'safety_accident', leadUnit: 'safety', districtId: 'd1', villageId: 'v1' } as const

describe('listing', () => {
  it('the leader lists for the town, a lead unit in its own name and only its own category', () => {
    expect(listingUnitOf({ role: 'leader' }, fire)).toBe('town')
    expect(listingUnitOf({ role: 'lead_unit', leadUnit: 'safety' }, fire)).toBe('safety')
    expect(listingUnitOf({ role: 'lead_unit', leadUnit: 'police' }, fire)).toBeUndefined()
    for (const role of ['district', 'grid', 'analyst', 'admin', 'wall'] as const) expect(listingUnitOf({ role }, fire)).toBeUndefined()
  })

  it('only a major hazard not closed out and not listed already', () => {
    expect(listRefusal({ category: 'safety_accident', level: 'major', status: 'assigned' }, false)).toBeUndefined()
    expect(listRefusal({ category: 'safety_accident', level: 'significant', status: 'assigned' }, false)).toBe('not_major')
    expect(listRefusal({ category: 'safety_accident', level: null, status: 'reported' }, false)).toBe('not_major')
    expect(listRefusal({ category: 'safety_accident', level: 'major', status: 'closed' }, false)).toBe('closed')
    expect(listRefusal({ category: 'safety_accident', level: 'major', status: 'rectifying' }, true)).toBe('listed')
  })

  it('the listing unit speaks for its listing: the leader for the town, a lead unit for itself', () => {
    expect(speaksFor({ role: 'leader' }, 'town')).toBe(true)
    expect(speaksFor({ role: 'leader' }, 'safety')).toBe(false)
    expect(speaksFor({ role: 'lead_unit', leadUnit: 'safety' }, 'safety')).toBe(true)
    expect(speaksFor({ role: 'lead_unit', leadUnit: 'safety' }, 'town')).toBe(false)
  })
})

describe('extensions', () => {
  it('the responsible side asks: the hazard’s district, its village, its lead unit', () => {
    expect(mayAsk({ role: 'district', areaId: 'd1' }, fire)).toBe(true)
    expect(mayAsk({ role: 'district', areaId: 'd2' }, fire)).toBe(false)
    expect(mayAsk({ role: 'grid', areaId: 'v1' }, fire)).toBe(true)
    expect(mayAsk({ role: 'grid', areaId: 'v2' }, fire)).toBe(false)
    expect(mayAsk({ role: 'lead_unit', leadUnit: 'safety' }, fire)).toBe(true)
    expect(mayAsk({ role: 'lead_unit', leadUnit: 'police' }, fire)).toBe(false)
    expect(mayAsk({ role: 'leader' }, fire)).toBe(false)
  })

  it('the listing unit decides; a hazard not listed, its lead unit or the leader', () => {
    expect(mayDecide({ role: 'leader' }, fire, 'town')).toBe(true)
    expect(mayDecide({ role: 'lead_unit', leadUnit: 'safety' }, fire, 'town')).toBe(false)
    expect(mayDecide({ role: 'leader' }, fire, 'safety')).toBe(false)
    expect(mayDecide({ role: 'lead_unit', leadUnit: 'safety' }, fire, 'safety')).toBe(true)
    expect(mayDecide({ role: 'leader' }, fire, null)).toBe(true)
    expect(mayDecide({ role: 'lead_unit', leadUnit: 'safety' }, fire, null)).toBe(true)
    expect(mayDecide({ role: 'lead_unit', leadUnit: 'police' }, fire, null)).toBe(false)
    expect(mayDecide({ role: 'district', areaId: 'd1' }, fire, null)).toBe(false)
  })

  it('the notice: with a deadline on the 20th and three days, the 17th is the last day to ask', () => {
    expect(lastDayToAsk('2026-06-20', 3)).toBe('2026-06-17')
    expect(isLateRequest('2026-06-17', '2026-06-20', 3)).toBe(false)
    expect(isLateRequest('2026-06-18', '2026-06-20', 3)).toBe(true)
    expect(isLateRequest('2026-06-20', '2026-06-20', 0)).toBe(false)
    expect(isLateRequest('2026-06-21', '2026-06-20', 0)).toBe(true)
    // Across a month's end.
    expect(lastDayToAsk('2026-03-02', 3)).toBe('2026-02-27')
  })

  it('a new deadline must come after the current one', () => {
    expect(newDeadlineRefusal('2026-06-20', '2026-06-21')).toBeUndefined()
    expect(newDeadlineRefusal('2026-06-20', '2026-06-20')).toBe('not_later')
    expect(newDeadlineRefusal('2026-06-20', '2026-06-01')).toBe('not_later')
  })
})

describe('days left and on time', () => {
  it('counts whole days, negative once overdue; on time when closed out by the deadline', () => {
    expect(daysLeft('2026-06-20', '2026-06-15')).toBe(5)
    expect(daysLeft('2026-06-20', '2026-06-20')).toBe(0)
    expect(daysLeft('2026-06-20', '2026-06-23')).toBe(-3)
    expect(closedOnTime('2026-06-20', '2026-06-20')).toBe(true)
    expect(closedOnTime('2026-06-21', '2026-06-20')).toBe(false)
    expect(closedOnTime(null, '2026-06-20')).toBeNull()
  })
})
