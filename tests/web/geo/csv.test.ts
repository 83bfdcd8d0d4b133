import { describe, expect, it } from 'vitest'
import { UTF8_BOM, buildCsv, csvCell } from '../../../web/geo/proximity-csv'

describe('csvCell', () => {
  it.each(['=HYPERLINK("http://x","点我")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1'])('neutralises %j, which a spreadsheet would run', (text) => {
    expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/)
  })

  it('leaves text that only contains those characters later alone', () => {
    expect(csvCell('学校 = 近')).toBe('学校 = 近')
    expect(csvCell('YH0000012')).toBe('YH0000012')
  })

  it('quotes text holding a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('他说"危险"')).toBe('"他说""危险"""')
    expect(csvCell('一\n二')).toBe('"一\n二"')
  })

  it('neutralises before it quotes', () => {
    expect(csvCell('=1,2')).toBe(`"'=1,2"`)
  })

  it('writes numbers as plain decimals, and nothing for a number that is not one', () => {
    expect(csvCell(432)).toBe('432')
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(Number.NaN)).toBe('')
  })
})

describe('buildCsv', () => {
  const csv = buildCsv(['隐患编号', '隐患名称', '距离（米）'], [
    ['YH0000001', '=cmd|"/c calc"!A1', 120],
    ['YH0000002', '保密', 480],
  ])

  it('starts with a UTF-8 byte-order mark so Excel reads the Chinese', () => {
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
  })

  it('writes the header, then a line a row, each ended by CRLF', () => {
    expect(csv.slice(1).split('\r\n')).toEqual(['隐患编号,隐患名称,距离（米）', `YH0000001,"'=cmd|""/c calc""!A1",120`, 'YH0000002,保密,480', ''])
  })
})
