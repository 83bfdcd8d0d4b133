import { categoryById, isConfidential, itemById } from '../../domain/categories'
import type { RiskLevel } from '../../domain/levels'
import type { Bulletin, BulletinItem, BulletinRow } from '../../domain/contract/bulletins'
import type { Services } from '../context'
import { CLOSED } from '../ledger/codes'
import { addDays, fromDay, toDay } from '../../domain/days'
import { supervisionSection } from './supervision'
import { warningSection } from './warnings'

export const TOP_ITEMS = 10

export const rankingRule = {
  zh: '排名规则：月末逾期数少者在前；相同时销号率高者在前（当月无在办隐患视为100%）；再相同时集中排查覆盖率高者在前；三项均相同者并列。',
  en: 'Ranking: fewer overdue at month end first; then a higher close rate (no workload counts as 100%); then higher inspection coverage; equal on all three share a rank.',
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000)

/** The month's first and last day; the running month ends today. */
export function monthBounds(month: string, today: string) {
  const start = `${month}-01`
  const next = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 1))
  const last = addDays(next.toISOString().slice(0, 10), -1)
  return { start, last, asOf: last < today ? last : today, final: today > last }
}

/** Half-months run 1st–15th and 16th–end, as the plan's concentrated inspections do; only rounds begun by `asOf` are due. */
function halfMonths(start: string, last: string, asOf: string): Array<[string, string]> {
  const mid = addDays(start, 14)
  const halves: Array<[string, string]> = [[start, mid], [addDays(mid, 1), last]]
  return halves.filter(([from]) => from <= asOf).map(([from, to]) => [from, to < asOf ? to : asOf])
}

/** Competition ranking ("1224") by a comparison where 0 means equal. */
function rank<T extends { rank: number }>(rows: T[], cmp: (a: T, b: T) => number): T[] {
  const sorted = [...rows].sort(cmp)
  sorted.forEach((r, i) => (r.rank = i > 0 && cmp(sorted[i - 1]!, r) === 0 ? sorted[i - 1]!.rank : i + 1))
  return sorted
}

const byRule = (a: BulletinRow, b: BulletinRow) =>
  a.overdue - b.overdue || (b.closeRate ?? 1) - (a.closeRate ?? 1) || (b.coverage ?? 0) - (a.coverage ?? 0)

/**
 * The month's figures from the ledger, town-wide and for no one in particular: the bulletin is
 * circulated as one document, so a confidential hazard appears in it only as counts and a code.
 */
