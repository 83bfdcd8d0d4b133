import { describe, expect, it } from 'vitest'
import { copyField } from '../../../server/store/postgres/bridge'
import { copyLine, copyLineOwned } from '../../../server/store/postgres/hazards-rows'

describe('a bulk-loaded row as a line of COPY text', () => {
  const rows: unknown[][] = [
    [1, 'YH0000001', '清河村燃气管道老化', '经核实\t属实\n已登记\\入账\r', null, undefined, 0, 1, 120.123456789, -0.5, true, false, new Uint8Array([0, 1, 254, 255])],
    [2, '', 'plain', null],
    [3],
  ]

  it('is the same whichever way it is made, every field in copyField’s text', () => {
    for (const row of rows) {
      const expected = row.map(copyField).join('\t') + '\n'
      expect(copyLine(row)).toBe(expected)
      expect(copyLineOwned(row.slice())).toBe(expected)
    }
  })

  it('keeps a tab, a line end or a backslash in a text from ending its field or its row', () => {
    const line = copyLineOwned([7, 'a\tb', 'c\nd', 'e\\f'])
    expect(line.split('\t')).toHaveLength(4)
    expect(line.indexOf('\n')).toBe(line.length - 1)
    expect(line).toBe('7\ta\\tb\tc\\nd\te\\\\f\n')
  })
})
