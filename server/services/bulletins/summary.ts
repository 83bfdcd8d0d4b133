import type { Bulletin, BulletinRow } from '../../domain/contract/bulletins'

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`)
const monthZh = (month: string) => `${+month.slice(0, 4)}年${+month.slice(5, 7)}月`
const monthEn = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** The districts with the most overdue hazards (only those with any), up to two. */
const laggards = (rows: readonly BulletinRow[]) => [...rows].filter((r) => r.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.rank - b.rank).slice(0, 2)

/** A short paragraph read from the figures, in Chinese and in English. */
export function summarize(b: Omit<Bulletin, 'summary' | 'ranking' | 'generatedAt'>): { zh: string; en: string } {
  const t = b.town
  const best = b.districts.filter((r) => r.rank === 1).map((r) => r.name)
  const worst = laggards(b.districts)
  const zh = [
    b.final ? '' : `（未定稿，截至${b.asOf}）`,
    `${monthZh(b.month)}，全镇新发现隐患${t.found}处，销号${t.closed}处，销号率${pct(t.closeRate)}（月初在办${t.openAtStart}处）；`,
    `月末逾期未整改${t.overdue}处，当月上报疑难/紧急隐患${t.escalated}处；集中排查村庄覆盖率${pct(t.coverage)}。`,
    best.length ? `${best.join('、')}${best.length > 1 ? '并列' : ''}排名第一。` : '',
    worst.length
      ? `${worst.map((r) => `${r.name}逾期${r.overdue}处`).join('，')}，须加快整改、按期销号。`
      : '各管区均无逾期隐患。',
  ].join('')
  const en = [
    b.final ? '' : `(Provisional, as of ${b.asOf}.) `,
    `In ${monthEn(b.month)} the town found ${t.found} new hazards and closed out ${t.closed}, a close rate of ${pct(t.closeRate)} (${t.openAtStart} were open when the month began). `,
    `${t.overdue} were overdue at month end and ${t.escalated} were escalated as difficult or urgent; the concentrated inspection rounds reached ${pct(t.coverage)} of the villages. `,
    best.length ? `${best.join(', ')} ranked first${best.length > 1 ? ' (tied)' : ''}. ` : '',
    worst.length
      ? `${worst.map((r) => `${r.name} had ${r.overdue} overdue`).join(', ')} and must speed up rectification.`
      : 'No district had an overdue hazard.',
  ].join('')
  return { zh, en }
}

export { monthEn, monthZh, pct }
