import { describe, expect, it } from 'vitest'
import { lastEndedMonth, monthsUpTo, percent, previousMonth } from '../../../web/records/format'

describe('percent', () => {
  it('rounds a rate to whole percent by default', () => {
    expect(percent(0.8125)).toBe('81%')
    expect(percent(1)).toBe('100%')
  })

  it('keeps one decimal when asked', () => {
    expect(percent(0.8125, 1)).toBe('81.3%')
  })

  it('shows a dash where there was nothing to count', () => {
    expect(percent(null)).toBe('—')
    expect(percent(undefined)).toBe('—')
    expect(percent(Number.NaN)).toBe('—')
  })
})

describe('months', () => {
  it('steps back across a year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12')
    expect(previousMonth('2026-10')).toBe('2026-09')
  })

  it('lists months newest first, from today back to the first month', () => {
    expect(monthsUpTo('2026-03-09', '2025-12')).toEqual(['2026-03', '2026-02', '2026-01', '2025-12'])
  })

  it('stops at the limit when no first month is known', () => {
    expect(monthsUpTo('2026-03-09', undefined, 2)).toEqual(['2026-03', '2026-02'])
  })

  it('names the last ended month, whose bulletin is frozen', () => {
    expect(lastEndedMonth('2026-06-15')).toBe('2026-05')
    expect(lastEndedMonth('2026-01-01')).toBe('2025-12')
  })
})
