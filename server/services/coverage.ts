import type { Actor } from '../domain/roles'
import type { Coverage } from '../domain/stats'
import type { InspectionSource } from '../domain/sources'
import type { Services } from './context'
import { type Bucket, bucketOf, fromDay, toDay } from '../domain/days'
import { reachOf } from './reach'

/**
 * Which villages had their check in the period holding a date. By default the plan's cadence:
 * the town's concentrated round (集中性排查) reaches every village each half-month; the villages'
 * own weekly self-checks can be asked for instead, or both.
 */
export function coverage(s: Services, actor: Actor, date = s.today(), bucket: Bucket = 'half-month', sources: readonly InspectionSource[] = ['concentrated']): Coverage {
  const [start, end] = bucketOf(toDay(date), bucket)
  const period = { start: fromDay(start), end: fromDay(end) }
  const seen = s.store.inspections.perVillage(period.start, period.end, sources)
  const reach = reachOf(actor)
  const areas = s.ledger.areas
  const mine = reach.areaIds ? new Set(reach.areaIds.flatMap((id) => [...areas.gridsInside(id)].map((g) => areas.grids[g]!.parentId!))) : undefined
  const villages = (areas.byLevel.get('village') ?? [])
    .filter((v) => !mine || mine.has(v.id))
    .map((v) => {
      const hit = seen.get(v.id)
      return { villageId: v.id, name: v.name, districtId: v.parentId, inspected: !!hit, inspections: hit?.count ?? 0, lastDate: hit?.last ?? null }
    })
  const covered = villages.filter((v) => v.inspected).length
  return { period, villages, covered, total: villages.length, rate: villages.length ? Math.round((covered / villages.length) * 1000) / 1000 : 0 }
}
