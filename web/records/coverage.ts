import type { Coverage } from '../../server/domain/stats'
import type { TrendInterval } from '../../server/domain/stats'

export const coverageBuckets: readonly TrendInterval[] = ['half-month', 'week', 'month']

export interface UninspectedVillage {
  villageId: string
  name: string
  district: string
  /** the last inspection of the counted sources in this period; null: none in it */
  lastDate: string | null
}

/**
 * The villages still waiting for their check this cycle, grouped by district (in the district's
 * name order) and by name within it, so a district officer finds their own together.
 */
export function uninspectedVillages(coverage: Coverage, districtName: (id: string) => string | undefined): UninspectedVillage[] {
  return coverage.villages
    .filter((v) => !v.inspected)
    .map((v) => ({ villageId: v.villageId, name: v.name, district: (v.districtId && districtName(v.districtId)) || '', lastDate: v.lastDate }))
    .sort((a, b) => a.district.localeCompare(b.district, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'))
}
