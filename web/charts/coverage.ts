import type { Coverage } from '../api/stats'

/** The villages still waiting for their check this half-month, by name. */
export function missedVillages(coverage: Pick<Coverage, 'villages'>): Coverage['villages'] {
  return coverage.villages.filter((v) => !v.inspected).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}
