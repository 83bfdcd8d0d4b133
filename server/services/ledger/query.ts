import type { CategoryId } from '../../domain/categories'
import type { RiskLevel } from '../../domain/levels'
import type { SourceId } from '../../domain/sources'
import type { Status } from '../../domain/statuses'

/** The list filters of api.md, parsed. Every list, statistic and export takes the same. */
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

/** What the caller's role lets it reach, decided from its session (never from the client). */
export interface Reach {
  /** areas the caller is bounded to (its district or village); undefined = everywhere */
  areaIds?: string[]
  /** categories the caller is bounded to (a lead unit's); undefined = all */
  categories?: CategoryId[]
  /** text search must not match the text of confidential hazards the caller is not cleared for */
  clearedCategories: CategoryId[]
  /**
   * items shown to the caller only at their village: their grid cell and exact point must not
   * be discoverable through the area or bbox filters either
   */
  generalisedItems?: string[]
}
