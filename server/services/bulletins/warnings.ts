import type ExcelJS from 'exceljs'
import { categoryById } from '../../domain/categories'
import type { BulletinWarning } from '../../domain/contract/warnings'
import { lastOfMonth } from '../../domain/days'
import { warningLevelNames, warningStatusNames } from '../../domain/warnings/lifecycle'
import { detectorIds } from '../../domain/warnings/model'
import type { Services } from '../context'
import { addSheet } from '../spreadsheet'
import { bulletinWarnings } from '../warnings/views'
import type { Lang } from './labels'

/**
 * The bulletin's 预测预警 section: the warnings issued in the month and those responded to or
 * lifted in it, each as it stood at the month's end (today while the month runs). Circulated as one
 * document to readers of every unit: a confidential item is named by its category only.
 */
export function warningSection(s: Services, month: string, asOf: string): BulletinWarning[] {
  return bulletinWarnings(s, `${month}-01`, asOf < lastOfMonth(month) ? asOf : lastOfMonth(month))
}

const detectorNames: Record<(typeof detectorIds)[number], { zh: string; en: string }> = {
  hot_spot: { zh: '新兴热点', en: 'Emerging hot spot' },
  rising_trend: { zh: '上升趋势', en: 'Rising trend' },
  repeat_site: { zh: '反复发生', en: 'Repeat site' },
  overdue: { zh: '逾期积压', en: 'Overdue build-up' },
  seasonal: { zh: '季节提醒', en: 'Seasonal reminder' },
}

export const warningLabels = {
  zh: {
    section: '预测预警', code: '预警编号', level: '等级', detector: '类型', category: '类别', area: '区域', reason: '预警理由', issuedOn: '发布日期',
    status: '状态', responses: '处置次数', liftedOn: '解除日期', liftReason: '解除理由', responsible: '责任单位', none: '本月无预警',
  },
  en: {
    section: 'Early warnings (预测预警)', code: 'Code', level: 'Level', detector: 'Detector', category: 'Category', area: 'Area', reason: 'Reason', issuedOn: 'Issued',
    status: 'Status', responses: 'Responses', liftedOn: 'Lifted', liftReason: 'Lift reason', responsible: 'Responsible', none: 'No warnings this month',
  },
} as const

const escape = (s: string | null) => String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

function cells(w: BulletinWarning, lang: Lang): string[] {
  return [
    w.code, warningLevelNames[w.level][lang], detectorNames[w.detector][lang], w.category ? categoryById[w.category].name[lang] : '—', w.areaName, w.reason,
    w.issuedOn, warningStatusNames[w.status][lang], String(w.responses), w.liftedOn ?? '—', w.liftReason ?? '—', w.responsibleName,
  ]
}

const head = (lang: Lang) => {
  const L = warningLabels[lang]
  return [L.code, L.level, L.detector, L.category, L.area, L.reason, L.issuedOn, L.status, L.responses, L.liftedOn, L.liftReason, L.responsible]
}

/** The section in the printable page; nothing for a bulletin published before warnings existed. */
export function warningsHtml(section: readonly BulletinWarning[] | undefined, lang: Lang): string {
  if (!section) return ''
  const L = warningLabels[lang]
  if (!section.length) return `<h2>${escape(L.section)}</h2>\n<p>${escape(L.none)}</p>\n`
  const th = head(lang).map((h) => `<th>${escape(h)}</th>`).join('')
  const body = section.map((w) => `<tr>${cells(w, lang).map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`).join('\n')
  return `<h2>${escape(L.section)}</h2>\n<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>\n`
}

/** The section as a sheet of the workbook. */
export function addWarningSheet(wb: ExcelJS.Workbook, section: readonly BulletinWarning[] | undefined, lang: Lang): void {
  if (!section) return
  addSheet(wb, warningLabels.zh.section, head(lang), section.map((w) => cells(w, lang)))
}
