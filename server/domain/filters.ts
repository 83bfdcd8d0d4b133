import type { CategoryId } from './categories'
import type { RiskLevel } from './levels'
import type { SourceId } from './sources'
import type { Status } from './statuses'

/** The most hazards a page of the list may hold (the API refuses more). */
export const MAX_PAGE = 10_000

/** The list filters of api.md, parsed. Every list, statistic, tile and export takes the same. */
export interface HazardFilter {
  category?: CategoryId[]
  item?: string[]
  status?: Status[]
  level?: RiskLevel[]
  source?: SourceId[]
  /** any area id; includes what lies inside it */
  area?: string[]
  from?: string
  to?: string
  overdue?: boolean
  escalated?: boolean
  q?: string
  bbox?: [number, number, number, number]
  /** extension: only hazards open on that date (discovered by then, not yet closed) */
  openOn?: string
  /** extension: hazards grouped in a special campaign */
  campaign?: number
}

const listKeys = ['category', 'item', 'status', 'level', 'source', 'area'] as const
const textKeys = ['from', 'to', 'q', 'openOn'] as const

/**
 * A filter as query parameters, in a fixed key order with sorted lists, so the same filter always
 * gives the same text (a cache key, a shareable link). Empty parts are left out.
 */
export function filterToQuery(f: HazardFilter): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of listKeys) {
    const values = f[key]
    if (values?.length) out[key] = [...values].sort().join(',')
  }
  for (const key of textKeys) {
    const value = f[key]
    if (value) out[key] = value
  }
  if (f.overdue) out.overdue = 'true'
  if (f.escalated) out.escalated = 'true'
  if (f.bbox) out.bbox = f.bbox.join(',')
  if (f.campaign) out.campaign = String(f.campaign)
  return out
}
