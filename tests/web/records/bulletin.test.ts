import { describe, expect, it } from 'vitest'
import type { BulletinRow } from '../../../web/api/bulletins'
import { monthParam, rankedRows } from '../../../web/records/bulletin'

const row = (name: string, rank: number): BulletinRow => ({
  areaId: name, code: name, name, districtId: null, districtName: null, found: 0, closed: 0, openAtStart: 0, closeRate: null, overdue: 0, escalated: 0, coverage: null, rank,
})

describe('ranked rows', () => {
  it('orders by rank, then by name where ranks tie', () => {
    expect(rankedRows([row('乙', 2), row('丙', 1), row('甲', 2)]).map((r) => r.name)).toEqual(['丙', ...['乙', '甲'].sort((a, b) => a.localeCompare(b, 'zh-CN'))])
  })
})

describe('month in the route', () => {
  it('accepts YYYY-MM', () => {
    expect(monthParam('2026-05')).toBe('2026-05')
  })

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-5', '202605', ['2026-05'], undefined]) expect(monthParam(bad)).toBeUndefined()
  })
})
