import { describe, expect, it } from 'vitest'
import { rankAreas, rankingOption } from '../../../web/charts/ranking-option'
import { missedVillages } from '../../../web/charts/coverage'
import { makeAreaStat } from './factories'

const areas = [
  makeAreaStat('D1', { name: '旧店管区', open: 75, overdue: 6, closeRate: 0.894 }),
  makeAreaStat('D2', { name: '冰石涧管区', open: 66, overdue: 4, closeRate: 0.901 }),
  makeAreaStat('D3', { name: '大田管区', open: 71, overdue: 11, closeRate: 0.904 }),
]

type Bar = { value: number; name: string; itemStyle: { borderWidth?: number } }
function shown(spec: ReturnType<typeof rankingOption>) {
  const bars = [...(spec.option.series as { data: Bar[] }[])[0]!.data].reverse()
  return { keys: [...spec.keys!].reverse(), values: bars.map((b) => b.value), outlined: bars.map((b) => !!b.itemStyle.borderWidth) }
}

describe('the area ranking', () => {
  it('puts the most open hazards on top', () => {
    expect(shown(rankingOption({ rows: areas, metric: 'open' })).keys).toEqual(['D1', 'D3', 'D2'])
  })

  it('switches to overdue or close rate and keeps each bar keyed by its area for drilling', () => {
    expect(shown(rankingOption({ rows: areas, metric: 'overdue' }))).toMatchObject({ keys: ['D3', 'D1', 'D2'], values: [11, 6, 4] })
    expect(shown(rankingOption({ rows: areas, metric: 'closeRate' })).keys).toEqual(['D3', 'D2', 'D1'])
  })

  it('breaks ties by name so that the order never flickers', () => {
    const tied = [makeAreaStat('b', { name: '乙', open: 1 }), makeAreaStat('a', { name: '甲', open: 1 })]
    expect(rankAreas(tied, 'open').map((r) => r.areaId)).toEqual(rankAreas([...tied].reverse(), 'open').map((r) => r.areaId))
  })

  it('outlines the area the reader is in', () => {
    expect(shown(rankingOption({ rows: areas, metric: 'open', current: 'D3' })).outlined).toEqual([false, true, false])
  })

  it('keeps only the first rows of a long ranking', () => {
    const many = Array.from({ length: 60 }, (_, i) => makeAreaStat(`V${i}`, { open: i }))
    const spec = rankingOption({ rows: many, metric: 'open', limit: 10 })
    expect(shown(spec).keys).toEqual(['V59', 'V58', 'V57', 'V56', 'V55', 'V54', 'V53', 'V52', 'V51', 'V50'])
  })
})

describe('the coverage list', () => {
  it('lists the villages not yet inspected, by name', () => {
    const villages = [
      { villageId: '2', name: '清河村', districtId: 'D1', inspected: false, inspections: 0, lastDate: null },
      { villageId: '1', name: '罗头村', districtId: 'D1', inspected: true, inspections: 3, lastDate: '2026-06-10' },
      { villageId: '3', name: '东山村', districtId: 'D2', inspected: false, inspections: 0, lastDate: null },
    ]
    expect(missedVillages({ villages }).map((v) => v.villageId)).toEqual(['3', '2'])
  })
})
