import { describe, expect, it } from 'vitest'
import { addDays, clampDate, defaultCampaignStart, nextStep, toDayNumber } from '../../../web/desk/campaign-time'

describe('replay steps', () => {
  it('goes from the first half of a month to its 15th', () => {
    expect(nextStep('2026-02-01', 'half-month')).toBe('2026-02-15')
    expect(nextStep('2026-02-14', 'half-month')).toBe('2026-02-15')
  })

  it('goes from the 15th to the month’s last day, leap years included', () => {
    expect(nextStep('2026-02-15', 'half-month')).toBe('2026-02-28')
    expect(nextStep('2028-02-20', 'half-month')).toBe('2028-02-29')
    expect(nextStep('2025-06-16', 'half-month')).toBe('2025-06-30')
  })

  it('goes from a month’s last day to the next month’s 15th, across the year', () => {
    expect(nextStep('2026-01-31', 'half-month')).toBe('2026-02-15')
    expect(nextStep('2025-12-31', 'half-month')).toBe('2026-01-15')
  })

  it('steps a week at a time across months', () => {
    expect(nextStep('2026-01-28', 'week')).toBe('2026-02-04')
  })
})

describe('calendar helpers', () => {
  it('adds days across a year boundary and back', () => {
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02')
    expect(addDays('2026-01-02', -3)).toBe('2025-12-30')
  })

  it('counts days between dates whatever the local time zone', () => {
    expect(toDayNumber('2026-06-15') - toDayNumber('2025-06-16')).toBe(364)
  })

  it('holds a date within the campaign', () => {
    expect(clampDate('2025-01-01', '2025-06-16', '2026-06-15')).toBe('2025-06-16')
    expect(clampDate('2027-01-01', '2025-06-16', '2026-06-15')).toBe('2026-06-15')
    expect(clampDate('2026-01-01', '2025-06-16', '2026-06-15')).toBe('2026-01-01')
  })

  it('starts a replay a year back when the campaign start is not known', () => {
    expect(defaultCampaignStart('2026-06-15')).toBe('2025-06-16')
  })
})
