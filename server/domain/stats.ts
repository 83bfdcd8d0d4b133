import type { z } from 'zod'
import type { AreaRowSchema, CoverageSchema, SummarySchema, TrendIntervalSchema, TrendPointSchema, VillageCoverageSchema } from './contract/stats'
import type { RiskLevel } from './levels'

/**
 * The answers of /api/stats/*, named once: the types are those of the contract's schemas
 * (server/domain/contract/stats.ts), for the server that computes them and the web that reads them.
 */

/** Hazards not yet assessed have no risk level; the summary counts them under this key. */
export const UNASSESSED = 'unassessed'
export type LevelKey = RiskLevel | typeof UNASSESSED

export type Summary = z.infer<typeof SummarySchema>
/** The size of one step of the trend: 'half-month', 'week' or 'month'. */
export type TrendInterval = z.infer<typeof TrendIntervalSchema>
/** One point of the trend over that interval. */
export type TrendPoint = z.infer<typeof TrendPointSchema>
export type AreaRow = z.infer<typeof AreaRowSchema>
export type Coverage = z.infer<typeof CoverageSchema>
export type VillageCoverage = z.infer<typeof VillageCoverageSchema>
