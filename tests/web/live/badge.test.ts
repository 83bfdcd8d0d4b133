import { describe, expect, it } from 'vitest'
import { asOfLabel } from '../../../web/live/useLiveBadge'

describe('the as-of label', () => {
  const now = new Date(2026, 5, 15, 16, 30, 0)

  it('shows only the time, on a 24-hour clock, for today', () => {
    expect(asOfLabel(new Date(2026, 5, 15, 16, 5, 12).toISOString(), 'zh-CN', now)).toBe('16:05:12')
    expect(asOfLabel(new Date(2026, 5, 15, 9, 5, 2).toISOString(), 'en', now)).toBe('09:05:02')
  })

  it('adds the date when the data is from another day', () => {
    const label = asOfLabel(new Date(2026, 5, 14, 23, 59, 59).toISOString(), 'zh-CN', now)
    expect(label).toMatch(/6月14日 23:59:59$/)
  })
})
