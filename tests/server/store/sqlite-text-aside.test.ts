import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Hazard } from '../../../server/domain/schemas'
import { encodeHistory } from '../../../server/store/history'
import { openSqliteStore } from '../../../server/store/sqlite'
import { TEXT_ASIDE_ROWS } from '../../../server/store/sqlite/text-aside'
import { flat, hazardOf, insertOf, reported, substringScan, townAreas } from './contract/hazards-ledger'

/**
 * SQLite's bulk load builds the text index of a large load on a worker thread, in a file of its
 * own, and copies its tables in (server/store/sqlite/text-aside.ts). The index must answer as a
 * substring scan, take the port's writes after it like any other, and leave nothing behind.
 */
const texts: Array<[string, string]> = [
  ['村民楼道电动车充电', '经核实情况属实，存在火灾隐患'],
  ['燃气管道老化', '液化气罐靠近灶台 Gas LEAK'],
  ['水库溢洪道堵塞', '汛前需清理；水位 80% 以上'],
  ['Wi-Fi 机房_配电箱', '路径 C:\\data\\logs 下有杂物'],
  ['楼 道堆放杂物', '𠮷野家门前占道'],
]
const N = TEXT_ASIDE_ROWS + 1_500
/** Hazards enough for the worker, their texts varied by id: the same few phrases, some numbered. */
const hazards: Hazard[] = Array.from({ length: N }, (_, i) => {
  const [title, description] = texts[i % texts.length]!
  return hazardOf(i + 1, { title: i % 7 === 0 ? `${title} 第${i + 1}号` : title, description })
})
const queries = ['燃气', '水库', '村', '充电', '经核实情况属实', '楼 道', '𠮷', '𠮷野', 'gas leak', 'GAS', 'wI-fI', '80%', '_', '机房_', 'c:\\data',
  '第77号', '第11498号', 'YH20260011498', '0011498', 'yh2026001', '无此隐患xyz', '道']

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-aside-'))
  file = join(dir, 'store.db')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Bulk-loads the town's areas and these hazards as flat rows; `alsoPort` hazards through the port inside the same load. */
function load(store: ReturnType<typeof openSqliteStore>, rows: Hazard[], alsoPort: Hazard[] = [], fail = false): void {
  store.bulkLoad((sink) => {
    townAreas(store)
    for (const h of rows) {
      sink.values.push(...flat(h))
      sink.next(encodeHistory([reported(h)])!)
    }
    if (alsoPort.length) store.hazards.insertMany(alsoPort, alsoPort.map(reported))
    if (fail) throw new Error('the load fails after its rows')
  })
}

const expectAnswers = (store: ReturnType<typeof openSqliteStore>, all: Hazard[]) => {
  for (const q of queries) expect(store.hazards.searchText(q, []), q).toEqual(substringScan(all, q))
}

describe('SQLite bulk load: the text index built aside', () => {
  it('answers as a substring scan after a load large enough for the worker, leaving no file of its own behind', () => {
    const store = openSqliteStore(file)
    try {
      // A search first: FTS5 now holds the empty index's structure in memory, which the copy must not be hidden behind.
      expect(store.hazards.searchText('燃气', [])).toEqual(new Set())
      load(store, hazards)
      expectAnswers(store, hazards)
      expect(readdirSync(dir).filter((f) => f.includes('text'))).toEqual([])
    } finally {
      store.close()
    }
    // FTS5's own check of the copied index: its segments and their structure are whole.
    const db = new Database(file)
    expect(() => db.exec("INSERT INTO hazard_text (hazard_text, rank) VALUES ('integrity-check', 0)")).not.toThrow()
    db.close()
  })

  it('takes the port’s writes after the load like any other: a new hazard found, a changed title found by its new words only', () => {
    const store = openSqliteStore(file)
    try {
      load(store, hazards)
      const { hazards: port } = store
      const added = store.transaction(() => port.insert({ ...insertOf(hazardOf(0)), title: '龘靐齉测试隐患', description: 'Qwerty 描述' }, reported(hazardOf(0))))
      const before = port.get(3)!
      const changed = store.transaction(() =>
        port.update(3, before.version, { title: '爨齾新标题' }, { at: before.updatedAt, actor: 'test', action: 'comment', note: null, from: 'reported', to: 'reported' }),
      )!
      const all = [...hazards.map((h) => (h.id === 3 ? changed : h)), added]
      expect(port.searchText('龘靐', [])).toEqual(new Set([added.id]))
      expect(port.searchText('爨齾', [])).toEqual(new Set([3]))
      expect(port.searchText(before.title, [])).toEqual(substringScan(all, before.title))
      expect(port.searchText(before.title, []).has(3)).toBe(false)
      expectAnswers(store, all)
    } finally {
      store.close()
    }
    // Reopened, the index is the one written: the loaded hazards and the writes after them.
    const again = openSqliteStore(file)
    try {
      expect(again.hazards.searchText('龘靐', []).size).toBe(1)
      expect(again.hazards.searchText('燃气', [])).toEqual(substringScan(hazards, '燃气'))
    } finally {
      again.close()
    }
  })

  it('indexes the hazards the port wrote inside the load too', () => {
    const store = openSqliteStore(file)
    try {
      const extra = [hazardOf(N + 1, { title: '鼋鼍渡口', description: '' }), hazardOf(N + 2, { title: '燃气表箱', description: '' })]
      load(store, hazards, extra)
      const all = [...hazards, ...extra]
      expectAnswers(store, all)
      expect(store.hazards.searchText('鼋鼍', [])).toEqual(new Set([N + 1]))
    } finally {
      store.close()
    }
  })

  it('keeps nothing of a load that fails, before or after the worker has its rows, its file included, and loads again after it', () => {
    const store = openSqliteStore(file)
    try {
      expect(() => load(store, hazards, [], true)).toThrow(/fails after its rows/)
      // A hazard in no known area: the foreign keys' check fails while the worker indexes.
      expect(() => load(store, [...hazards, hazardOf(N + 1, { areaId: 'nowhere' })])).toThrow(/foreign keys/)
      expect(store.hazards.count()).toBe(0)
      expect(store.hazards.searchText('燃气', [])).toEqual(new Set())
      expect(existsSync(`${file}.text-aside`)).toBe(false)
      load(store, hazards)
      expectAnswers(store, hazards)
    } finally {
      store.close()
    }
  })
})
