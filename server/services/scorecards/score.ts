import type { AccountabilityLimits } from '../../domain/accountability'
import { accountabilityLimits } from '../../env'
import type { BulletinScoreRow, BulletinScorecards, IndicatorTableView, ScorecardRow } from '../../domain/contract/scorecards'
import { type IndicatorTable, type ScoreLevel, deductionIds, defaultIndicatorTable, indicatorIds, scoreLevelIds, scoreOf } from '../../domain/scorecards'
import type { Services } from '../context'
import { Counter, type MonthPeriod, type RowFigures, monthPeriod, previousMonth, rowsOf, scanMonth } from './figures'

/** Where the indicator table lives: meta, as JSON, versioned (PUT /api/scorecards/indicators). */
export const TABLE_KEY = 'scorecards.table'

/** The table in force: the one the administrator set last, else the defaults. */
export function tableOf(s: Services): IndicatorTable {
  const text = s.store.meta.get(TABLE_KEY)
  return text ? (JSON.parse(text) as IndicatorTable) : defaultIndicatorTable
}

/** The deployment's limits for reporting and verification (env REPORT_LIMIT_HOURS, CONCEALED_AFTER_DAYS, VERIFY_LIMIT_DAYS). */
export function limitsOf(s: Services): AccountabilityLimits {
  return accountabilityLimits(s.env)
}

const round1 = (x: number) => Math.round(x * 10) / 10
const round3 = (x: number) => Math.round(x * 1000) / 1000

export type Figures = Pick<ScorecardRow, 'score' | 'indicators' | 'deductions'>

/**
 * A row's figures as the answer spells them: each rate, its weight after renormalising, each
 * deduction's points, the score. `share` divides the deductions' points: a district bears its
 * villages' deductions as their mean per village (1 ÷ its villages), so a large district is not
 * docked many times what a small one is for the same record, and its score reads as a village's does.
 */
export function figuresOf(table: IndicatorTable, f: RowFigures, share = 1): Figures {
  const counted = indicatorIds.filter((id) => table.weights[id] > 0 && f.figures[id].denominator > 0)
  const total = counted.reduce((sum, id) => sum + table.weights[id], 0)
  const shared = Object.fromEntries(deductionIds.map((id) => [id, f.counts[id] * share])) as RowFigures['counts']
  return {
    score: scoreOf(table, f.figures, shared),
    indicators: indicatorIds.map((id) => {
      const { numerator, denominator } = f.figures[id]
      return {
        id, weight: table.weights[id], effectiveWeight: counted.includes(id) ? round1((100 * table.weights[id]) / total) : 0,
        numerator, denominator, rate: denominator ? round3(numerator / denominator) : null,
      }
    }),
    deductions: deductionIds.map((id) => ({ id, count: f.counts[id], points: round1(shared[id] * table.points[id]) })),
  }
}

/** The share of its deductions a row bears: 1, or for a district 1 ÷ the number of its villages. */
function sharesOf(s: Services, level: ScoreLevel, ids: readonly string[]): number[] {
  if (level !== 'district') return ids.map(() => 1)
  const villages = new Map<string, number>()
  for (const v of s.ledger.areas.byLevel.get('village') ?? []) if (v.parentId) villages.set(v.parentId, (villages.get(v.parentId) ?? 0) + 1)
  return ids.map((id) => 1 / Math.max(1, villages.get(id) ?? 1))
}

/** Every row of a level for a month, counted from the ledger now, in the ledger's order. */
export function countLevel(s: Services, p: MonthPeriod, level: ScoreLevel, table: IndicatorTable): Array<{ id: string; name: string } & Figures> {
  const rows = rowsOf(s, level)
  const counter = new Counter(rows.ids.length)
  scanMonth(s, p, level, limitsOf(s), counter)
  const shares = sharesOf(s, level, rows.ids)
  return rows.ids.map((id, i) => ({ id, name: rows.names[i]!, ...figuresOf(table, counter.row(i), shares[i]) }))
}

