import { type CategoryId, categoryById, categoryIds, isConfidential } from '../../domain/categories'
import type { Hazard, HazardEvent, Person } from '../../domain/schemas'
import { type SourceId } from '../../domain/sources'
import { toDay } from '../../services/ledger/days'
import type { AreaFeature, Geography } from '../geography'
import { personName } from '../names'
import { Random, WeightedTable } from '../random'
import { type SeedInspection, planInspections } from './inspections'
import { planPersons } from './persons'
import { PlacementModel, type Spot } from './placement'
import { itemPlans } from './templates'
import { liveHazard } from './timeline'

export interface LedgerOptions {
  seed: number
  asOf: string
  /** hazards in the campaign year */
  hazards: number
  /** hazards per bulk batch */
  batchSize?: number
}

export interface Ledger {
  campaignStart: string
  inspections: SeedInspection[]
  persons: Person[]
  /** the hazards in discovery order, in batches, with their events; inspections' counts fill as it runs */
  batches(): Generator<{ hazards: Hazard[]; events: HazardEvent[] }>
}

const categoryWeights: Record<CategoryId, number> = { violent_terror: 8, mass_incident: 22, individual_extreme: 15, safety_accident: 55 }
const sourceWeights: Array<[SourceId, number]> = [['routine', 50], ['concentrated', 28], ['focused', 14], ['public_report', 8]]

/** Demo account names: one per district (numbered across the scope) and one per village. */
export function accountNames(geo: Geography) {
  const districts = geo.areas.filter((a) => a.level === 'district')
  const districtUser = new Map(districts.map((d, i) => [d.id, `district-${i + 1}`]))
  return {
    districts,
    district: (id: string) => districtUser.get(id)!,
    grid: (villageId: string) => `grid-${villageId}`,
  }
}

