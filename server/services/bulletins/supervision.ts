import type ExcelJS from 'exceljs'
import { categoryById, isConfidential } from '../../domain/categories'
import type { BulletinListing, BulletinSupervision } from '../../domain/contract/supervision'
import { addDays, chinaDateOf, chinaDayStart, lastOfMonth } from '../../domain/days'
import { unitNames } from '../../domain/supervision'
import type { SupervisionRecord } from '../../store/types'
import type { Services } from '../context'
import { addSheet } from '../spreadsheet'
import type { Lang } from './labels'

/**
 * The bulletin's 挂牌督办 section: hazards listed in the month and listings taken down (摘牌) in it,
 * each with its listing and supervising units, its deadline and whether the hazard was closed out
 * by it. Circulated as one document: a confidential hazard is named by its code and category only.
 */
export function supervisionSection(s: Services, month: string, asOf: string): BulletinSupervision {
  const from = chinaDayStart(`${month}-01`)
  const to = chinaDayStart(addDays(lastOfMonth(month), 1))
  const rows = s.store.supervision.list({ eventsFrom: from, eventsTo: to })
  const hazards = new Map(s.store.hazards.getMany([...new Set(rows.map((r) => r.hazardId))]).map((h) => [h.id, h]))
  const areaName = (id: string) => s.ledger.areas.byId.get(id)?.name ?? ''
  const day = (at: string) => chinaDateOf(Date.parse(at))
  const item = (r: SupervisionRecord): BulletinListing[] => {
    const h = hazards.get(r.hazardId)
    if (!h) return []
    const secret = isConfidential(h.item)
    // As the bulletin's day stood: closed out by then on or before the deadline, or late once the deadline passed.
    const closedBy = h.closedAt !== null && h.closedAt <= asOf ? h.closedAt : null
    const onTime = closedBy !== null ? closedBy <= r.deadline : r.deadline < asOf ? false : null
    return [{
      hazardId: h.id, code: h.code, title: secret ? null : h.title, confidential: secret, category: h.category, categoryName: categoryById[h.category].name.zh,
      village: areaName(h.villageId), district: areaName(h.districtId),
      listingUnit: r.listingUnit, listingUnitName: unitNames[r.listingUnit].zh, supervisingUnit: r.supervisingUnit, supervisingUnitName: unitNames[r.supervisingUnit].zh,
      listedOn: day(r.listedAt), deadline: r.deadline, closedOn: r.closedAt === null ? null : day(r.closedAt), onTime,
    }]
  }
  const inMonth = (at: string | null) => at !== null && at >= from && at < to
  const byDay = (a: BulletinListing, b: BulletinListing) => a.listedOn.localeCompare(b.listedOn) || a.code.localeCompare(b.code)
  return {
    listed: rows.filter((r) => inMonth(r.listedAt)).flatMap(item).sort(byDay),
    closed: rows.filter((r) => inMonth(r.closedAt)).flatMap(item).sort(byDay),
  }
}

export const supervisionLabels = {
  zh: {
    section: '挂牌督办', listed: '当月挂牌', closed: '当月摘牌', code: '隐患编号', hazard: '隐患', village: '村庄', listingUnit: '挂牌单位',
    supervisingUnit: '督办单位', listedOn: '挂牌日期', deadline: '督办期限', closedOn: '摘牌日期', result: '完成情况',
    onTime: '按期', late: '逾期', open: '办理中', none: '无', confidential: (c: string) => `〔涉密〕${c}`, sheet: '挂牌督办', kind: '类别',
  },
  en: {
    section: 'Listed supervision (挂牌督办)', listed: 'Listed this month', closed: 'Taken down this month', code: 'Code', hazard: 'Hazard', village: 'Village',
    listingUnit: 'Listed by', supervisingUnit: 'Supervised by', listedOn: 'Listed on', deadline: 'Deadline', closedOn: 'Taken down on', result: 'Result',
    onTime: 'On time', late: 'Late', open: 'In progress', none: 'None', confidential: (c: string) => `[Confidential] ${c}`, sheet: '挂牌督办', kind: 'List',
  },
} as const

const escape = (s: string | null) => String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const resultOf = (l: BulletinListing, lang: Lang) => {
  const L = supervisionLabels[lang]
  return l.onTime === null ? L.open : l.onTime ? L.onTime : L.late
}
const nameOf = (l: BulletinListing, lang: Lang) => (l.confidential ? supervisionLabels[lang].confidential(l.categoryName) : (l.title ?? ''))

/** The cells of one listing, as both the page and the workbook show it. */
function cells(l: BulletinListing, lang: Lang): string[] {
  const unit = (id: BulletinListing['listingUnit'], zh: string) => (lang === 'zh' ? zh : unitNames[id].en)
  return [
    l.code, nameOf(l, lang), l.village, unit(l.listingUnit, l.listingUnitName), unit(l.supervisingUnit, l.supervisingUnitName),
    l.listedOn, l.deadline, l.closedOn ?? '—', resultOf(l, lang),
  ]
}

const head = (lang: Lang) => {
  const L = supervisionLabels[lang]
  return [L.code, L.hazard, L.village, L.listingUnit, L.supervisingUnit, L.listedOn, L.deadline, L.closedOn, L.result]
}

function table(rows: readonly BulletinListing[], lang: Lang): string {
  if (!rows.length) return `<p>${escape(supervisionLabels[lang].none)}</p>`
  const th = head(lang).map((h) => `<th>${escape(h)}</th>`).join('')
  const body = rows.map((l) => `<tr>${cells(l, lang).map((v) => `<td>${escape(v)}</td>`).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** The section in the printable page; nothing for a bulletin published before listings existed. */
export function supervisionHtml(section: BulletinSupervision | undefined, lang: Lang): string {
  if (!section) return ''
  const L = supervisionLabels[lang]
  return `<h2>${escape(L.section)}</h2>
<h3>${escape(L.listed)}</h3>
${table(section.listed, lang)}
<h3>${escape(L.closed)}</h3>
${table(section.closed, lang)}
`
}

/** The section as a sheet of the workbook: one row a listing, marked listed or taken down. */
export function addSupervisionSheet(wb: ExcelJS.Workbook, section: BulletinSupervision | undefined, lang: Lang): void {
  if (!section) return
  const L = supervisionLabels[lang]
  const rows = [...section.listed.map((l) => [L.listed, ...cells(l, lang)]), ...section.closed.map((l) => [L.closed, ...cells(l, lang)])]
  addSheet(wb, L.sheet, [L.kind, ...head(lang)], rows)
}
