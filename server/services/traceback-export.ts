import ExcelJS from 'exceljs'
import { categoryById, leadUnits } from '../domain/categories'
import type { Traceback, TracebackQuery } from '../domain/contract/traceback'
import { riskLevels } from '../domain/levels'
import { postKinds } from '../domain/posts'
import { sources } from '../domain/sources'
import { statuses } from '../domain/statuses'
import { flagKinds } from '../domain/traceback'
import type { ActingUser } from '../domain/roles'
import { audit } from './audit'
import type { Services } from './context'
import { type Cell, neutralise, workbookBytes } from './spreadsheet'
import { traceBack, tracebackTarget } from './traceback'

/** The check kinds as a town names them. */
const checkKindNames: Record<Traceback['checks'][number]['kind'], string> = {
  self_check: '经常性自查', round: '集中性排查', focused: '重点性排查', site: '重点场所检查',
}

/** The place in one line: district, village, cell and site, or the point. */
export function placeLine(t: Traceback): string {
  const p = t.place
  const parts = [p.district?.name, p.village?.name, p.grid?.name, p.site?.name].filter(Boolean)
  const at = `${p.location[0].toFixed(5)},${p.location[1].toFixed(5)}`
  return `${parts.join(' / ') || at}${p.hazardId !== null ? `（隐患 #${p.hazardId}）` : ''}`
}

/** A sheet headed by what was traced, when and by whom, then a bold table. */
function sheet(wb: ExcelJS.Workbook, t: Traceback, name: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): void {
  const ws = wb.addWorksheet(name)
  ws.addRow(['责任倒查', placeLine(t)]).font = { bold: true }
  ws.addRow(['日期', t.date, '时段', `${t.from} 至 ${t.to}`, '半径（米）', t.radius])
  ws.addRow(['执行人', `${t.ranBy.name}（${t.ranBy.username}）`, '执行时间', t.ranAt])
  ws.addRow([])
  ws.addRow([...header]).font = { bold: true }
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutralise(v) : v)))
  ws.columns.forEach((col, i) => {
    const longest = Math.max(String(header[i] ?? '').length * 2, ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length * 2))
    col.width = Math.min(60, Math.max(10, longest + 2))
  })
}

/** The four sheets: 岗位 (posts), 排查 (checks), 隐患 (hazards with their chain), 标记 (flags). */
export function tracebackWorkbook(t: Traceback): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  wb.creator = t.ranBy.username
  wb.created = new Date(t.ranAt)
  sheet(wb, t, '岗位', ['岗位', '地点', '在岗人', '电话', '账号', '任职起', '任职止'], t.posts.map((p) => [
    postKinds[p.kind].zh, p.placeName, p.holder?.holder.name ?? '（空缺）', p.holder?.holder.phone ?? '', p.holder?.holder.username ?? '',
    p.holder?.from ?? '', p.holder?.to ?? '',
  ]))
  sheet(wb, t, '排查', ['方式', '对象', '牵头单位', '起', '止', '是否完成', '记录编号', '日期', '检查人', '检查内容', '发现'], t.checks.flatMap((c) => {
    const head = [checkKindNames[c.kind], c.subjectName, c.unit ? leadUnits[c.unit].zh : '', c.start, c.end, c.done ? '已查' : '未查']
    if (c.records.length === 0) return [[...head, '', '', '', '', '']]
    return c.records.map((r) => [...head, r.id, r.date, r.inspectors, r.checked, r.findings ?? (r.hazardsFound ? `${r.hazardsFound} 处` : '无')])
  }))
  sheet(wb, t, '隐患', ['编号', '标题', '类别', '来源', '状态', '等级', '发现', '登记', '距离（米）', '期限', '整改', '销号', '责任单位', '责任人', '过程'], t.hazards.map(({ hazard: h, ...x }) => [
    h.code, h.generalised ? '（不可见）' : h.title, categoryById[h.category].name.zh, sources[h.source].zh, statuses[h.status].zh, h.level ? riskLevels[h.level].zh : '',
    h.foundAt, h.reportedAt, x.metres, h.deadline ?? '', h.rectifiedAt ?? '', h.closedAt ?? '', h.responsibleUnit ?? '', h.responsiblePerson ?? '',
    x.events.map((e) => `${e.at} ${e.action}${e.actorName ? ` ${e.actorName}` : ''}${e.note ? `：${e.note}` : ''}`).join('\n'),
  ]))
  const codeOf = new Map(t.hazards.map((h) => [h.hazard.id, h.hazard.code]))
  sheet(wb, t, '标记', ['标记', '隐患', '排查记录', '未完成的排查', '数值'], t.flags.map((f) => {
    const check = f.check === null ? undefined : t.checks[f.check]
    return [
      `${flagKinds[f.kind].zh}${f.timeliness === 'concealed' ? '（瞒报）' : ''}`, f.hazardIds.map((id) => codeOf.get(id) ?? `#${id}`).join('、'),
      f.inspectionIds.join('、'), check ? `${checkKindNames[check.kind]} ${check.subjectName} ${check.start}~${check.end}` : '', f.amount,
    ]
  }))
  return wb
}

/** `GET /api/traceback/export`: the same trace-back as an .xlsx, audited as `traceback.export`. */
export async function exportTraceback(s: Services, actor: ActingUser, q: TracebackQuery) {
  const t = traceBack(s, actor, q)
  const bytes = await workbookBytes(tracebackWorkbook(t))
  audit(s, actor, 'traceback.export', tracebackTarget(q, t.date))
  return { bytes, filename: { ascii: `traceback-${t.date}.xlsx`, utf8: `责任倒查-${t.date}.xlsx` } }
}