export function computeFigures(s: Services, month: string): Omit<Bulletin, 'summary' | 'ranking' | 'generatedAt'> {
  const { start, last, asOf, final } = monthBounds(month, s.today())
  const from = toDay(start)
  const end = toDay(asOf)
  const areas = s.ledger.areas
  const c = s.ledger.columns
  const villages = areas.byLevel.get('village') ?? []
  const districts = areas.byLevel.get('district') ?? []
  const upV = areas.gridAncestor.get('village')
  const upD = areas.gridAncestor.get('district')
  const zero = (n: number) => ({ found: new Int32Array(n), closed: new Int32Array(n), openAtStart: new Int32Array(n), overdue: new Int32Array(n), escalated: new Int32Array(n) })
  const v = zero(villages.length)
  const d = zero(districts.length)
  const bump = (key: keyof typeof v, g: number) => {
    const vi = upV?.[g] ?? -1
    const di = upD?.[g] ?? -1
    if (vi >= 0) v[key][vi]!++
    if (di >= 0) d[key][di]!++
  }
  // Overdue on the last day needs when each was rectified, which the index does not hold: candidates from the index, then their rows.
  const candidates: number[] = []
  const slotOf = new Map<number, number>()
  for (let i = 0; i < c.n; i++) {
    const found = c.discovered[i]!
    if (found > end) continue
    const closed = c.status[i] === CLOSED ? c.closed[i]! : 0
    const g = c.grid[i]!
    if (found >= from) bump('found', g)
    else if (closed === 0 || closed >= from) bump('openAtStart', g)
    if (closed >= from && closed <= end) bump('closed', g)
    if (c.deadline[i]! > 0 && c.deadline[i]! < end && (closed === 0 || closed > end)) {
      candidates.push(c.id[i]!)
      slotOf.set(c.id[i]!, i)
    }
  }
  const rows = s.store.hazards.getMany(candidates)
  const overdue = rows.filter((h) => !h.rectifiedAt || toDay(h.rectifiedAt) > end)
  const overdueIds = new Set(overdue.map((h) => h.id))
  for (const h of overdue) bump('overdue', c.grid[slotOf.get(h.id)!]!)
  // Escalations by their event's date in China (events carry their writer's offset).
  const escalations = new Map<number, string>()
  for (const e of s.store.bulletins.escalations(`${start}T00:00:00+08:00`, `${asOf}T23:59:59.999+08:00`))
    if (!escalations.has(e.hazardId)) escalations.set(e.hazardId, chinaDate(e.at))
  const escalatedRows = s.store.hazards.getMany([...escalations.keys()])
  for (const h of escalatedRows) {
    const g = areas.gridOrd.get(h.areaId)
    if (g !== undefined) bump('escalated', g)
  }
  // Coverage: the share of due half-month rounds that reached each village.
  const halves = halfMonths(start, last, asOf)
  const reached = new Int32Array(villages.length)
  const vOrd = new Map(villages.map((a, i) => [a.id, i]))
  for (const [a, b] of halves) for (const id of s.store.inspections.perVillage(a, b, ['concentrated']).keys()) if (vOrd.has(id)) reached[vOrd.get(id)!]!++
  const villageCoverage = (i: number) => ratio(reached[i]!, halves.length)
  const districtOf = (id: string | null) => (id ? areas.byId.get(id) : undefined)
  const codes = new Map([...s.store.areas.list('district'), ...s.store.areas.list('village')].map((a) => [a.id, a.code]))
  const codeOf = (id: string) => codes.get(id) ?? id

  const villageRows = villages.map((a, i): BulletinRow => {
    const dist = districtOf(a.parentId)
    return {
      areaId: a.id, code: codeOf(a.id), name: a.name, districtId: dist?.id ?? null, districtName: dist?.name ?? null,
      found: v.found[i]!, closed: v.closed[i]!, openAtStart: v.openAtStart[i]!, closeRate: ratio(v.closed[i]!, v.openAtStart[i]! + v.found[i]!),
      overdue: v.overdue[i]!, escalated: v.escalated[i]!, coverage: villageCoverage(i), rank: 0,
    }
  })
  const mean = (xs: Array<number | null>) => {
    const ok = xs.filter((x): x is number => x !== null)
    return ok.length ? Math.round((ok.reduce((p, q) => p + q, 0) / ok.length) * 1000) / 1000 : null
  }
  const districtRows = districts.map((a, i): BulletinRow => ({
    areaId: a.id, code: codeOf(a.id), name: a.name, districtId: null, districtName: null,
    found: d.found[i]!, closed: d.closed[i]!, openAtStart: d.openAtStart[i]!, closeRate: ratio(d.closed[i]!, d.openAtStart[i]! + d.found[i]!),
    overdue: d.overdue[i]!, escalated: d.escalated[i]!, coverage: mean(villageRows.filter((r) => r.districtId === a.id).map((r) => r.coverage)), rank: 0,
  }))
  const sum = (key: 'found' | 'closed' | 'openAtStart' | 'overdue' | 'escalated') => districtRows.reduce((p, r) => p + r[key], 0)
  const town = {
    name: (areas.byLevel.get('town') ?? [])[0]?.name ?? '',
    found: sum('found'), closed: sum('closed'), openAtStart: sum('openAtStart'), overdue: sum('overdue'), escalated: sum('escalated'),
    closeRate: ratio(sum('closed'), sum('openAtStart') + sum('found')), coverage: mean(villageRows.map((r) => r.coverage)),
  }

  // The status the hazard had at the end of the month (its last event by then), not today's: a
  // bulletin drawn up later must still show what was overdue or escalated as it stood.
  const statusAt = (id: number, current: BulletinItem['status']) => {
    const events = s.store.hazards.events(id).filter((e) => chinaDate(e.at) <= asOf)
    return events.at(-1)?.to ?? current
  }
  const item = (id: number, extra: Partial<BulletinItem>): BulletinItem | undefined => {
    const h = s.store.hazards.get(id)
    if (!h) return undefined
    const secret = isConfidential(h.item)
    return {
      id: h.id, code: h.code, title: secret ? null : h.title, confidential: secret, category: h.category, categoryName: categoryById[h.category].name.zh,
      item: h.item, itemName: itemById.get(h.item)?.name.zh ?? null, level: h.level, status: statusAt(id, h.status),
      villageId: h.villageId, village: areas.byId.get(h.villageId)?.name ?? '', districtId: h.districtId, district: areas.byId.get(h.districtId)?.name ?? '',
      deadline: h.deadline, daysOverdue: null, escalatedOn: null, ...extra,
    }
  }
  const severity = (level: RiskLevel | null) => (level ? ['major', 'significant', 'general', 'low'].indexOf(level) : 4)
  const topOverdue = overdue
    .map((h) => ({ h, days: end - toDay(h.deadline!) }))
    .sort((a, b) => b.days - a.days || a.h.code.localeCompare(b.h.code))
    .slice(0, TOP_ITEMS)
    .flatMap(({ h, days }) => item(h.id, { daysOverdue: days }) ?? [])
  const topEscalated = escalatedRows
    .sort((a, b) => severity(a.level) - severity(b.level) || escalations.get(a.id)!.localeCompare(escalations.get(b.id)!) || a.code.localeCompare(b.code))
    .slice(0, TOP_ITEMS)
    .flatMap((h) => item(h.id, { escalatedOn: escalations.get(h.id)!, daysOverdue: h.deadline && overdueIds.has(h.id) ? end - toDay(h.deadline) : null }) ?? [])

  return {
    month, period: { start, end: last }, asOf, final, town,
    districts: rank(districtRows, byRule), villages: rank(villageRows, byRule), topOverdue, topEscalated,
    supervision: supervisionSection(s, month, asOf),
    warnings: warningSection(s, month, asOf),
  }
}

/** The calendar day in China (UTC+8) of an instant written with any offset. */
export function chinaDate(at: string): string {
  return fromDay(Math.floor((Date.parse(at) + 8 * 3_600_000) / 86_400_000))
}