/**
 * Ranks rows by score, best first, equal scores sharing a rank ("1224"); rows with no score get no
 * rank and come after the others. Ties and unscored rows keep the ledger's order.
 */
export function ranked<T extends { score: number | null }>(rows: readonly T[]): Array<T & { rank: number | null }> {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!)
  const out: Array<T & { rank: number | null }> = []
  scored.forEach((r, i) => out.push({ ...r, rank: i > 0 && scored[i - 1]!.score === r.score ? out[i - 1]!.rank : i + 1 }))
  for (const r of rows) if (r.score === null) out.push({ ...r, rank: null })
  return out
}

/** What a frozen month keeps: the table it was scored by and each level's rows as published. */
export interface FrozenBody {
  table: IndicatorTableView
  levels: Record<ScoreLevel, ScorecardRow[]>
}

/**
 * A level's rows for a month: counted, ranked, each beside the previous month's score (published if
 * that month is frozen, else counted now by the same table), marked for the red list.
 */
export function scoreLevel(s: Services, month: string, level: ScoreLevel, table: IndicatorTable, previous: Map<string, number | null> | null): ScorecardRow[] {
  const p = monthPeriod(month, s.today())
  const prev = previous ?? previousScores(s, month, level, table)
  return ranked(countLevel(s, p, level, table)).map((r) => {
    const previousScore = prev.get(r.id) ?? null
    return {
      ...r, previousScore, change: r.score !== null && previousScore !== null ? round1(r.score - previousScore) : null,
      redList: r.score !== null && r.score < table.redLine, recomputed: null,
    }
  })
}

/** The previous month's scores by row: published if frozen, else counted; none before the campaign began. */
export function previousScores(s: Services, month: string, level: ScoreLevel, table: IndicatorTable): Map<string, number | null> {
  const prev = previousMonth(month)
  const start = s.store.meta.get('campaignStart')
  if (start && prev < start.slice(0, 7)) return new Map()
  const stored = s.store.scorecards.get(prev)
  if (stored) return new Map((JSON.parse(stored.body) as FrozenBody).levels[level].map((r) => [r.id, r.score]))
  return new Map(countLevel(s, monthPeriod(prev, s.today()), level, table).map((r) => [r.id, r.score]))
}

/** The month's scorecards for every level, as they are frozen with its bulletin. */
export function scoreMonth(s: Services, month: string): FrozenBody {
  const table = tableOf(s)
  const levels = Object.fromEntries(scoreLevelIds.map((level) => [level, scoreLevel(s, month, level, table, null)])) as FrozenBody['levels']
  return { table, levels }
}

/** How many villages the bulletin names at each end of their ranking. */
export const BULLETIN_VILLAGES = 5

/** The bulletin's 考核排名 from a month's scorecards (services/bulletins). */
export function bulletinSection(body: FrozenBody): BulletinScorecards {
  const brief = (level: ScoreLevel) => (r: ScorecardRow): BulletinScoreRow => ({ level, id: r.id, name: r.name, score: r.score, rank: r.rank, change: r.change })
  const villages = body.levels.village.filter((r) => r.score !== null)
  const redList = scoreLevelIds
    .flatMap((level) => body.levels[level].filter((r) => r.redList).map(brief(level)))
    .sort((a, b) => a.score! - b.score!)
  return {
    tableVersion: body.table.version,
    redLine: body.table.redLine,
    districts: body.levels.district.map(brief('district')),
    units: body.levels.unit.map(brief('unit')),
    redList,
    villagesTop: villages.slice(0, BULLETIN_VILLAGES).map(brief('village')),
    // Worst last, as they stand in the ranking; none named twice when there are few villages.
    villagesBottom: villages.slice(Math.max(BULLETIN_VILLAGES, villages.length - BULLETIN_VILLAGES)).map(brief('village')),
  }
}
