import { leadUnits } from '../../domain/categories'
import type { DrillRecord, ScorecardDrill, ScorecardDrillQuery } from '../../domain/contract/scorecards'
import { fromDay } from '../../domain/days'
import type { Actor } from '../../domain/roles'
import { type DrillNote, type MeasureId, type ScoreLevel, deductionIds } from '../../domain/scorecards'
import type { JudgedCheck } from '../check-plans'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { hazardViewer } from '../hazard-view'
import { monthPeriod, rowsOf, scanMonth, type Sink } from './figures'
import { checkedMonth } from './index'
import { limitsOf } from './score'

/**
 * Which rows' records a reader may open: the records are hazards, checks and listings, so a reader
 * opens only rows inside its own reach of them — the leadership, the analyst and the administrator
 * any row; a district its own district and its villages; a village its own; a lead unit its own unit.
 */
function mayDrill(s: Services, actor: Actor, level: ScoreLevel, id: string): boolean {
  switch (actor.role) {
    case 'leader': case 'analyst': case 'admin':
      return true
    case 'district':
      return level === 'district' ? id === actor.areaId : level === 'village' && s.ledger.areas.byId.get(id)?.parentId === actor.areaId
    case 'grid':
      return level === 'village' && id === actor.areaId
    case 'lead_unit':
      return level === 'unit' && id === actor.leadUnit
    default:
      return false
  }
}

interface Kept {
  hazards: Array<{ slot: number; counted: boolean; day: number; note: DrillNote }>
  checks: Array<{ check: JudgedCheck }>
  listings: Array<{ id: number; hazardId: number; deadline: string; counted: boolean; note: DrillNote }>
  warnings: Array<{ id: number; code: string; issuedOn: string; counted: boolean; note: DrillNote }>
}

/** A sink that keeps the records of one row and measure, through the same pass that counts the figures. */
function keeper(row: number, measure: MeasureId, kept: Kept): Sink {
  return {
    hazard(r, m, counted, slot, day, note) {
      if (r === row && m === measure) kept.hazards.push({ slot, counted, day, note })
    },
    check(r, _counted, check) {
      if (r === row && measure === 'coverage') kept.checks.push({ check })
    },
    supervision(r, counted, listing, note) {
      if (r === row && measure === 'supervision_done') kept.listings.push({ ...listing, counted, note })
    },
    warning(r, counted, warning, note) {
      if (r === row && measure === 'warning_response') kept.warnings.push({ ...warning, counted, note })
    },
  }
}

/**
 * The records behind one figure of one row: the denominator is their number, the numerator the
 * number counted, a deduction's count their number. Drawn from the ledger as it is now, so for a
 * frozen month they match the row's `recomputed` figures when a later edit changed it.
 */
export function scorecardRecords(s: Services, actor: Actor, q: ScorecardDrillQuery): ScorecardDrill {
  const month = checkedMonth(s, q.month)
  const rows = rowsOf(s, q.level)
  const row = rows.ids.indexOf(q.id)
  if (row < 0) throw new ApiError(400, 'invalid_input', `No ${q.level} ${q.id}.`, [{ field: 'id', message: `no such ${q.level}` }])
  if (!mayDrill(s, actor, q.level, q.id)) throw forbidden('That row’s records are outside your reach.')
  const kept: Kept = { hazards: [], checks: [], listings: [], warnings: [] }
  scanMonth(s, monthPeriod(month, s.today()), q.level, limitsOf(s), keeper(row, q.measure, kept))

  const c = s.ledger.columns
  const view = hazardViewer(s, actor)
  const byId = new Map(s.store.hazards.getMany([...new Set([...kept.hazards.map((h) => c.id[h.slot]!), ...kept.listings.map((l) => l.hazardId)])]).map((h) => [h.id, view(h)]))
  const labelOf = (id: number) => {
    const h = byId.get(id)
    return h ? (h.generalised ? h.code : `${h.code} ${h.title}`) : String(id)
  }
  const names = new Map([...s.ledger.areas.byId.values()].map((a) => [a.id, a.name]))
  for (const site of s.store.sites.list()) names.set(site.id, site.name)
  const subjectOf = (ch: JudgedCheck) => (ch.due.kind === 'focused' ? leadUnits[ch.due.unit!].zh : (names.get(ch.due.subjectId) ?? ch.due.subjectId))

  const records: DrillRecord[] = [
    ...kept.hazards.map((h) => {
      const id = c.id[h.slot]!
      return { kind: 'hazard' as const, id: String(id), hazardId: id, label: labelOf(id), date: fromDay(h.day), counted: h.counted, note: h.note }
    }),
    ...kept.checks.map(({ check }) => ({
      kind: 'check' as const, id: `${check.due.kind}:${check.due.subjectId}:${check.due.start}`, hazardId: null,
      label: `${subjectOf(check)} ${check.due.start}–${check.due.end}`, date: check.due.end, counted: check.done, note: check.done ? 'done' : 'missed',
    })),
    ...kept.listings.map((l) => ({
      kind: 'supervision' as const, id: String(l.id), hazardId: l.hazardId, label: labelOf(l.hazardId), date: l.deadline, counted: l.counted, note: l.note,
    })),
    ...kept.warnings.map((w) => ({ kind: 'warning' as const, id: String(w.id), hazardId: null, label: w.code, date: w.issuedOn, counted: w.counted, note: w.note })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const deduction = (deductionIds as readonly string[]).includes(q.measure)
  return {
    month, level: q.level, id: q.id, name: rows.names[row]!, measure: q.measure,
    numerator: deduction ? records.length : records.filter((r) => r.counted).length, denominator: records.length, records,
  }
}
