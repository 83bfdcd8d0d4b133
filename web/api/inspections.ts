import type { InspectionQuery, InspectionView, NewInspection } from '../../server/domain/contract/inspections'
import type { Coverage, TrendInterval } from '../../server/domain/stats'
import type { InspectionSource } from '../../server/domain/sources'
import { api, call } from './client'

// The shapes are defined once, by the contract (server/domain/contract/inspections.ts).
export type { InspectionQuery, InspectionView, NewInspection } from '../../server/domain/contract/inspections'

/** `GET /api/inspections` — the inspections in the caller's reach, newest first (the server's limit when none is given). */
export async function fetchInspections(q: Partial<InspectionQuery> = {}): Promise<InspectionView[]> {
  const query: { area?: string; from?: string; to?: string; source?: string; limit?: string } = {}
  if (q.area?.length) query.area = q.area.join(',')
  if (q.from) query.from = q.from
  if (q.to) query.to = q.to
  if (q.source?.length) query.source = q.source.join(',')
  if (q.limit) query.limit = String(q.limit)
  return (await call(api.inspections.$get({ query }))).inspections
}

/** `POST /api/inspections` — records one inspection, possibly one that found nothing. */
export async function recordInspection(input: NewInspection): Promise<InspectionView> {
  return (await call(api.inspections.$post({ json: input }))).inspection
}

/**
 * `GET /api/stats/coverage` — per village, inspected or not in the bucket (half-month, week,
 * month) holding `date`, counting inspections of the given sources (the server's default: the
 * town's concentrated round).
 */
export function fetchCoverage(date: string, bucket: TrendInterval, sources: readonly InspectionSource[]): Promise<Coverage> {
  return call(api.stats.coverage.$get({ query: { period: date, bucket, ...(sources.length && { source: sources.join(',') }) } }))
}
