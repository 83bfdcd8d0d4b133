import type { CategoryId } from '../../server/domain/categories'
import type { Inspection as StoredInspection } from '../../server/domain/schemas'
import type { InspectionSource } from '../../server/domain/sources'
import type { Coverage, TrendInterval } from '../../server/domain/stats'
import { getJson, postJson } from './client'

/** An inspection as the API shows it: `generalised` when its text (inspectors, checked, findings) was withheld from this reader. */
export type Inspection = StoredInspection & { category: CategoryId | null; generalised: boolean }

/** What a form records; `POST /api/inspections` finds the rest (who, when written). */
export interface NewInspection {
  source: InspectionSource
  areaId: string
  date: string
  inspectors: string
  checked?: string
  findings?: string
  hazardsFound?: number
  category?: CategoryId
}

export interface InspectionQuery {
  area?: string
  from?: string
  to?: string
  source?: InspectionSource[]
  limit?: number
}

/** `GET /api/inspections` — the inspections in the caller's reach, newest first. */
export async function fetchInspections(q: InspectionQuery = {}): Promise<Inspection[]> {
  const query: Record<string, string> = {}
  if (q.area) query.area = q.area
  if (q.from) query.from = q.from
  if (q.to) query.to = q.to
  if (q.source?.length) query.source = q.source.join(',')
  if (q.limit) query.limit = String(q.limit)
  const answer = await getJson<{ inspections: Inspection[] }>('/api/inspections', query)
  return answer.inspections
}

/** `POST /api/inspections` — records one inspection, possibly one that found nothing. */
export async function recordInspection(input: NewInspection): Promise<Inspection> {
  const answer = await postJson<{ inspection: Inspection }>('/api/inspections', input)
  return answer.inspection
}

/**
 * `GET /api/stats/coverage` — per village, inspected or not in the bucket (half-month, week,
 * month) holding `date`, counting inspections of the given sources (the server's default: the
 * town's concentrated round).
 */
export function fetchCoverage(date: string, bucket: TrendInterval, sources: readonly InspectionSource[]): Promise<Coverage> {
  const query: Record<string, string> = { period: date, bucket }
  if (sources.length) query.source = sources.join(',')
  return getJson<Coverage>('/api/stats/coverage', query)
}
