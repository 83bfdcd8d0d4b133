import { describe, expect, it } from 'vitest'
import { categoryOption, levelOption, sourceOption } from '../../../web/charts/breakdown-option'
import { categoryColors } from '../../../web/charts/palette'
import type { ChartSpec } from '../../../web/charts/types'
import { riskLevels } from '../../../server/domain/levels'
import { makeSummary } from './factories'

type Bar = { value: number; name: string; itemStyle: { color: string; opacity: number } }
/** Rows top to bottom, as the reader sees them (the category axis runs bottom-up). */
function rows(spec: ChartSpec) {
  const bars = [...((spec.option.series as { data: Bar[] }[])[0]!.data)].reverse()
  const keys = [...spec.keys!].reverse()
  return bars.map((b, i) => ({ key: keys[i], name: b.name, value: b.value, color: b.itemStyle.color, dimmed: b.itemStyle.opacity < 1 }))
}

describe('the category chart', () => {
  it('has one bar a category in the plan’s order, named in Chinese, keyed by id for clicks', () => {
    const shown = rows(categoryOption({ summary: makeSummary(), locale: 'zh-CN' }))
    expect(shown.map((r) => [r.key, r.name, r.value])).toEqual([
      ['violent_terror', '暴力恐怖事件', 10],
      ['mass_incident', '群体性事件', 20],
      ['individual_extreme', '个人极端事件', 30],
      ['safety_accident', '安全事故', 40],
    ])
    expect(shown[0]!.color).toBe(categoryColors.violent_terror)
  })

  it('names categories in English when asked', () => {
    expect(rows(categoryOption({ summary: makeSummary(), locale: 'en' }))[3]!.name).toBe('Safety accident')
  })

  it('dims the categories not chosen, and none when none is chosen', () => {
    const chosen = rows(categoryOption({ summary: makeSummary(), locale: 'zh-CN', chosen: ['mass_incident'] }))
    expect(chosen.filter((r) => !r.dimmed).map((r) => r.key)).toEqual(['mass_incident'])
    expect(rows(categoryOption({ summary: makeSummary(), locale: 'zh-CN', chosen: [] })).some((r) => r.dimmed)).toBe(false)
  })

  it('keeps a category with no hazards in its place, at zero', () => {
    const byCategory = { violent_terror: 0, mass_incident: 0, individual_extreme: 0, safety_accident: 3 }
    const shown = rows(categoryOption({ summary: makeSummary({ byCategory }), locale: 'zh-CN' }))
    expect(shown.map((r) => r.value)).toEqual([0, 0, 0, 3])
  })
})

describe('the level chart', () => {
  it('shows the four colours most severe first, then the unassessed in grey', () => {
    const shown = rows(levelOption({ summary: makeSummary(), locale: 'zh-CN' }))
    expect(shown.map((r) => [r.key, r.name, r.value])).toEqual([
      ['major', '重大', 5],
      ['significant', '较大', 15],
      ['general', '一般', 40],
      ['low', '低', 30],
      ['unassessed', '未研判', 10],
    ])
    expect(shown.slice(0, 4).map((r) => r.color)).toEqual([riskLevels.major.color, riskLevels.significant.color, riskLevels.general.color, riskLevels.low.color])
  })

  it('dims the unassessed with the levels not chosen once a level is chosen', () => {
    const shown = rows(levelOption({ summary: makeSummary(), locale: 'zh-CN', chosen: ['major'] }))
    expect(shown.filter((r) => r.dimmed).map((r) => r.key)).toEqual(['significant', 'general', 'low', 'unassessed'])
  })
})

describe('the source chart', () => {
  it('has one bar a way of finding hazards, keyed by source id', () => {
    const shown = rows(sourceOption({ summary: makeSummary(), locale: 'zh-CN' }))
    expect(shown.map((r) => [r.key, r.name, r.value])).toEqual([
      ['routine', '经常性自查', 50],
      ['concentrated', '集中性排查', 30],
      ['focused', '重点性排查', 15],
      ['public_report', '群众举报', 5],
    ])
  })
})
