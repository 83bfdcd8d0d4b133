import ExcelJS from 'exceljs'
import { type Cell, addSheet, workbookBytes } from '../spreadsheet'
import type { Bulletin, BulletinRow } from '../../domain/contract/bulletins'
import { itemName } from './html'
import { type Lang, generatedText, labels } from './labels'
import { addScorecardSheet } from './scorecards'
import { addSupervisionSheet } from './supervision'
import { addWarningSheet } from './warnings'

const rate = (x: number | null) => (x === null ? null : x)

function areaRows(rows: readonly BulletinRow[], withDistrict: boolean): Cell[][] {
  return rows.map((r) => [r.rank, r.code, r.name, ...(withDistrict ? [r.districtName] : []), r.found, r.closed, r.openAtStart, rate(r.closeRate), r.overdue, r.escalated, rate(r.coverage)])
}

/** The bulletin as a workbook: 汇总 (summary), 管区 (districts), 村庄 (villages), 逾期与上报 (overdue and escalated items). */
export async function bulletinXlsx(b: Bulletin, lang: Lang): Promise<Uint8Array> {
  const L = labels[lang]
  const wb = new ExcelJS.Workbook()
  wb.creator = L.app
  wb.created = new Date(b.generatedAt)
  const t = b.town
  const summary = addSheet(wb, L.sheets.summary, [L.figure, L.value], [
    [L.title(b.month), b.final ? L.final : `${L.provisional} / provisional`],
    [L.month, b.month], [L.asOf, b.asOf], [L.generated, generatedText(b)],
    [L.found, t.found], [L.closed, t.closed], [L.openAtStart, t.openAtStart], [L.closeRate, rate(t.closeRate)],
    [L.overdueN, t.overdue], [L.escalatedN, t.escalated], [L.coverage, rate(t.coverage)],
    [L.summary, b.summary[lang]], [L.rank, b.ranking[lang]],
  ])
  for (const r of [8, 11]) summary.getCell(r + 1, 2).numFmt = '0.0%'
  summary.getColumn(2).width = 80
  summary.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  const head = [L.rank, L.code, L.name]
  const figures = [L.found, L.closed, L.openAtStart, L.closeRate, L.overdueN, L.escalatedN, L.coverage]
  const percentCols = (ws: ExcelJS.Worksheet, first: number) => [first + 3, first + 6].forEach((c) => (ws.getColumn(c).numFmt = '0.0%'))
  percentCols(addSheet(wb, L.sheets.districts, [...head, ...figures], areaRows(b.districts, false)), 4)
  percentCols(addSheet(wb, L.sheets.villages, [...head, L.district, ...figures], areaRows(b.villages, true)), 5)
  const items = [
    ...b.topOverdue.map((i) => [L.overdueN, i.code, itemName(i, lang), i.categoryName, i.village, i.district, i.deadline, i.daysOverdue, i.escalatedOn]),
    ...b.topEscalated.map((i) => [L.escalatedN, i.code, itemName(i, lang), i.categoryName, i.village, i.district, i.deadline, i.daysOverdue, i.escalatedOn]),
  ]
  addSheet(wb, L.sheets.items, [L.status, L.code, L.hazard, L.category, L.village, L.district, L.deadline, L.daysOverdue, L.escalatedOn], items)
  addSupervisionSheet(wb, b.supervision, lang)
  addWarningSheet(wb, b.warnings, lang)
  addScorecardSheet(wb, b.scorecards, lang)
  return workbookBytes(wb)
}
