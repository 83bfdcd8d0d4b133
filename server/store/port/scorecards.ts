import type { LeadUnitId } from '../../domain/categories'

/** A month's scorecards as published with its bulletin (the body is the JSON the service wrote). */
export interface FrozenScorecardsRecord {
  month: string
  frozenAt: string
  body: string
}

/**
 * The scorecards' own reads and their frozen months. The counting itself runs on the ledger index
 * (services/scorecards); these are the few facts the index does not hold.
 */
export interface ScorecardStore {
  get(month: string): FrozenScorecardsRecord | undefined
  /** Stores the month's scorecards unless some are stored; returns the stored ones either way. */
  freeze(row: FrozenScorecardsRecord): FrozenScorecardsRecord
  /** Village self-checks (routine inspections of one village) that recorded nothing found, dated between two days inclusive, oldest first. */
  quietSelfChecks(from: string, to: string): Array<{ id: number; villageId: string; date: string }>
  /** The lead unit of every account that belongs to one, by username. */
  unitAccounts(): Map<string, LeadUnitId>
  /** Hazards discovered between two days (inclusive) whose reporting account belongs to a lead unit, with that unit. */
  unitReports(from: string, to: string): Array<{ hazardId: number; unit: LeadUnitId }>
}
