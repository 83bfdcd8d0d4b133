import type { Bulletin, BulletinItem, BulletinRow } from '../../domain/contract/bulletins'
import { type Lang, generatedText, labels, percent } from './labels'
import { scorecardsHtml } from './scorecards'
import { supervisionHtml } from './supervision'
import { warningsHtml } from './warnings'

const escape = (s: string | number | null) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** Print CSS: A4 portrait, table headers repeated on each page, no row split across pages. */
const css = `
@page { size: A4 portrait; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; color: #111; margin: 0; font-size: 10.5pt; line-height: 1.5; }
main { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
header { border-bottom: 2px solid #b71c1c; margin-bottom: 4mm; }
h1 { font-size: 18pt; margin: 0 0 1mm; color: #b71c1c; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
.meta { color: #444; font-size: 9pt; display: flex; gap: 6mm; flex-wrap: wrap; padding-bottom: 2mm; }
.stamp { font-weight: bold; color: #b71c1c; border: 1px solid #b71c1c; padding: 0 2mm; }
.summary { text-indent: 2em; margin: 2mm 0; }
.rule { color: #555; font-size: 8.5pt; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.kpis td { width: 14.28%; text-align: center; }
.kpis .v { font-size: 14pt; font-weight: 600; display: block; }
@media print { main { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`

function rowsTable(rows: readonly BulletinRow[], lang: Lang, withDistrict: boolean): string {
  const L = labels[lang]
  const head = [L.rank, L.name, ...(withDistrict ? [L.district] : []), L.found, L.closed, L.openAtStart, L.closeRate, L.overdueN, L.escalatedN, L.coverage]
  const nums = new Set([0, ...Array.from({ length: 7 }, (_, i) => i + (withDistrict ? 3 : 2))])
  const th = head.map((h, i) => `<th${nums.has(i) ? ' class="n"' : ''}>${escape(h)}</th>`).join('')
  const body = rows
    .map((r) => {
      const cells = [r.rank, r.name, ...(withDistrict ? [r.districtName] : []), r.found, r.closed, r.openAtStart, percent(r.closeRate), r.overdue, r.escalated, percent(r.coverage)]
      return `<tr>${cells.map((v, i) => `<td${nums.has(i) ? ' class="n"' : ''}>${escape(v)}</td>`).join('')}</tr>`
    })
    .join('\n')
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** A hazard's name in the bulletin: a confidential one by its category only, never its text. */
export function itemName(i: BulletinItem, lang: Lang): string {
  return i.confidential ? labels[lang].confidential(i.categoryName) : (i.title ?? '')
}

function itemsTable(items: readonly BulletinItem[], lang: Lang, kind: 'overdue' | 'escalated'): string {
  const L = labels[lang]
  if (!items.length) return `<p>${escape(L.none)}</p>`
  const last = kind === 'overdue' ? L.daysOverdue : L.escalatedOn
  const th = [L.code, L.hazard, L.village, L.district, L.deadline, last].map((h, i) => `<th${i === 5 ? ' class="n"' : ''}>${escape(h)}</th>`).join('')
  const body = items
    .map((i) => {
      const cells = [i.code, itemName(i, lang), i.village, i.district, i.deadline ?? '—', kind === 'overdue' ? i.daysOverdue : i.escalatedOn]
      return `<tr>${cells.map((v, k) => `<td${k === 5 ? ' class="n"' : ''}>${escape(v)}</td>`).join('')}</tr>`
    })
    .join('\n')
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** The bulletin as one self-contained printable page: inline CSS, no scripts, no outside resources. */
export function bulletinHtml(b: Bulletin, lang: Lang): string {
  const L = labels[lang]
  const t = b.town
  const kpis = [
    [L.found, t.found], [L.closed, t.closed], [L.closeRate, percent(t.closeRate)], [L.overdueN, t.overdue],
    [L.escalatedN, t.escalated], [L.coverage, percent(t.coverage)], [L.openAtStart, t.openAtStart],
  ]
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(L.title(b.month))}</title>
<style>${css}</style>
</head>
<body>
<main>
<header>
<h1>${escape(L.title(b.month))}</h1>
<div class="meta">
<span class="stamp">${escape(b.final ? L.final : lang === 'zh' ? `${L.provisional} · provisional` : L.provisional)}</span>
<span>${escape(L.generated)}：${escape(generatedText(b))}</span>
<span>${escape(L.asOf)}：${escape(b.asOf)}</span>
<span>${escape(b.period.start)} — ${escape(b.period.end)}</span>
</div>
</header>
<h2>${escape(L.summary)}</h2>
<table class="kpis"><tbody><tr>${kpis.map(([k, v]) => `<td><span class="v">${escape(v!)}</span>${escape(k!)}</td>`).join('')}</tr></tbody></table>
<p class="summary">${escape(b.summary[lang])}</p>
<h2>${escape(L.districts)}</h2>
${rowsTable(b.districts, lang, false)}
<p class="rule">${escape(b.ranking[lang])}</p>
<h2>${escape(L.overdue)}</h2>
${itemsTable(b.topOverdue, lang, 'overdue')}
<h2>${escape(L.escalated)}</h2>
${itemsTable(b.topEscalated, lang, 'escalated')}
${supervisionHtml(b.supervision, lang)}${warningsHtml(b.warnings, lang)}${scorecardsHtml(b.scorecards, lang)}<h2>${escape(L.villages)}</h2>
${rowsTable(b.villages, lang, true)}
</main>
</body>
</html>
`
}
