import { describe, expect, it } from 'vitest'
import type { HazardEvent } from '../../../web/api/stream'
import { TICKER_CAP, pushCapped, tickerKind, tickerLine, useWallTicker } from '../../../web/composables/useWallTicker'

function makeEvent(overrides: Partial<HazardEvent> = {}): HazardEvent {
  return {
    id: 41,
    kind: 'created',
    status: 'reported',
    version: 1,
    level: null,
    escalated: false,
    category: 'safety_accident',
    item: 'fire',
    villageId: 'V1',
    districtId: 'D1',
    areaId: 'V1',
    confidential: false,
    ...overrides,
  }
}

describe('what an event means to the room', () => {
  it('a new hazard is found, a closed one is closed out', () => {
    expect(tickerKind(makeEvent(), new Set())).toBe('found')
    expect(tickerKind(makeEvent({ kind: 'changed', status: 'closed', escalated: true }), new Set())).toBe('closed')
  })

  it('an escalation is announced once, not again with every later step of the same hazard', () => {
    const escalated = makeEvent({ kind: 'changed', status: 'assigned', escalated: true })
    expect(tickerKind(escalated, new Set())).toBe('escalated')
    expect(tickerKind(escalated, new Set([41]))).toBeUndefined()
  })

  it('steps in between (assessed, assigned, rectifying) make no line', () => {
    for (const status of ['assessed', 'assigned', 'rectifying', 'rectified'] as const) expect(tickerKind(makeEvent({ kind: 'changed', status }), new Set())).toBeUndefined()
  })
})

describe('a ticker line', () => {
  it('names the category, the village and the level in the reader language', () => {
    const zh = tickerLine(makeEvent({ level: 'significant' }), 'found', 1, '16:05:12', '东关村', 'zh-CN')
    expect([zh.categoryName, zh.villageName, zh.levelName, zh.time]).toEqual(['安全事故', '东关村', '较大', '16:05:12'])
    const en = tickerLine(makeEvent({ category: 'mass_incident', level: null }), 'found', 2, '16:05:12', 'Dongguan', 'en')
    expect([en.categoryName, en.levelName]).toEqual(['Mass incident', 'Not assessed'])
  })

  it('carries nothing but its time, kind, category, village and level', () => {
    const line = tickerLine(makeEvent(), 'found', 1, '16:05:12', '东关村', 'zh-CN')
    expect(Object.keys(line).sort()).toEqual(['category', 'categoryName', 'key', 'kind', 'level', 'levelName', 'time', 'villageId', 'villageName'])
  })
})

describe('the ticker', () => {
  it('puts the newest line first and keeps no more than its cap', () => {
    let lines: number[] = []
    for (let i = 1; i <= TICKER_CAP + 3; i++) lines = pushCapped(lines, i)
    expect(lines).toEqual([9, 8, 7, 6, 5, 4].slice(0, TICKER_CAP))
    expect(pushCapped([3, 2, 1], 4, 2)).toEqual([4, 3])
  })

  it('takes events as they come, announcing an escalation once however often the hazard changes after', () => {
    const ticker = useWallTicker((id) => (id === 'V1' ? '东关村' : undefined), () => 'zh-CN')
    ticker.take(makeEvent({ id: 7 }))
    ticker.take(makeEvent({ id: 7, kind: 'changed', status: 'assessed' }))
    ticker.take(makeEvent({ id: 7, kind: 'changed', status: 'assigned', escalated: true }))
    ticker.take(makeEvent({ id: 7, kind: 'changed', status: 'rectifying', escalated: true }))
    ticker.take(makeEvent({ id: 7, kind: 'changed', status: 'closed', escalated: true }))
    expect(ticker.lines.value.map((l) => l.kind)).toEqual(['closed', 'escalated', 'found'])
    expect(ticker.lines.value[0]!.villageName).toBe('东关村')
  })

  it('stays bounded over a long day', () => {
    const ticker = useWallTicker(() => '东关村', () => 'zh-CN')
    for (let id = 0; id < 600; id++) ticker.take(makeEvent({ id }))
    expect(ticker.lines.value).toHaveLength(TICKER_CAP)
    expect(ticker.lines.value[0]!.key).toBe(600)
  })
})
