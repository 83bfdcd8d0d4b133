import { describe, expect, it } from 'vitest'
import { WALL_TREND_BUCKETS, wallCategoryOption, wallInk, wallRankingOption, wallTrendOption } from '../../../web/wall/wall-options'
import { chartTextPx, mapScale, wallUnit } from '../../../web/wall/useWallUnit'
import { makeAreaStat, makeBucket, makeSummary } from '../charts/factories'

/** The options' plain data, as ECharts would read it. */
const plain = (option: unknown) => JSON.parse(JSON.stringify(option)) as Record<string, unknown>
const scale1080 = { unit: wallUnit(1920, 1080), text: chartTextPx(wallUnit(1920, 1080)) }
const scale4k = { unit: wallUnit(3840, 2160), text: chartTextPx(wallUnit(3840, 2160)) }

describe('the wall unit', () => {
  it('is a hundredth of the 16:9 frame: 19.2 px at 1080p, 38.4 px at 4K', () => {
    expect(wallUnit(1920, 1080)).toBe(19.2)
    expect(wallUnit(3840, 2160)).toBe(38.4)
  })

  it('keeps to the frame that fits when the window is not 16:9', () => {
    expect(wallUnit(1920, 1200)).toBe(19.2)
    expect(wallUnit(2560, 1080)).toBe(19.2)
  })

  it('never gives chart text under 14 px, and doubles it at 4K', () => {
    expect(chartTextPx(scale1080.unit)).toBeGreaterThanOrEqual(14)
    expect(chartTextPx(8)).toBe(14)
    expect(chartTextPx(scale4k.unit)).toBe(2 * chartTextPx(scale1080.unit) + 1)
  })
})

describe('the wall charts', () => {
  const buckets = Array.from({ length: 20 }, (_, i) => makeBucket(`2026-${String(1 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 ? '16' : '01'}`, '2026-12-31', { reported: i }))

  it('draw every text in the wall size and light ink', () => {
    for (const spec of [
      wallTrendOption({ buckets, locale: 'zh-CN', texts: { reported: '新发现', closed: '已销号', open: '未销号存量' }, scale: scale1080 }),
      wallCategoryOption({ town: makeSummary(), locale: 'zh-CN', scale: scale1080 }),
      wallRankingOption({ rows: [makeAreaStat('D1')], scale: scale1080 }),
    ]) {
      const text = JSON.stringify(spec.option)
      const sizes = [...text.matchAll(/"fontSize":(\d+)/g)].map((m) => Number(m[1]))
      expect(sizes.length).toBeGreaterThan(0)
      expect(sizes.every((s) => s === scale1080.text)).toBe(true)
      expect(text).not.toContain('#1f2329') // the desk's dark ink would vanish on the wall
    }
  })

  it('show the last half-months of the trend only, labelled without the year', () => {
    const spec = plain(wallTrendOption({ buckets, locale: 'zh-CN', texts: { reported: 'r', closed: 'c', open: 'o' }, scale: scale1080 }).option)
    const labels = (spec['xAxis'] as { data: string[] }).data
    expect(labels).toHaveLength(WALL_TREND_BUCKETS)
    expect(labels.at(-1)).toBe('10月下')
    expect(labels.every((l) => !l.includes('年'))).toBe(true)
  })

  it('put the district beside the town per category while one is on tour, in the highlight', () => {
    const town = makeSummary()
    const alone = plain(wallCategoryOption({ town, locale: 'zh-CN', scale: scale1080 }).option)
    expect((alone['series'] as unknown[]).length).toBe(1)
    const district = makeSummary({ byCategory: { violent_terror: 1, mass_incident: 2, individual_extreme: 3, safety_accident: 4 } })
    const spec = wallCategoryOption({ town, district, locale: 'zh-CN', scale: scale1080 })
    const series = plain(spec.option)['series'] as { data: { value: number; itemStyle: { color: string } }[] }[]
    expect(series).toHaveLength(2)
    // bottom-up axis: the plan's first category (violent_terror) is drawn last, on top
    expect(spec.keys).toEqual(['safety_accident', 'individual_extreme', 'mass_incident', 'violent_terror'])
    expect(series[1]!.data.map((d) => d.value)).toEqual([4, 3, 2, 1])
    expect(series[1]!.data.every((d) => d.itemStyle.color === wallInk.highlight)).toBe(true)
  })

  it('rank districts by open hazards, most on top, the one on tour lit', () => {
    const rows = [makeAreaStat('D1', { name: '一', open: 5 }), makeAreaStat('D2', { name: '二', open: 9 }), makeAreaStat('D3', { name: '三', open: 7 })]
    const spec = wallRankingOption({ rows, current: 'D3', scale: scale1080 })
    expect(spec.keys).toEqual(['D1', 'D3', 'D2'])
    const data = (plain(spec.option)['series'] as { data: { itemStyle: { color: string } }[] }[])[0]!.data
    expect(data.map((d) => d.itemStyle.color === wallInk.highlight)).toEqual([false, true, false])
  })

  it('grow with the screen: twice the sizes at 4K', () => {
    const at = (scale: typeof scale1080) => plain(wallRankingOption({ rows: [makeAreaStat('D1')], scale }).option)
    const grid = (o: Record<string, unknown>) => (o['grid'] as { right: number }).right
    expect(grid(at(scale4k))).toBeCloseTo(2 * grid(at(scale1080)))
  })
})

describe('the map on the wall', () => {
  it('draws at its design size at 1080p and twice as large at 4K', () => {
    expect(mapScale(wallUnit(1920, 1080))).toBe(1)
    expect(mapScale(wallUnit(3840, 2160))).toBe(2)
    expect(mapScale(wallUnit(1280, 720))).toBe(1)
  })
})
