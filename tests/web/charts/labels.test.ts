import { describe, expect, it } from 'vitest'
import { dayLabel, fullDayLabel, halfMonthLabel, percent } from '../../../web/charts/labels'

describe('dates, half-months and rates on screen', () => {
  it('writes a day with its year in either language', () => {
    expect(fullDayLabel('2026-03-05', 'zh-CN')).toBe('2026年3月5日')
    expect(fullDayLabel('2026-03-05', 'en')).toBe('5 Mar 2026')
  })

  it('writes a day within the year short', () => {
    expect(dayLabel('2026-06-01', 'zh-CN')).toBe('6月1日')
    expect(dayLabel('2026-06-01', 'en')).toBe('1 Jun')
  })

  it('names a half-month by the day it starts on', () => {
    expect(halfMonthLabel('2026-06-01', 'zh-CN', false)).toBe('6月上')
    expect(halfMonthLabel('2026-06-16', 'zh-CN', false)).toBe('6月下')
    expect(halfMonthLabel('2026-06-16', 'en', true)).toBe('Jun H2 2026')
  })

  it('writes a rate as a percentage with at most one decimal', () => {
    expect(percent(0.894)).toBe('89.4%')
    expect(percent(0.89449)).toBe('89.4%')
    expect(percent(1)).toBe('100%')
    expect(percent(0)).toBe('0%')
  })
})