export function generateLedger(geo: Geography, opts: LedgerOptions): Ledger {
  const root = new Random(opts.seed)
  const asOf = toDay(opts.asOf)
  const start = asOf - 364
  const places = new PlacementModel(geo, root.fork('places'))
  const users = accountNames(geo)
  const byId = places.byId
  const inspections = planInspections(places.villages, users.districts, start, asOf, users, root.fork('inspections'))
  const persons = planPersons(places.villages, root.fork('persons'))

  const itemTables = new Map(
    categoryIds.map((c) => {
      const items = categoryById[c].items.map((i) => i.id)
      return [c, new WeightedTable(items, items.map((i) => itemPlans[i]!.weight))] as const
    }),
  )
  const categoryTable = new WeightedTable(categoryIds, categoryIds.map((c) => categoryWeights[c]))
  const ofSource = new Map<SourceId, SeedInspection[]>()
  for (const i of inspections) ofSource.set(i.source, [...(ofSource.get(i.source) ?? []), i])
  const villageOrd = new Map(places.villages.map((v, i) => [v, i] as const))
  const villagesOf = new Map<string, AreaFeature[]>()
  for (const v of places.villages) villagesOf.set(v.parentId!, [...(villagesOf.get(v.parentId!) ?? []), v])

  return {
    campaignStart: new Date(start * 86_400_000).toISOString().slice(0, 10),
    inspections,
    persons,
    *batches() {
      const random = root.fork('hazards')
      // Occasions first, sorted by day, so hazard ids and codes rise with time as a real ledger's do.
      const n = opts.hazards
      const occasion = new Int32Array(n)
      const publicVillage = new Int32Array(n).fill(-1)
      const day = new Int32Array(n)
      const sourceTable = new WeightedTable(sourceWeights.map(([s]) => s), sourceWeights.map(([, w]) => w))
      for (let h = 0; h < n; h++) {
        const source = sourceTable.draw(random)
        const list = ofSource.get(source)
        if (source === 'public_report' || !list?.length) {
          publicVillage[h] = villageOrd.get(places.drawVillage(random))!
          day[h] = random.int(start, asOf)
        } else {
          const inspection = list[Math.floor(random.next() * list.length)]!
          occasion[h] = inspection.id - 1
          day[h] = toDay(inspection.date)
        }
      }
      // A counting sort by day keeps draw order within a day: stable, and linear in n.
      const perDay = new Int32Array(asOf - start + 2)
      for (let h = 0; h < n; h++) perDay[day[h]! - start + 1]!++
      for (let d = 1; d < perDay.length; d++) perDay[d]! += perDay[d - 1]!
      const order = new Int32Array(n)
      for (let h = 0; h < n; h++) order[perDay[day[h]! - start]!++] = h

      let hazards: Hazard[] = []
      let events: HazardEvent[] = []
      let id = 0
      for (const h of order) {
        const inspection = publicVillage[h]! >= 0 ? null : inspections[occasion[h]!]!
        const source: SourceId = inspection?.source ?? 'public_report'
        let village =
          publicVillage[h]! >= 0 ? places.villages[publicVillage[h]!]!
          : inspection!.villageId ? byId.get(inspection!.villageId)!
          : random.pick(villagesOf.get(inspection!.areaId)!)
        let category = inspection?.leadUnit
          ? categoryIds.find((c) => categoryById[c].leadUnit === inspection.leadUnit)!
          : categoryTable.draw(random)
        let item = itemTables.get(category)!.draw(random)
        let spot: Spot | null = places.place(itemPlans[item]!.place, village, random)
        // Not every village has a road, water or each kind of site: draw again, and when that fails
        // look in another village of the district (a unit's focused inspection covers the district)
        // or for another kind of risk (a village's own check finds what the village has).
        for (let tries = 1; !spot && tries < 24; tries++) {
          if (tries % 4 === 0) {
            if (inspection?.leadUnit) village = random.pick(villagesOf.get(inspection.areaId)!)
            else category = categoryTable.draw(random)
          }
          item = itemTables.get(category)!.draw(random)
          spot = places.place(itemPlans[item]!.place, village, random)
        }
        if (!spot) {
          category = 'mass_incident'
          item = 'land_disputes'
          spot = places.inVillage(random, village)
        }
        if (inspection) inspection.hazardsFound++

        const district = byId.get(village.parentId!)!
        const confidential = isConfidential(item)
        const leadUnit = categoryById[category].leadUnit
        const reporter = source === 'concentrated' ? users.district(district.id) : source === 'focused' ? leadUnit : users.grid(village.id)
        const life = liveHazard(day[h]!, asOf, {
          reporter, grid: users.grid(village.id), district: users.district(district.id), lead: leadUnit,
          leadHandles: confidential || random.chance(0.3),
        }, random, !confidential)
        id++
        const title = itemPlans[item]!.titles[random.int(0, itemPlans[item]!.titles.length - 1)]!
          .replace('{v}', village.name).replace('{s}', spot.site?.name ?? village.name).replace('{r}', spot.feature ?? village.name)
        hazards.push({
          id, code: `YH${String(id).padStart(7, '0')}`, title,
          description: `${village.name}${spot.site ? '·' + spot.site.name : ''}：${title}。${source === 'public_report' ? '群众举报，' : ''}经核实情况属实，已登记入账。`,
          category, item, status: life.status, level: life.level, source, location: spot.location,
          areaId: spot.grid.id, villageId: village.id, districtId: district.id, townId: district.parentId!,
          siteId: spot.site?.id ?? null, discoveredAt: life.events[0]!.at.slice(0, 10), reportedBy: reporter,
          measures: life.measures, leadUnit,
          responsibleUnit: life.assigned ? (spot.site?.name ?? `${village.name}村委会`) : null,
          responsiblePerson: life.assigned ? (spot.site?.responsible.name ?? personName(random)) : null,
          deadline: life.deadline, handlingLevel: life.handlingLevel, escalated: life.escalated,
          rectifiedAt: life.rectifiedAt, closedAt: life.closedAt, campaignId: null,
          version: life.events.length, updatedAt: life.updatedAt,
        })
        for (const e of life.events) {
          e.hazardId = id
          events.push(e)
        }
        if (hazards.length === (opts.batchSize ?? 20_000)) {
          yield { hazards, events }
          hazards = []
          events = []
        }
      }
      if (hazards.length) yield { hazards, events }
    },
  }
}
