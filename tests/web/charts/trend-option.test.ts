import { describe, expect, it } from 'vitest'
import { bucketIndexOf, trendOption } from '../../../web/charts/trend-option'
import { makeBucket } from './factories'

const texts = { reported: '新登记', closed: '已销号', open: '在办存量' }
const buckets = [
  makeBucket('2025-12-16', '2025-12-31', { reported: 12, closed: 3, openAtEnd: 40 }),
  makeBucket('2026-01-01', '2026-01-15', { reported: 8, closed: 9, openAtEnd: 39 }),
  makeBucket('2026-01-16', '2026-01-31', { reported: 5, closed: 7, openAtEnd: 37 }),
]

type Series = { type: string; name: string; data: ({ value: number; itemStyle?: { borderWidth?: number }; symbolSize?: number })[] }
const seriesOf = (option: ReturnType<typeof trendOption>['option']) => option.series as Series[]

describe('the trend chart', () => {
  it('draws reported and closed as bars and the backlog as a line, bucket by bucket', () => {
    const series = seriesOf(trendOption({ buckets, locale: 'zh-CN', texts }).option)
    expect(series.map((s) => [s.type, s.name])).toEqual([['bar', '新登记'], ['bar', '已销号'], ['line', '在办存量']])
    expect(series.map((s) => s.data.map((d) => d.value))).toEqual([[12, 8, 5], [3, 9, 7], [40, 39, 37]])
  })

  it('names half-months as the plan does, with the year where the axis or a year starts', () => {
    const axis = trendOption({ buckets, locale: 'zh-CN', texts }).option.xAxis as { data: string[] }
    expect(axis.data).toEqual(['2025年12月下', '2026年1月上', '1月下'])
    const en = trendOption({ buckets, locale: 'en', texts }).option.xAxis as { data: string[] }
    expect(en.data).toEqual(['Dec H2 2025', 'Jan H1 2026', 'Jan H2'])
  })

  it('outlines the half-month holding the replay date and nothing else', () => {
    const series = seriesOf(trendOption({ buckets, locale: 'zh-CN', texts, marker: '2026-01-10' }).option)
    expect(series[0]!.data.map((d) => d.itemStyle?.borderWidth ?? 0)).toEqual([0, 2, 0])
    expect(series[2]!.data.map((d) => d.symbolSize)).toEqual([undefined, 10, undefined])
  })

  it('outlines nothing when the date lies outside the trend', () => {
    const series = seriesOf(trendOption({ buckets, locale: 'zh-CN', texts, marker: '2027-01-01' }).option)
    expect(series[0]!.data.every((d) => !d.itemStyle?.borderWidth)).toBe(true)
  })

  it('finds the bucket holding a date, inclusive at both ends', () => {
    expect(bucketIndexOf(buckets, '2025-12-16')).toBe(0)
    expect(bucketIndexOf(buckets, '2026-01-15')).toBe(1)
    expect(bucketIndexOf(buckets, '2026-02-01')).toBe(-1)
  })

  it('draws an empty period without failing', () => {
    expect(seriesOf(trendOption({ buckets: [], locale: 'zh-CN', texts }).option)[0]!.data).toEqual([])
  })
})
