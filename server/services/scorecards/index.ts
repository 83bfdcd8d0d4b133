import type { IndicatorTableInput, IndicatorTableView, ScorecardQuery, ScorecardRow, Scorecards } from '../../domain/contract/scorecards'
import type { ScoreLevel } from '../../domain/scorecards'
import type { Actor, ActingUser } from '../../domain/roles'
import { audit } from '../audit'
import { publishMonth } from '../bulletins'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { monthPeriod } from './figures'
import { type Figures, type FrozenBody, TABLE_KEY, countLevel, scoreLevel, tableOf } from './score'

/**
 * Scorecards (考核), as the API serves them: a month's rows at a level, within the reader's reach;
 * a month whose bulletin is published is served as it was frozen with it, each row beside what the
 * ledger gives now when a later edit changed it.
 *
 * Reach: the scorecards are circulated with the bulletin, which names the rankings, so its readers
 * (leader, analyst, lead units, districts) and the administrator read every row of every level; a
 * village (grid) its own village's row only; the wall the district level only (aggregates).
 */
export function scorecardRowsFor(actor: Actor, level: ScoreLevel): ((id: string) => boolean) | null {
  if (actor.role === 'grid') {
    if (level !== 'village') throw forbidden('A village reads its own scorecard only.')
    return (id) => id === actor.areaId
  }
  if (actor.role === 'wall' && level !== 'district') throw forbidden('The wall display reads the districts’ scores only.')
  return null
}

/** The month asked for, checked: not after the current month, not before the campaign began. */
export function checkedMonth(s: Services, month: string | undefined): string {
  const current = s.today().slice(0, 7)
  const m = month ?? current
  if (m > current) throw new ApiError(400, 'invalid_input', 'That month has not begun.', [{ field: 'month', message: 'in the future' }])
  const start = s.store.meta.get('campaignStart')
  if (start && m < start.slice(0, 7))
    throw new ApiError(400, 'invalid_input', `The campaign began in ${start.slice(0, 7)}.`, [{ field: 'month', message: 'before the campaign began' }])
  return m
}

/** The frozen figures of a month, publishing it first if it is over and not yet published. */
export function frozenMonth(s: Services, month: string): { frozenAt: string; body: FrozenBody } | null {
  let stored = s.store.scorecards.get(month)
  if (!stored && monthPeriod(month, s.today()).final) {
    publishMonth(s, month)
    stored = s.store.scorecards.get(month)
  }
  return stored ? { frozenAt: stored.frozenAt, body: JSON.parse(stored.body) as FrozenBody } : null
}

/** Whether two rows' figures agree: score, every indicator's counts, every deduction's count. */
const figuresKey = (f: Figures) => JSON.stringify([f.score, f.indicators, f.deductions])
const sameFigures = (a: Figures, b: Figures) => figuresKey(a) === figuresKey(b)

export function scorecards(s: Services, actor: Actor, q: ScorecardQuery): Scorecards {
  const keep = scorecardRowsFor(actor, q.level)
  const month = checkedMonth(s, q.month)
  const p = monthPeriod(month, s.today())
  const frozen = frozenMonth(s, month)
  let rows: ScorecardRow[]
  if (frozen) {
    // The published figures, each beside the ledger's figures now when they differ (a later edit), by the published table.
    const now = new Map(countLevel(s, p, q.level, frozen.body.table).map((r) => [r.id, r]))
    rows = frozen.body.levels[q.level].map((r) => {
      const current = now.get(r.id)
      const fresh = current && { score: current.score, indicators: current.indicators, deductions: current.deductions }
      return { ...r, recomputed: fresh && !sameFigures(fresh, r) ? fresh : null }
    })
  } else rows = scoreLevel(s, month, q.level, tableOf(s), null)
  return {
    month, level: q.level, period: { start: p.start, end: p.last }, frozen: frozen !== null, frozenAt: frozen?.frozenAt ?? null,
    table: frozen?.body.table ?? tableOf(s), rows: keep ? rows.filter((r) => keep(r.id)) : rows,
  }
}

/** The indicator table in force; every reader of scorecards but the wall, which only shows scores. */
export function indicatorTable(s: Services, actor: Actor): IndicatorTableView {
  if (actor.role === 'wall') throw forbidden('The wall display reads the districts’ scores only.')
  return tableOf(s)
}

/** A new indicator table (admin): the next version, audited; frozen months keep the table they were published with. */
export function setIndicatorTable(s: Services, actor: ActingUser, input: IndicatorTableInput): IndicatorTableView {
  if (actor.role !== 'admin') throw forbidden('Only the administrator sets the indicator table.')
  if (Object.values(input.weights).every((w) => w === 0))
    throw new ApiError(400, 'invalid_input', 'At least one indicator must carry weight.', [{ field: 'weights', message: 'all zero' }])
  return s.store.transaction(() => {
    const table = { ...input, version: tableOf(s).version + 1 }
    s.store.meta.set(TABLE_KEY, JSON.stringify(table))
    audit(s, actor, 'scorecards.table', `v${table.version}`)
    return table
  })
}
