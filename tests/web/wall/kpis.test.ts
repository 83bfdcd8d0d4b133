import { describe, expect, it } from 'vitest'
import { districtCoverage, formatCount, kpiValue, wallKpiKeys, wallKpis } from '../../../web/wall/useWallKpis'
import { makeSummary } from '../charts/factories'

const coverage = {
  villages: [
    { villageId: 'V1', name: '一村', districtId: 'D1', inspected: true, inspections: 2, lastDate: '2026-06-03' },
    { villageId: 'V2', name: '二村', districtId: 'D1', inspected: false, inspections: 0, lastDate: null },
    { villageId: 'V3', name: '三村', districtId: 'D2', inspected: true, inspections: 1, lastDate: '2026-06-05' },
  ],
}

describe('the wall figures', () => {
  it('are the six the issue names, in reading order', () => {
    expect(wallKpiKeys).toEqual(['found', 'open', 'closeRate', 'overdue', 'escalated', 'coverage'])
  })

  it('group thousands and show rates as percentages with at most one decimal', () => {
    const summary = makeSummary({ total: 30_012, open: 1_309, closeRate: 0.8966, overdue: 25, escalated: 146 })
    const figures = { summary, coverage: { covered: 27, total: 28, rate: 27 / 28 } }
    expect(wallKpiKeys.map((k) => kpiValue(k, figures, 'zh-CN'))).toEqual(['30,012', '1,309', '89.7%', '25', '146', '96.4%'])
    expect(formatCount(1234567, 'en')).toBe('1,234,567')
  })

  it('show a dash for what has not come yet', () => {
    expect(kpiValue('found', {}, 'zh-CN')).toBe('–')
    expect(kpiValue('coverage', { summary: makeSummary() }, 'zh-CN', '—')).toBe('—')
  })

  it('set the district beside the town only while a district is on tour', () => {
    const town = { summary: makeSummary({ open: 300 }) }
    expect(wallKpis(town, undefined, 'zh-CN').every((k) => k.district === undefined)).toBe(true)
    const paired = wallKpis(town, { summary: makeSummary({ open: 42 }) }, 'zh-CN')
    expect(paired.find((k) => k.key === 'open')).toMatchObject({ town: '300', district: '42', label: 'wall.kpi.open', tone: 'warn' })
  })

  it('count a district coverage over its own villages only', () => {
    expect(districtCoverage(coverage, 'D1')).toEqual({ covered: 1, total: 2, rate: 0.5 })
    expect(districtCoverage(coverage, 'D9')).toEqual({ covered: 0, total: 0, rate: 0 })
  })
})
