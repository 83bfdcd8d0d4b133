import { describe, expect, it } from 'vitest'
import { textGrams as pgTextGrams } from '../../../server/store/postgres/text-search'
import { textGrams } from '../../../server/store/sqlite/text-search'

/** A hazard's code, title and description, each case met twice: the second time from the memo. */
const CASES: ReadonlyArray<readonly [string | null, string | null, string | null]> = [
  ['YH0000001', '清河村燃气管道老化', '清河村：燃气管道老化。经核实情况属实，已登记入账。'],
  ['YH0000002', '清河村燃气管道老化', '清河村：燃气管道老化。经核实情况属实，已登记入账。'],
  // The code's pairs inside the title: each token once, the code's first.
  ['YH0000003', 'yh00 号楼道', null],
  ['YH0000004', 'yh00 号楼道', null],
  [null, '水库', ''],
  ['A', null, null],
  ['', '𠀀𠀁', 'x'],
  // A code of other than ASCII, a code repeating its pairs, a missing field and an empty one.
  ['Ab中𠀀', null, 'xy'],
  ['YH0000000', '', 'xy'],
  ['YH0000000', null, 'xy'],
]

/** The tokens as first written: every field's pairs of characters (the last with the end mark), each once, in order. */
function plainGrams(...fields: Array<string | null | undefined>): string {
  const grams = new Set<string>()
  for (const field of fields) {
    if (!field) continue
    const cps = Array.from(field.replace(/[A-Z]/g, (c) => c.toLowerCase()), (ch) => ch.codePointAt(0)!.toString(36).padStart(4, '0'))
    for (let i = 0; i < cps.length; i++) grams.add(`g${cps[i]}${cps[i + 1] ?? 'zzzz'}`)
  }
  return [...grams].join(' ')
}

describe('the text index’s tokens of a hazard', () => {
  it('are the same whether its title and description are met for the first time or again', () => {
    for (let round = 0; round < 2; round++) for (const c of CASES) expect(textGrams(...c), JSON.stringify(c)).toBe(plainGrams(...c))
  })

  it('keep titles that differ only where one field ends and the next begins apart', () => {
    expect(textGrams('YH1', 'ab', 'c')).toBe(plainGrams('YH1', 'ab', 'c'))
    expect(textGrams('YH1', 'a', 'bc')).toBe(plainGrams('YH1', 'a', 'bc'))
    expect(textGrams('YH1', 'a', 'bc')).not.toBe(textGrams('YH1', 'ab', 'c'))
  })
})

/** PostgreSQL's grams as first written: every field's pairs of code points hashed, each once, in order. */
function plainPgGrams(...fields: Array<string | null | undefined>): string {
  const grams = new Set<number>()
  for (const field of fields) {
    if (!field) continue
    const cps = Array.from(field, (ch) => {
      const cp = ch.codePointAt(0)!
      return cp >= 65 && cp <= 90 ? cp + 32 : cp
    })
    for (let i = 1; i < cps.length; i++) grams.add((cps[i - 1]! * 0x20_0000 + cps[i]!) % 2_147_483_647)
  }
  return `{${[...grams].join(',')}}`
}

describe('PostgreSQL’s grams of a hazard', () => {
  it('are the same whether its title and description are met for the first time or again', () => {
    for (let round = 0; round < 2; round++) for (const c of [...CASES, ['YH0000005', '号楼道', 'YH00'] as const, [null, null, null] as const]) expect(pgTextGrams(...c), JSON.stringify(c)).toBe(plainPgGrams(...c))
  })

  it('keep a title and description apart from another pair that joins to the same text', () => {
    expect(pgTextGrams('YH1', 'ab', 'c')).toBe(plainPgGrams('YH1', 'ab', 'c'))
    expect(pgTextGrams('YH1', 'a', 'bc')).toBe(plainPgGrams('YH1', 'a', 'bc'))
  })
})
