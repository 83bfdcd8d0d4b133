import { describe, expect, it } from 'vitest'
import type { WallTally } from '../../../web/api/stream'
import { TICKER_CAP, pushCapped, tickerLine, useWallTicker } from '../../../web/wall/useWallTicker'

function makeTally(overrides: Partial<WallTally> = {}): WallTally {
  return {
    villageId: 'V1',
    villageName: '东关村',
    districtId: 'D1',
    districtName: '第一管区',
    category: 'safety_accident',
    found: 1,
    closed: 0,
    escalated: 0,
    ...overrides,
  }
}

describe('a ticker line', () => {
  it('names the category and the village in the reader language, and how many', () => {
    const zh = tickerLine(makeTally({ found: 3 }), 'found', 1, '16:05:12', '东关村', 'zh-CN')
    expect([zh.categoryName, zh.villageName, zh.count, zh.time]).toEqual(['安全事故', '东关村', 3, '16:05:12'])
    const en = tickerLine(makeTally({ category: 'mass_incident' }), 'found', 2, '16:05:12', 'Dongguan', 'en')
    expect([en.categoryName, en.villageName]).toEqual(['Mass incident', 'Dongguan'])
  })

  it('falls back to the village name the stream gave when the map does not know the village', () => {
    expect(tickerLine(makeTally(), 'found', 1, '16:05:12', undefined, 'zh-CN').villageName).toBe('东关村')
  })

  it('carries nothing but its time, kind, count, category and village', () => {
    const line = tickerLine(makeTally(), 'found', 1, '16:05:12', '东关村', 'zh-CN')
    expect(Object.keys(line).sort()).toEqual(['category', 'categoryName', 'count', 'key', 'kind', 'time', 'villageId', 'villageName'])
  })
})

describe('the ticker', () => {
  it('puts the newest line first and keeps no more than its cap', () => {
    let lines: number[] = []
    for (let i = 1; i <= TICKER_CAP + 3; i++) lines = pushCapped(lines, i)
    expect(lines).toEqual([9, 8, 7, 6, 5, 4].slice(0, TICKER_CAP))
    expect(pushCapped([3, 2, 1], 4, 2)).toEqual([4, 3])
  })

  it('makes a line for each kind a tally counts, found on top, and none for a tally of nothing', () => {
    const ticker = useWallTicker((id) => (id === 'V1' ? '东关村' : undefined), () => 'zh-CN')
    expect(ticker.take(makeTally({ found: 0 }))).toEqual([])
    expect(ticker.lines.value).toEqual([])
    expect(ticker.take(makeTally({ found: 2, closed: 1, escalated: 1 }))).toEqual(['escalated', 'closed', 'found'])
    expect(ticker.lines.value.map((l) => [l.kind, l.count])).toEqual([['found', 2], ['closed', 1], ['escalated', 1]])
  })

  it('stays bounded over a long day', () => {
    const ticker = useWallTicker(() => '东关村', () => 'zh-CN')
    for (let n = 0; n < 600; n++) ticker.take(makeTally())
    expect(ticker.lines.value).toHaveLength(TICKER_CAP)
    expect(ticker.lines.value[0]!.key).toBe(600)
  })
})
