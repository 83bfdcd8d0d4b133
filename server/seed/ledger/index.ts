import { type CategoryId, categoryById, categoryIds, isConfidential } from '../../domain/categories'
import type { Hazard, HazardEvent, Person } from '../../domain/schemas'
import { type SourceId } from '../../domain/sources'
import { MISSED_WITHIN_DAYS, REOPEN_DAYS } from '../../domain/accountability'
import { fromDay, toDay } from '../../domain/days'
import { HistoryWriter, LITERAL_NOTE, decodeHistory, historyStatuses, noteCode } from '../../store/history'
import { type HazardSink, bulkHazardFields } from '../../store/bulk-load'
import type { AreaFeature, Geography } from '../geography'
import { personName } from '../names'
import { Random, WeightedTable } from '../random'
import { type SeedInspection, planInspections, planSiteChecks } from './inspections'
import { planPersons } from './persons'
import { PlacementModel, type Spot } from './placement'
import { itemPlans } from './templates'
import { DISTRICT, GRID, LEAD, Life } from './timeline'
import { ReportTiming, minuteText } from './times'

export interface LedgerOptions {
  seed: number
  asOf: string
  /** hazards in the campaign year */
  hazards: number
  /** hazards per batch of batches() */
  batchSize?: number
}

export interface Ledger {
  campaignStart: string
  inspections: SeedInspection[]
  persons: Person[]
  /**
   * Writes the hazards in discovery order to a sink, each as a flat row with its history as one
   * compact blob (the bulk load's layout); inspections' counts fill as it runs.
   */
  write(sink: HazardSink): void
  /** The same hazards and their events as records, in batches: for tests, dumps and diffs. */
  batches(): Generator<{ hazards: Hazard[]; events: HazardEvent[] }>
}

