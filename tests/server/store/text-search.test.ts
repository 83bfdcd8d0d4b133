import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hiddenItems } from '../../../server/services/reach'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

/** Opening the app may seed the demo town first (after any change to server/), which takes longer than a hook's default. */
const SEEDING = 120_000

let t: TestApp
let all: Array<{ id: number; code: string; title: string; description: string; item: string }>

beforeAll(async () => {
  t = await openSeededApp()
  const s = t.services
  all = s.store.hazards.getMany(Array.from({ length: s.store.hazards.count() }, (_, i) => i + 1))
}, SEEDING)
afterAll(() => t.close())

/** What a LIKE scan answered before the index: a substring of code, title or description, ASCII letters in any case. */
function scan(q: string, hidden: readonly string[] = []): Set<number> {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
  const needle = fold(q)
  const hit = (s: string) => fold(s).includes(needle)
  return new Set(all.filter((h) => hit(h.code) || ((hit(h.title) || hit(h.description)) && !hidden.includes(h.item))).map((h) => h.id))
}

describe('text search by the bigram index', () => {
  it('answers exactly as a substring scan, for queries of 1, 2 and more characters, in any case', () => {
    const sample = all.slice(0, 40)
    const queries = new Set(['燃气', '水库', '村', '充电', '电动车楼道充电', '经核实情况属实', 'yh', 'YH0000', 'yH00000', '0', '%', '_', '\\', '·', '无此隐患xyz', '楼 道'])
    for (const h of sample) {
      queries.add(h.title.slice(0, 2))
      queries.add(h.title.slice(1, 4))
      queries.add(h.description.slice(-3))
      queries.add(h.code.toLowerCase())
      queries.add(h.title.slice(-1))
    }
    for (const q of queries) expect(t.services.store.hazards.searchText(q, []), q).toEqual(scan(q))
  })

  it('keeps confidential text out of reach of those not cleared, codes still found', () => {
    const hidden = hiddenItems({ role: 'analyst', areaId: null, leadUnit: null } as never)
    expect(hidden.length).toBeGreaterThan(0)
    const secret = all.find((h) => hidden.includes(h.item))!
    for (const q of [secret.title.slice(0, 2), secret.title, secret.code])
      expect(t.services.store.hazards.searchText(q, hidden), q).toEqual(scan(q, hidden))
  })

  it('follows each write: a new hazard and a changed title are found at once, the old title no more', () => {
    const s = t.services
    const base = s.store.hazards.get(1)!
    const { id: _id, code: _code, version: _v, ...fields } = base
    const h = s.store.transaction(() =>
      s.store.hazards.insert({ ...fields, title: '龘靐齉测试隐患', description: 'Qwerty 描述' }, { at: base.updatedAt, actor: 'test', action: 'report', note: null, from: null, to: 'reported' }),
    )
    expect(s.store.hazards.searchText('龘靐', [])).toEqual(new Set([h.id]))
    expect(s.store.hazards.searchText('qWERTY', [])).toEqual(new Set([h.id]))
    s.store.transaction(() => s.store.hazards.update(h.id, h.version, { title: '爨齾新标题' }, { at: base.updatedAt, actor: 'test', action: 'comment', note: null, from: 'reported', to: 'reported' }))
    expect(s.store.hazards.searchText('龘靐', [])).toEqual(new Set())
    expect(s.store.hazards.searchText('爨齾', [])).toEqual(new Set([h.id]))
    expect(s.store.hazards.searchText('qwerty', [])).toEqual(new Set([h.id]))
  })
})
