import { describe, expect, it } from 'vitest'
import { defaultIndicatorTable, indicatorIds } from '../../../server/domain/scorecards'
import type { ScorecardRow } from '../../../web/api/scorecards'
import { noScoreColor, NO_SCORE, SCORE_CLASS, scoreClasses, scoreRamp } from '../../../web/map/choropleth'
import { choroplethColor, CLASS_STATE } from '../../../web/map/layers/choropleth'
import { changeOf, chinaTime, deductedPoints, deductionsOf, rateText, recomputedScore, scoreText, shownIndicators, weightTotal } from '../../../web/scorecards/scorecards'
import { evaluate } from '../map/expressions'

const figures = (denominators: Partial<Record<(typeof indicatorIds)[number], number>>) =>
  indicatorIds.map((id) => ({ id, weight: 10, effectiveWeight: 10, numerator: 0, denominator: denominators[id] ?? 0, rate: denominators[id] ? 0 : null }))

function row(over: Partial<ScorecardRow> = {}): ScorecardRow {
  return {
    id: 'v1', name: '一村', score: 80, rank: 1, previousScore: null, change: null, redList: false, recomputed: null,
    indicators: figures({ coverage: 4 }),
    deductions: [
      { id: 'overdue', count: 0, points: 0 },
      { id: 'late_report', count: 0, points: 0 },
      { id: 'missed_report', count: 0, points: 0 },
      { id: 'concealed_report', count: 0, points: 0 },
      { id: 'false_close_out', count: 0, points: 0 },
    ],
    ...over,
  }
}

describe('the scorecard tab’s reading of an answer', () => {
  it('prints scores to one decimal and rates as percentages, a dash for none', () => {
    expect(scoreText(72.25)).toBe('72.3')
    expect(scoreText(100)).toBe('100.0')
    expect(scoreText(null)).toBe('—')
    expect(rateText(0.875)).toBe('87.5%')
    expect(rateText(1)).toBe('100.0%')
    expect(rateText(null)).toBe('—')
  })

  it('reads the month-on-month change as an arrow with its size', () => {
    expect(changeOf(3.46)).toEqual({ trend: 'up', text: '↑ 3.5', size: '3.5' })
    expect(changeOf(-12)).toEqual({ trend: 'down', text: '↓ 12.0', size: '12.0' })
    expect(changeOf(0)).toEqual({ trend: 'flat', text: '→ 0.0', size: '0.0' })
    expect(changeOf(null)).toEqual({ trend: 'none', text: '—', size: '' })
  })

  it('shows a column for each weighted indicator that had something to count in some row, in the table’s order', () => {
    const rows = [row({ indicators: figures({ coverage: 4 }) }), row({ id: 'v2', indicators: figures({ reported_on_time: 2, coverage: 1 }) })]
    expect(shownIndicators({ table: defaultIndicatorTable, rows })).toEqual(['coverage', 'reported_on_time'])
    const unweighted = { ...defaultIndicatorTable, weights: { ...defaultIndicatorTable.weights, coverage: 0 } }
    expect(shownIndicators({ table: unweighted, rows })).toEqual(['reported_on_time'])
  })

  it('sums the deductions and lists only those that happened', () => {
    const r = row({ deductions: [{ id: 'overdue', count: 3, points: 6 }, { id: 'late_report', count: 0, points: 0 }, { id: 'false_close_out', count: 1, points: 5 }] })
    expect(deductedPoints(r)).toBe(11)
    expect(deductionsOf(r).map((d) => d.id)).toEqual(['overdue', 'false_close_out'])
  })

  it('gives a frozen row’s recomputed score only when it differs from the published one', () => {
    const again = (score: number | null) => ({ score, indicators: [], deductions: [] })
    expect(recomputedScore(row({ score: 80, recomputed: again(72.5) }))).toBe(72.5)
    expect(recomputedScore(row({ score: 80, recomputed: again(80) }))).toBeUndefined()
    expect(recomputedScore(row({ score: 80, recomputed: null }))).toBeUndefined()
    expect(recomputedScore(row({ score: 80, recomputed: again(null) }))).toBeNull()
  })

  it('totals the weights and tells China’s time of a freeze', () => {
    expect(weightTotal(defaultIndicatorTable)).toBe(100)
    expect(chinaTime('2026-06-01T01:30:00.000Z')).toBe('2026-06-01 09:30')
  })
})

describe('the desk’s score choropleth', () => {
  it('cuts scores at 60, 70, 80 and 90 and gives an area without a score the grey class', () => {
    const { classes, breaks } = scoreClasses([
      { id: 'a', score: 59.9 }, { id: 'b', score: 60 }, { id: 'c', score: 75 }, { id: 'd', score: 89.9 }, { id: 'e', score: 100 }, { id: 'f', score: null },
    ])
    expect(breaks).toEqual([60, 70, 80, 90])
    expect(Object.fromEntries(classes)).toEqual({ a: SCORE_CLASS, b: SCORE_CLASS + 1, c: SCORE_CLASS + 2, d: SCORE_CLASS + 3, e: SCORE_CLASS + 4, f: NO_SCORE })
  })

  it('paints score classes red to green and no score grey, beside the sequential ramp', () => {
    const colour = choroplethColor(['#eeeeee', '#cccccc', '#999999'])
    const paint = (klass?: number) => String(evaluate(colour, 'paint_fill', 'fill-color', {}, { state: klass === undefined ? {} : { [CLASS_STATE]: klass } }))
    const css = (hex: string) => `rgba(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')},1)`
    expect(paint(SCORE_CLASS)).toBe(css(scoreRamp[0]!))
    expect(paint(SCORE_CLASS + 4)).toBe(css(scoreRamp[4]!))
    expect(paint(NO_SCORE)).toBe(css(noScoreColor))
    expect(paint(1)).toBe(css('#cccccc'))
    expect(paint()).toBe('rgba(0,0,0,0)')
  })
})

describe('the desk’s link to the score choropleth', () => {
  it('keeps cut=district,score and cut=village,score in the URL both ways', async () => {
    const { deskQuery, parseDeskQuery } = await import('../../../web/desk/desk-query')
    expect(parseDeskQuery({ cut: 'district,score' }).cut).toEqual({ level: 'district', metric: 'score' })
    expect(deskQuery({ choice: {}, path: [], cut: { level: 'village', metric: 'score' } }).cut).toBe('village,score')
    expect(parseDeskQuery({ cut: 'town,score' }).cut).toBeUndefined()
  })
})
