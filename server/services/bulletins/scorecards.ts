import type ExcelJS from 'exceljs'
import { leadUnits } from '../../domain/categories'
import type { BulletinScoreRow, BulletinScorecards } from '../../domain/contract/scorecards'
import { addSheet } from '../spreadsheet'
import type { Lang } from './labels'

/**
 * The bulletin's 考核排名 section (services/scorecards/score.ts bulletinSection): the districts' and
 * lead units' rankings by score, the red list (通报批评) and the villages' best and worst five.
 */
export const scorecardLabels = {
  zh: {
    section: '考核排名', districts: '管区得分排名', units: '牵头单位得分排名', redList: '通报批评（得分低于 {line} 分）',
    top: '村庄得分前五名', bottom: '村庄得分后五名', rank: '排名', name: '名称', score: '得分', change: '较上月', level: '层级',
    none: '无', sheet: '考核排名', kind: '栏目', version: (v: number) => `指标表第 ${v} 版`,
    levels: { village: '村庄', district: '管区', unit: '牵头单位' },
  },
  en: {
    section: 'Scorecards (考核排名)', districts: 'Districts by score', units: 'Lead units by score', redList: 'Red list (通报批评: below {line})',
    top: 'Best five villages', bottom: 'Worst five villages', rank: 'Rank', name: 'Name', score: 'Score', change: 'Change', level: 'Level',
    none: 'None', sheet: '考核排名', kind: 'Part', version: (v: number) => `indicator table v${v}`,
    levels: { village: 'Village', district: 'District', unit: 'Lead unit' },
  },
} as const

const escape = (s: string | null) => String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const nameOf = (r: BulletinScoreRow, lang: Lang) => (r.level === 'unit' && lang === 'en' ? (leadUnits[r.id as keyof typeof leadUnits]?.en ?? r.name) : r.name)
const changeOf = (r: BulletinScoreRow) => (r.change === null ? '—' : r.change > 0 ? `+${r.change}` : String(r.change))

/** One row's cells, as the page and the workbook show them. */
function cells(r: BulletinScoreRow, lang: Lang): Array<string | number | null> {
  return [r.rank ?? '—', scorecardLabels[lang].levels[r.level], nameOf(r, lang), r.score ?? '—', changeOf(r)]
}

const head = (lang: Lang) => {
  const L = scorecardLabels[lang]
  return [L.rank, L.level, L.name, L.score, L.change]
}

/** The parts of the section in order, each with its title. */
function parts(section: BulletinScorecards, lang: Lang): Array<[string, readonly BulletinScoreRow[]]> {
  const L = scorecardLabels[lang]
  return [
    [L.districts, section.districts], [L.units, section.units], [L.redList.replace('{line}', String(section.redLine)), section.redList],
    [L.top, section.villagesTop], [L.bottom, section.villagesBottom],
  ]
}

function table(rows: readonly BulletinScoreRow[], lang: Lang): string {
  if (!rows.length) return `<p>${escape(scorecardLabels[lang].none)}</p>`
  const th = head(lang).map((h) => `<th>${escape(h)}</th>`).join('')
  const body = rows.map((r) => `<tr>${cells(r, lang).map((v) => `<td>${escape(String(v))}</td>`).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** The section in the printable page; nothing for a bulletin published before scorecards existed. */
export function scorecardsHtml(section: BulletinScorecards | undefined, lang: Lang): string {
  if (!section) return ''
  const L = scorecardLabels[lang]
  return `<h2>${escape(L.section)}<small> · ${escape(L.version(section.tableVersion))}</small></h2>
${parts(section, lang).map(([title, rows]) => `<h3>${escape(title)}</h3>\n${table(rows, lang)}`).join('\n')}
`
}

/** The section as a sheet of the workbook: one row a place or unit, headed by its part. */
export function addScorecardSheet(wb: ExcelJS.Workbook, section: BulletinScorecards | undefined, lang: Lang): void {
  if (!section) return
  const L = scorecardLabels[lang]
  addSheet(wb, L.sheet, [L.kind, ...head(lang)], parts(section, lang).flatMap(([title, rows]) => rows.map((r) => [title, ...cells(r, lang)])))
}