const categoryWeights: Record<CategoryId, number> = { violent_terror: 8, mass_incident: 22, individual_extreme: 15, safety_accident: 55 }
const sourceWeights: Array<[SourceId, number]> = [['routine', 50], ['concentrated', 28], ['focused', 14], ['public_report', 8]]
/** Share of the rounds' and the public's finds after a quiet self-check that the self-check makes instead (selfChecksFindMost). */
const SELF_CHECK_FINDS = 0.85
/** Share of the same item's return to a closed-out place that the demo keeps (suspected false close-outs, 虚假销号). */
const REOPENINGS_KEPT = 0.08

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
  const rounds = planInspections(places.villages, users.districts, start, asOf, users, root.fork('inspections'))
  // Key sites' checks find nothing in the demo: they come after the rounds, which are the occasions hazards are found on.
  const siteChecks = planSiteChecks(geo.sites, places.villages.map((v) => v.id), start, asOf, rounds.length + 1, root.fork('site-checks'))
  const inspections = rounds.concat(siteChecks)
  const persons = planPersons(places.villages, root.fork('persons'))

  const itemTables = new Map(
    categoryIds.map((c) => {
      const items = categoryById[c].items.map((i) => i.id)
      return [c, new WeightedTable(items, items.map((i) => itemPlans[i]!.weight))] as const
    }),
  )
  const categoryTable = new WeightedTable(categoryIds, categoryIds.map((c) => categoryWeights[c]))
  const ofSource = new Map<SourceId, SeedInspection[]>()
  for (const i of rounds) ofSource.set(i.source, [...(ofSource.get(i.source) ?? []), i])
  const villageOrd = new Map(places.villages.map((v, i) => [v, i] as const))
  const villagesOf = new Map<string, AreaFeature[]>()
  for (const v of places.villages) villagesOf.set(v.parentId!, [...(villagesOf.get(v.parentId!) ?? []), v])

  // Titles and descriptions repeat (an item's few phrasings at a few hundred places): made once each.
  const titles = new Map<string, { name: 'v' | 's' | 'r' | null; made: Map<string, string> }>()
  const titleOf = (template: string, village: AreaFeature, spot: Spot): string => {
    let plan = titles.get(template)
    if (!plan) {
      // One placeholder a phrasing: the name alone decides the title, so titles are kept by it.
      const names = template.match(/\{[vsr]\}/g) ?? []
      titles.set(template, (plan = { name: names.length === 1 ? (names[0]![1] as 'v' | 's' | 'r') : null, made: new Map() }))
    }
    const name = plan.name === 'v' ? village.name : plan.name === 's' ? (spot.site?.name ?? village.name) : plan.name === 'r' ? (spot.feature ?? village.name) : null
    let title = name === null ? undefined : plan.made.get(name)
    if (title === undefined) {
      title = template.replace('{v}', village.name).replace('{s}', spot.site?.name ?? village.name).replace('{r}', spot.feature ?? village.name)
      if (name !== null) plan.made.set(name, title)
    }
    return title
  }
  const siteOrd = new Map(geo.sites.map((site, i) => [site.id, i + 1]))
  const descriptions = new Map<string, Map<number, string>>()
  const descriptionOf = (title: string, village: AreaFeature, spot: Spot, publicReport: boolean): string => {
    const key = ((villageOrd.get(village)! * (geo.sites.length + 1) + (spot.site ? siteOrd.get(spot.site.id)! : 0)) << 1) | (publicReport ? 1 : 0)
    let byKey = descriptions.get(title)
    if (!byKey) descriptions.set(title, (byKey = new Map()))
    let text = byKey.get(key)
    if (text === undefined) {
      text = `${village.name}${spot.site ? '·' + spot.site.name : ''}：${title}。${publicReport ? '群众举报，' : ''}经核实情况属实，已登记入账。`
      byKey.set(key, text)
    }
    return text
  }
  const committees = new Map(places.villages.map((v) => [v, `${v.name}村委会`]))
  const gridUsers = new Map(places.villages.map((v) => [v, users.grid(v.id)]))
  const categoryOfUnit = new Map<string, CategoryId>()
  for (const c of categoryIds) if (!categoryOfUnit.has(categoryById[c].leadUnit)) categoryOfUnit.set(categoryById[c].leadUnit, c)

  // A village's self-checks, by date, for the calibration below.
  const selfChecks = new Map<string, SeedInspection[]>()
  for (const i of rounds) if (i.source === 'routine' && i.villageId) selfChecks.set(i.villageId, [...(selfChecks.get(i.villageId) ?? []), i])

  /**
   * Villages find most of what is there themselves. Left to chance, half of what the town's rounds
   * and the public find would follow a self-check that recorded nothing — 漏报 in every village every
   * month (server/domain/accountability.ts). A town running the campaign does better: such a find is,
   * mostly, made by that self-check instead (its occasion and day become the check's). Its own stream,
   * so the rest of the ledger draws as before.
   */
  function selfChecksFindMost(occasion: Int32Array, publicVillage: Int32Array, day: Int32Array, random: Random): void {
    const found = new Int32Array(inspections.length)
    for (let h = 0; h < occasion.length; h++) if (publicVillage[h]! < 0) found[occasion[h]!]!++
    for (let h = 0; h < occasion.length; h++) {
      const inspection = publicVillage[h]! >= 0 ? null : inspections[occasion[h]!]!
      if (inspection && inspection.source !== 'concentrated') continue
      const villageId = inspection ? inspection.villageId : places.villages[publicVillage[h]!]!.id
      const quiet = (selfChecks.get(villageId ?? '') ?? []).filter((c) => {
        const days = day[h]! - toDay(c.date)
        return days >= 0 && days <= MISSED_WITHIN_DAYS && found[c.id - 1] === 0
      })
      if (!quiet.length || !random.chance(SELF_CHECK_FINDS)) continue
      const check = quiet[quiet.length - 1]!
      if (inspection) found[occasion[h]!]!--
      occasion[h] = check.id - 1
      publicVillage[h] = -1
      day[h] = toDay(check.date)
      found[check.id - 1]!++
    }
  }

  /** Writes the hazards to the sink, pausing (yielding) after every `every` of them. */
  function* run(sink: HazardSink, every: number): Generator<void> {
    const random = root.fork('hazards')
    for (const i of inspections) i.hazardsFound = 0
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
    selfChecksFindMost(occasion, publicVillage, day, root.fork('self-checks'))
    // A counting sort by day keeps draw order within a day: stable, and linear in n.
    const perDay = new Int32Array(asOf - start + 2)
    for (let h = 0; h < n; h++) perDay[day[h]! - start + 1]!++
    for (let d = 1; d < perDay.length; d++) perDay[d]! += perDay[d - 1]!
    const order = new Int32Array(n)
    for (let h = 0; h < n; h++) order[perDay[day[h]! - start]!++] = h

    const life = new Life()
    const closedHere = new ClosedPlaces()
    const reopenRandom = root.fork('reopenings')
    // Found, reported and received from their own stream: the rest of the ledger draws as before.
    const timing = new ReportTiming(places.villages.length, root.fork('times'))
    const history = new HistoryWriter()
    const actors = ['', '', '']
    let id = 0
    for (const h of order) {
      const inspection = publicVillage[h]! >= 0 ? null : inspections[occasion[h]!]!
      const source: SourceId = inspection?.source ?? 'public_report'
      let village =
        publicVillage[h]! >= 0 ? places.villages[publicVillage[h]!]!
        : inspection!.villageId ? byId.get(inspection!.villageId)!
        : random.pick(villagesOf.get(inspection!.areaId)!)
      let category = inspection?.leadUnit ? categoryOfUnit.get(inspection.leadUnit)! : categoryTable.draw(random)
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
      // The same item back at a place closed out within 60 days is a suspected false close-out
      // (accountability.ts): the demo keeps a few and draws the others' item and spot again.
      if (closedHere.reopens(item, spot, day[h]!) && !reopenRandom.chance(REOPENINGS_KEPT))
        for (let tries = 0; tries < 8 && closedHere.reopens(item, spot, day[h]!); tries++) {
          const again = itemTables.get(category)!.draw(reopenRandom)
          const there = places.place(itemPlans[again]!.place, village, reopenRandom)
          if (there) [item, spot] = [again, there]
        }
      if (inspection) inspection.hazardsFound++

      const district = byId.get(village.parentId!)!
      const confidential = isConfidential(item)
      const leadUnit = categoryById[category].leadUnit
      actors[GRID] = gridUsers.get(village)!
      actors[DISTRICT] = users.district(district.id)
      actors[LEAD] = leadUnit
      const reporter = source === 'concentrated' ? DISTRICT : source === 'focused' ? LEAD : GRID
      timing.draw(day[h]!, villageOrd.get(village)!, asOf)
      // The history starts when the server received the report.
      const receivedDay = Math.floor(timing.received / 1440)
      life.live(receivedDay, asOf, reporter, confidential || random.chance(0.3), random, !confidential, timing.received % 1440)
      if (life.closedAt) closedHere.add(item, spot, toDay(life.closedAt))
      id++
      const plan = itemPlans[item]!
      const title = titleOf(plan.titles[random.int(0, plan.titles.length - 1)]!, village, spot)
      const responsiblePerson = life.assigned ? (spot.site?.responsible.name ?? personName(random)) : null

      history.begin(receivedDay)
      for (let e = 0; e < life.n; e++) {
        const note = life.eventNote[e]!
        const code = noteCode(note)
        history.event(life.eventDay[e]!, 480 + life.eventMinutes[e]!, actors[life.eventActor[e]!]!, life.eventAction[e]!, life.eventTo[e]!, code, code === LITERAL_NOTE ? note : null)
      }
      sink.values.push(
        id, `YH${String(id).padStart(7, '0')}`, title, descriptionOf(title, village, spot, source === 'public_report'),
        category, item, historyStatuses[life.status], life.level, source, spot.grid.id, village.id, district.id,
        district.parentId!, spot.site?.id ?? null, fromDay(day[h]!), minuteText(timing.found), minuteText(timing.reported),
        minuteText(timing.received), actors[reporter], life.measures, leadUnit,
        life.assigned ? (spot.site?.name ?? committees.get(village)!) : null, responsiblePerson, life.deadline,
        life.handlingLevel, life.escalated ? 1 : 0, life.rectifiedAt, life.closedAt, null, life.n, life.updatedAt(),
        spot.location[0], spot.location[1],
      )
      sink.next(history.finish())
      if (life.escalation >= 0) sink.escalation(id, life.at(life.escalation))
      if (id % every === 0) yield
    }
  }

  return {
    campaignStart: new Date(start * 86_400_000).toISOString().slice(0, 10),
    inspections,
    persons,
    write(sink) {
      for (const _ of run(sink, Infinity));
    },
    *batches() {
      // The records are read back from the rows the store is given, so both say the same.
      let hazards: Hazard[] = []
      let events: HazardEvent[] = []
      const sink: HazardSink = {
        values: [],
        next(history) {
          const h = hazardOf(sink.values)
          hazards.push(h)
          for (const e of decodeHistory(h.id, history)) events.push(e)
          sink.values.length = 0
        },
        escalation() {},
      }
      for (const _ of run(sink, opts.batchSize ?? 20_000)) {
        yield { hazards, events }
        hazards = []
        events = []
      }
      if (hazards.length) yield { hazards, events }
    },
  }
}

