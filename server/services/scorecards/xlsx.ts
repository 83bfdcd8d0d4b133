import ExcelJS from 'exceljs'
import { leadUnits } from '../../domain/categories'
import type { ScorecardExportQuery, ScorecardRow } from '../../domain/contract/scorecards'
import type { Actor } from '../../domain/roles'
import { deductionIds, deductions, indicatorIds, indicators } from '../../domain/scorecards'
import type { Services } from '../context'
import { type Cell, addSheet, workbookBytes } from '../spreadsheet'
import { scorecards } from './index'

const words = {
  zh: {
    app: '平安一张图', sheet: '考核得分', table: '指标表', rank: '排名', name: '名称', score: '得分', previous: '上月得分', change: '较上月',
    red: '通报批评', yes: '是', no: '', numerator: '分子', denominator: '分母', rate: '比率', count: '次数', points: '扣分', recomputed: '重算得分',
    kind: '类别', indicator: '指标', deduction: '扣分项', weight: '权重', perEach: '每起扣分', formula: '计算方法', version: '版本', redLine: '通报批评线',
    frozen: '已定稿', provisional: '未定稿', month: '月份', level: '层级', levels: { village: '村庄', district: '管区', unit: '牵头单位' },
  },
  en: {
    app: "Ping'an Map", sheet: 'Scores', table: 'Indicator table', rank: 'Rank', name: 'Name', score: 'Score', previous: 'Previous', change: 'Change',
    red: 'Red list', yes: 'yes', no: '', numerator: 'done', denominator: 'of', rate: 'rate', count: 'count', points: 'points', recomputed: 'Recomputed',
    kind: 'Kind', indicator: 'Indicator', deduction: 'Deduction', weight: 'Weight', perEach: 'Points each', formula: 'Formula', version: 'Version', redLine: 'Red line',
    frozen: 'Final', provisional: 'Provisional', month: 'Month', level: 'Level', levels: { village: 'Village', district: 'District', unit: 'Lead unit' },
  },
} as const

/**
 * The month's scorecards at a level as a workbook: one row a place or unit — each indicator's
 * numerator, denominator and rate, each deduction's count and points, score, rank, change — and a
 * second sheet with the indicator table it was scored by and each formula. Aggregates only, like the
 * bulletin's workbook, so it is not audited; the reader's reach bounds the rows as on screen.
 */
export async function scorecardsXlsx(s: Services, actor: Actor, q: ScorecardExportQuery): Promise<{ month: string; bytes: Uint8Array }> {
  const answer = scorecards(s, actor, q)
  const W = words[q.lang]
  const wb = new ExcelJS.Workbook()
  wb.creator = W.app
  const named = (x: { zh: string; en: string }) => (q.lang === 'zh' ? x.zh : x.en)
  const head = [
    W.rank, W.name,
    ...indicatorIds.flatMap((id) => [`${named(indicators[id])} ${W.numerator}`, `${named(indicators[id])} ${W.denominator}`, `${named(indicators[id])} ${W.rate}`]),
    ...deductionIds.flatMap((id) => [`${named(deductions[id])} ${W.count}`, `${named(deductions[id])} ${W.points}`]),
    W.score, W.previous, W.change, W.red, W.recomputed,
  ]
  const nameOf = (r: ScorecardRow) => (q.level === 'unit' && q.lang === 'en' ? (leadUnits[r.id as keyof typeof leadUnits]?.en ?? r.name) : r.name)
  const rows = answer.rows.map((r): Cell[] => [
    r.rank, nameOf(r),
    ...r.indicators.flatMap((i) => [i.numerator, i.denominator, i.rate]),
    ...r.deductions.flatMap((d) => [d.count, d.points]),
    r.score, r.previousScore, r.change, r.redList ? W.yes : W.no, r.recomputed ? r.recomputed.score : null,
  ])
  const sheet = addSheet(wb, `${W.sheet} ${answer.month} ${W.levels[q.level]}`.slice(0, 31), head, rows)
  indicatorIds.forEach((_, k) => (sheet.getColumn(3 + 3 * k + 2).numFmt = '0.0%'))
  const t = answer.table
  addSheet(wb, W.table, [W.kind, W.name, W.weight, W.perEach, W.formula], [
    ...indicatorIds.map((id): Cell[] => [W.indicator, named(indicators[id]), t.weights[id], null, named(indicators[id].formula)]),
    ...deductionIds.map((id): Cell[] => [W.deduction, named(deductions[id]), null, t.points[id], named(deductions[id].formula)]),
    [W.redLine, null, t.redLine, null, null],
    [W.version, null, t.version, null, null],
    [W.month, answer.month, null, null, answer.frozen ? `${W.frozen} ${answer.frozenAt}` : W.provisional],
  ]).getColumn(5).width = 100
  return { month: answer.month, bytes: await workbookBytes(wb) }
}
