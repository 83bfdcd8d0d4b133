import type { CategoryId } from '../../domain/categories'

export type { HazardFilter } from '../../domain/filters'

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