/** Where each item was closed out and when: a site, or a cell of about 50 m (close enough for the demo's draws). */
class ClosedPlaces {
  private readonly days = new Map<string, number[]>()
  private key(item: string, spot: Spot): string {
    return spot.site ? `${item}|${spot.site.id}` : `${item}|${Math.round(spot.location[0] / 0.0006)}|${Math.round(spot.location[1] / 0.00045)}`
  }
  add(item: string, spot: Spot, closedDay: number): void {
    const key = this.key(item, spot)
    const list = this.days.get(key)
    if (list) list.push(closedDay)
    else this.days.set(key, [closedDay])
  }
  reopens(item: string, spot: Spot, foundDay: number): boolean {
    return !!this.days.get(this.key(item, spot))?.some((closed) => foundDay >= closed && foundDay - closed <= REOPEN_DAYS)
  }
}

const field = Object.fromEntries(bulkHazardFields.map((f, i) => [f, i])) as Record<(typeof bulkHazardFields)[number], number>

/** A flat row back as a hazard record. */
function hazardOf(v: readonly unknown[]): Hazard {
  const get = <T>(f: (typeof bulkHazardFields)[number]) => v[field[f]] as T
  return {
    id: get('id'), code: get('code'), title: get('title'), description: get('description'), category: get('category'),
    item: get('item'), status: get('status'), level: get('level'), source: get('source'), location: [get('lon'), get('lat')],
    areaId: get('areaId'), villageId: get('villageId'), districtId: get('districtId'), townId: get('townId'),
    siteId: get('siteId'), discoveredAt: get('discoveredAt'), foundAt: get('foundAt'), reportedAt: get('reportedAt'),
    receivedAt: get('receivedAt'), reportedBy: get('reportedBy'), measures: get('measures'),
    leadUnit: get('leadUnit'), responsibleUnit: get('responsibleUnit'), responsiblePerson: get('responsiblePerson'),
    deadline: get('deadline'), handlingLevel: get('handlingLevel'), escalated: get('escalated') === 1,
    rectifiedAt: get('rectifiedAt'), closedAt: get('closedAt'), campaignId: get('campaignId'), version: get('version'),
    updatedAt: get('updatedAt'),
  }
}
