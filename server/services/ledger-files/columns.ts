import { type CategoryId, categories, categoryById, itemById, leadUnits } from '../../domain/categories'
import { type RiskLevel, riskLevels } from '../../domain/levels'
import { type SourceId, sources } from '../../domain/sources'
import { type Status, statuses } from '../../domain/statuses'
import type { HazardView } from '../hazard-view'
import type { AreaIndex } from '../ledger'
import type { Cell } from '../spreadsheet'

/**
 * The ledger file's columns, a fixed and documented set: an English key that never changes (the
 * GeoJSON property, and accepted as a header on import) and the Chinese header the files carry.
 * Enumerations are written by their Chinese names in spreadsheets and by their ids in GeoJSON;
 * an import takes either. Only the `importable` columns are read back; `required` ones must exist.
 */
export interface LedgerColumn {
  key: string
  zh: string
  note: string
  importable?: boolean
  required?: boolean
  /** the cell for spreadsheets */
  cell(v: HazardView, ctx: Context): Cell
  /** the value for GeoJSON (defaults to the hazard's own field) */
  raw?(v: HazardView, ctx: Context): Cell
}

interface Context {
  areas: AreaIndex
}

const yesNo = (b: boolean) => (b ? '是' : '否')
const areaName = (ctx: Context, id: string) => ctx.areas.byId.get(id)?.name ?? ''
const text = (key: keyof HazardView) => (v: HazardView) => (v[key] as string | null) ?? ''

export const ledgerColumns: readonly LedgerColumn[] = [
  { key: 'code', zh: '隐患编号', note: 'the ledger code; on import, a code already in the ledger rejects the row as a duplicate', importable: true, cell: text('code') },
  { key: 'title', zh: '标题', note: 'required on import; empty for a confidential hazard shown generalised', importable: true, required: true, cell: text('title') },
  { key: 'description', zh: '描述', note: '', importable: true, cell: text('description') },
  { key: 'category', zh: '风险类别', note: 'one of the four categories, by name or id', importable: true, required: true, cell: (v) => categoryById[v.category].name.zh, raw: (v) => v.category },
  { key: 'item', zh: '排查重点', note: 'a focus item of the category, by name or id', importable: true, required: true, cell: (v) => itemById.get(v.item)?.name.zh ?? v.item, raw: (v) => v.item },
  { key: 'status', zh: '状态', note: 'an import always registers hazards as reported', cell: (v) => statuses[v.status].zh, raw: (v) => v.status },
  { key: 'level', zh: '风险等级', note: '', cell: (v) => (v.level ? riskLevels[v.level].zh : ''), raw: (v) => v.level },
  { key: 'source', zh: '发现方式', note: 'how it was found, by name or id', importable: true, required: true, cell: (v) => sources[v.source].zh, raw: (v) => v.source },
  { key: 'villageId', zh: '村庄代码', note: 'on import, if given, must be the village the point lies in', importable: true, cell: (v) => v.villageId },
  { key: 'village', zh: '村庄', note: '', cell: (v, ctx) => areaName(ctx, v.villageId) },
  { key: 'districtId', zh: '管区代码', note: '', cell: (v) => v.districtId },
  { key: 'district', zh: '管区', note: '', cell: (v, ctx) => areaName(ctx, v.districtId) },
  { key: 'gridId', zh: '网格代码', note: 'the village for a generalised hazard', cell: (v) => v.areaId },
  { key: 'discoveredAt', zh: '发现日期', note: 'YYYY-MM-DD; on import, today when empty, never in the future', importable: true, cell: (v) => v.discoveredAt },
  { key: 'foundAt', zh: '发现时间', note: 'ISO instant (China time); on import, 09:00 of the discovered date', cell: (v) => v.foundAt },
  { key: 'reportedAt', zh: '登记时间', note: 'ISO instant the reporter registered it; on import, the import\'s', cell: (v) => v.reportedAt },
  { key: 'receivedAt', zh: '接收时间', note: 'ISO instant the server received it; on import, the import\'s', cell: (v) => v.receivedAt },
  { key: 'deadline', zh: '整改期限', note: '', cell: text('deadline') },
  { key: 'leadUnit', zh: '牵头单位', note: '', cell: (v) => leadUnits[v.leadUnit].zh, raw: (v) => v.leadUnit },
  { key: 'responsibleUnit', zh: '责任单位', note: '', cell: text('responsibleUnit') },
  { key: 'responsiblePerson', zh: '责任人', note: '', cell: text('responsiblePerson') },
  { key: 'measures', zh: '整改措施', note: '', cell: text('measures') },
  { key: 'rectifiedAt', zh: '整改日期', note: '', cell: text('rectifiedAt') },
  { key: 'closedAt', zh: '销号日期', note: '', cell: text('closedAt') },
  { key: 'overdue', zh: '是否逾期', note: '是/否 (true/false in GeoJSON)', cell: (v) => yesNo(v.overdue), raw: (v) => v.overdue },
  { key: 'escalated', zh: '是否上报疑难', note: '是/否 (true/false in GeoJSON)', cell: (v) => yesNo(v.escalated), raw: (v) => v.escalated },
  { key: 'campaignId', zh: '专项整治', note: 'the special campaign\'s id', cell: (v) => v.campaignId, raw: (v) => v.campaignId },
  { key: 'lon', zh: '经度', note: 'WGS 84 longitude; the village\'s point for a generalised hazard', importable: true, required: true, cell: (v) => v.location[0], raw: (v) => v.location[0] },
  { key: 'lat', zh: '纬度', note: 'WGS 84 latitude', importable: true, required: true, cell: (v) => v.location[1], raw: (v) => v.location[1] },
]

/** Header text (Chinese label or English key, any case) → column key. */
export const columnByHeader: ReadonlyMap<string, string> = new Map(
  ledgerColumns.flatMap((c) => [[c.zh, c.key], [c.key.toLowerCase(), c.key]] as const),
)

const byName = <T extends string>(entries: ReadonlyArray<readonly [T, string, string]>) => {
  const m = new Map<string, T>()
  for (const [id, zh, en] of entries) for (const k of [id, zh, en]) m.set(k.toLowerCase(), id)
  return m
}

/** Names (Chinese, English or id) → ids, for reading enumerations back. */
export const lookup = {
  category: byName<CategoryId>(categories.map((c) => [c.id, c.name.zh, c.name.en] as const)),
  item: byName<string>([...itemById.values()].map((i) => [i.id, i.name.zh, i.id] as const)),
  source: byName<SourceId>(Object.entries(sources).map(([id, s]) => [id as SourceId, s.zh, s.en] as const)),
  status: byName<Status>(Object.entries(statuses).map(([id, s]) => [id as Status, s.zh, s.en] as const)),
  level: byName<RiskLevel>(Object.entries(riskLevels).map(([id, s]) => [id as RiskLevel, s.zh, s.en] as const)),
}
