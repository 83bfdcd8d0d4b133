import { type LeadUnitId, categoryById, leadUnitIds, leadUnits } from '../../domain/categories'
import { defaultPlan, siteKindCategory } from '../../domain/check-plans'
import type { Inspection, Site } from '../../domain/schemas'
import { bucketsBetween, fromDay } from '../../domain/days'
import type { AreaFeature } from '../geography'
import type { Random } from '../random'

export type SeedInspection = Inspection & {
  createdBy: string
  villageId: string | null
  leadUnit: LeadUnitId | null
  /** a key site's check: the site, where the inspector stood, when it was written, and whether a photo was taken */
  siteId?: string | null
  location?: [number, number] | null
  createdAt?: string | null
  photo?: boolean
}

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

const siteChecked = '人防、物防、技防措施落实情况，值班值守，消防设施，安全台账'
/** Share of a site's checks simply skipped, and of sites (and villages) that lapse for weeks. */
const SKIP = 0.05
const SITE_LAPSE = 0.3
const VILLAGE_LAPSE = 0.2
/** Photos are kept for recent checks only: a phone's picture of a site where nothing was found. */
const PHOTO_DAYS = 60
const PHOTO_SHARE = 0.15

/** A stretch of days [start, end] in which checks lapse: 2–6 weeks, a third of them running up to the last day. */
function lapse(from: number, to: number, random: Random): [number, number] {
  const length = random.int(14, 42)
  const start = random.chance(1 / 3) ? to - length + random.int(0, 7) : random.int(from, to - length)
  return [start, start + length]
}

/**
 * Each key site's checks at its kind's cadence (check-plans.ts defaultPlan), by the lead unit that
 * answers for the kind, naming the site and standing at it; all found nothing (未发现隐患). Most
 * are done; a few are skipped, and some sites and whole villages lapse for weeks, so coverage has
 * gaps that are true. Ids follow `firstId`; a share of the recent ones carry a photo.
 */
export function planSiteChecks(sites: readonly Site[], villageIds: readonly string[], from: number, to: number, firstId: number, random: Random): SeedInspection[] {
  // Up to two stretches a village (all its sites) or a site goes unchecked.
  const lapses = (share: number) => [share, share / 2].flatMap((p) => (random.chance(p) ? [lapse(from, to, random)] : []))
  const villageLapses = new Map(villageIds.map((v) => [v, lapses(VILLAGE_LAPSE)]))
  const inside = (day: number, windows: ReadonlyArray<[number, number]> | undefined) => (windows ?? []).some(([a, b]) => day >= a && day <= b)
  const out: SeedInspection[] = []
  for (const site of sites) {
    const own = lapses(SITE_LAPSE)
    const category = siteKindCategory[site.kind]
    const unit = categoryById[category].leadUnit
    for (const [start, end] of bucketsBetween(from, to, defaultPlan[site.kind])) {
      const day = start + random.int(0, Math.min(end, to) - start)
      const skipped = random.chance(SKIP)
      if (day < from || skipped || inside(day, own) || inside(day, villageLapses.get(site.villageId))) continue
      // Written during the working day, China time (UTC+8).
      const createdAt = new Date(day * 86_400_000 + (random.int(8, 17) - 8) * 3_600_000 + random.int(0, 59) * 60_000).toISOString()
      out.push({
        id: 0, source: 'focused', areaId: site.villageId, villageId: site.villageId, leadUnit: unit, date: fromDay(day),
        inspectors: `${leadUnits[unit].zh}工作组`, checked: `${site.name}：${siteChecked}`, findings: null, hazardsFound: 0,
        category: null, createdBy: unit, siteId: site.id, location: site.location, createdAt,
        photo: day > to - PHOTO_DAYS && random.chance(PHOTO_SHARE),
      })
    }
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  out.forEach((i, n) => (i.id = firstId + n))
  return out
}
