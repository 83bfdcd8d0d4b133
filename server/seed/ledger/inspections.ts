import { type LeadUnitId, leadUnitIds, leadUnits } from '../../domain/categories'
import type { Inspection } from '../../domain/schemas'
import { bucketsBetween, fromDay } from '../../domain/days'
import type { AreaFeature } from '../geography'
import type { Random } from '../random'

export type SeedInspection = Inspection & { createdBy: string; villageId: string | null; leadUnit: LeadUnitId | null }

const routineChecks = '出租房屋、流动人口、重点人员动向、消防通道、用电安全'
const concentratedChecks = '村庄、单位、重点场所全面检查，核实隐患台账'

/**
 * The plan's cadence: every village checks itself weekly, the town inspects every village
 * each half month, and each lead unit inspects one district a month from its written plan.
 */
export function planInspections(
  villages: readonly AreaFeature[],
  districts: readonly AreaFeature[],
  from: number,
  to: number,
  users: { grid: (villageId: string) => string; district: (districtId: string) => string },
  random: Random,
): SeedInspection[] {
  const out: SeedInspection[] = []
  const add = (i: Omit<SeedInspection, 'id' | 'hazardsFound' | 'findings'>) => out.push({ ...i, id: 0, hazardsFound: 0, findings: null })
  // Not every village keeps to the week, and the town's round runs over the whole half-month:
  // so the current period's coverage map has gaps to show.
  for (const [start, end] of bucketsBetween(from, to, 'week'))
    for (const v of villages) {
      const day = Math.max(from, start + random.int(0, 4))
      if (random.chance(0.06) || day > end || day > to) continue
      add({ source: 'routine', areaId: v.id, villageId: v.id, leadUnit: null, date: fromDay(day), inspectors: '村网格员、治安志愿者', checked: routineChecks, createdBy: users.grid(v.id) })
    }
  for (const [start, end] of bucketsBetween(from, to, 'half-month'))
    for (const v of villages) {
      const day = Math.max(from, start + random.int(0, end - start))
      if (day > to) continue
      add({ source: 'concentrated', areaId: v.id, villageId: v.id, leadUnit: null, date: fromDay(day), inspectors: '镇机关干部、派出所、司法所、市场监管所、安监所', checked: concentratedChecks, createdBy: users.district(v.parentId!) })
    }
  let turn = 0
  for (const [start] of bucketsBetween(from, to, 'month'))
    for (const unit of leadUnitIds) {
      const district = districts[turn++ % districts.length]!
      const day = Math.min(to, Math.max(from, start + random.int(2, 10)))
      add({ source: 'focused', areaId: district.id, villageId: null, leadUnit: unit, date: fromDay(day), inspectors: `${leadUnits[unit].zh}工作组`, checked: `${leadUnits[unit].zh}重点行业、重点群体、重点人员专项排查`, createdBy: unit })
    }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  out.forEach((i, n) => (i.id = n + 1))
  return out
}
