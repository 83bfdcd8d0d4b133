import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hazard } from '../../../../server/domain/schemas'
import { type BareStore, openBareStore } from '../../../postgres/store'
import { hazardOf, insertOf, reported, substringScan, townAreas } from './hazards-ledger'

/** Texts a search must answer on exactly: Chinese, ASCII in both cases, LIKE's own characters, a character beyond the BMP. */
const texts: Array<[string, string]> = [
  ['村民楼道电动车充电', '经核实情况属实，存在火灾隐患'],
  ['燃气管道老化', '液化气罐靠近灶台 Gas LEAK'],
  ['水库溢洪道堵塞', '汛前需清理；水位 80% 以上'],
  ['Wi-Fi 机房_配电箱', '路径 C:\\data\\logs 下有杂物'],
  ['村', '村'],
  ['楼 道堆放杂物', '𠮷野家门前占道'],
  ['上访人员情绪激动', '涉稳，需联合稳控'],
]

let open: BareStore
let all: Hazard[]

beforeAll(async () => {
  open = await openBareStore()
  townAreas(open.store)
  all = texts.map(([title, description], i) => hazardOf(i + 1, { title, description, item: i === 6 ? 'petition' : 'fire' }))
  open.store.hazards.insertMany(all, all.map(reported))
})
afterAll(() => open.close())

const scan = (q: string, hidden: readonly string[] = []) => substringScan(all, q, hidden)

describe('the ledger (each adapter): text search', () => {
  it('answers as a substring scan, for one, two and more characters, in any case', () => {
    const queries = ['燃气', '水库', '村', '充电', '电动车楼道充电', '经核实情况属实', '楼 道', '𠮷', '𠮷野', 'gas leak', 'GAS', 'wI-fI', 'yh', 'YH2026000000',
      '0000003', '80%', '%', '_', '机房_', '\\', 'c:\\data', '·', '无此隐患xyz', '道', '道堆', '隐患']
    for (const q of queries) expect(open.store.hazards.searchText(q, []), q).toEqual(scan(q))
  })

  it('keeps hidden items’ text out of reach, their codes still found', () => {
    for (const q of ['上访', '稳控', 'YH20260000007', 'yh2026', '村'])
      expect(open.store.hazards.searchText(q, ['petition', 'terror']), q).toEqual(scan(q, ['petition', 'terror']))
    expect(open.store.hazards.searchText('上访', ['petition'])).toEqual(new Set())
    expect(open.store.hazards.searchText('YH20260000007', ['petition'])).toEqual(new Set([7]))
  })

  it('follows each write: a new hazard and a changed title are found at once, the old title no more', () => {
    const { hazards } = open.store
    const h = open.store.transaction(() => hazards.insert({ ...insertOf(hazardOf(0)), title: '龘靐齉测试隐患', description: 'Qwerty 描述' }, reported(hazardOf(0))))
    expect(hazards.searchText('龘靐', [])).toEqual(new Set([h.id]))
    expect(hazards.searchText('qWERTY', [])).toEqual(new Set([h.id]))
    expect(hazards.searchText(h.code.toLowerCase(), [])).toEqual(new Set([h.id]))
    open.store.transaction(() => hazards.update(h.id, h.version, { title: '爨齾新标题' }, { at: h.updatedAt, actor: 'test', action: 'comment', note: null, from: 'reported', to: 'reported' }))
    expect(hazards.searchText('龘靐', [])).toEqual(new Set())
    expect(hazards.searchText('爨齾', [])).toEqual(new Set([h.id]))
    expect(hazards.searchText('qwerty', [])).toEqual(new Set([h.id]))
    // A stale change leaves the index as it was.
    hazards.update(h.id, h.version, { description: '过期的描述' }, { at: h.updatedAt, actor: 'test', action: 'comment', note: null, from: 'reported', to: 'reported' })
    expect(hazards.searchText('过期', [])).toEqual(new Set())
    expect(hazards.searchText('qwerty', [])).toEqual(new Set([h.id]))
  })
})
