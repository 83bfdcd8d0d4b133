import { type CategoryId, categoryById, categoryIds, isConfidential } from '../../domain/categories'
import type { Hazard, HazardEvent, Person } from '../../domain/schemas'
import { type SourceId } from '../../domain/sources'
import { MISSED_WITHIN_DAYS } from '../../domain/accountability'
import { fromDay, toDay } from '../../domain/days'
import { binDays, binOf } from '../../domain/warnings/model'
import { HistoryWriter, LITERAL_NOTE, decodeHistory, historyStatuses, noteCode } from '../../store/history'
import { type HazardSink, bulkHazardFields } from '../../store/bulk-load'
import type { AreaFeature, Geography } from '../geography'
import { personName } from '../names'
import { Random, WeightedTable } from '../random'
import { ClosedPlaces } from './closed-places'
import { type SeedInspection, planInspections, planSiteChecks } from './inspections'
import { planPersons } from './persons'
import { PlacementModel, type Spot } from './placement'
import { DemoStructure, type Planned, StructureFollower } from './structure'
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
/** Read once: an imported binding is a getter call in the transpiled module. */
const missedWithin = MISSED_WITHIN_DAYS

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

/** The structure (structure.ts) the ledger of this seed and day is generated with: for tests that check the warnings it should raise. */
export function demoStructure(geo: Geography, seed: number, asOf: string): DemoStructure {
  const root = new Random(seed)
  return new DemoStructure(geo, new PlacementModel(geo, root.fork('places')), toDay(asOf), root.fork('structure'))
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
  // Seasons, emerging hot spots, repeat sites and a district falling behind (structure.ts), for the early warnings.
  const structure = new DemoStructure(geo, places, asOf, root.fork('structure'))
  const seasons = structure.seasons
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

  // A village's self-checks, by date, for the calibration below; and as positions in `inspections`.
  const selfChecks = new Map<string, SeedInspection[]>()
  for (const i of rounds) if (i.source === 'routine' && i.villageId) selfChecks.set(i.villageId, [...(selfChecks.get(i.villageId) ?? []), i])
  const selfCheckAt = new Map([...selfChecks].map(([v, list]) => [v, Int32Array.from(list, (c) => c.id - 1)]))
  // Each inspection's day, read per hazard (an inspection's id is its position + 1).
  const inspectionDay = Int32Array.from(inspections, (i) => toDay(i.date))

  /**
   * Villages find most of what is there themselves. Left to chance, half of what the town's rounds
   * and the public find would follow a self-check that recorded nothing — 漏报 in every village every
   * month (server/domain/accountability.ts). A town running the campaign does better: such a find is,
   * mostly, made by that self-check instead (its occasion and day become the check's). Its own stream,
   * so the rest of the ledger draws as before.
   */
  function selfChecksFindMost(occasion: Int32Array, publicVillage: Int32Array, day: Int32Array, hot: Int8Array, random: Random): void {
    const found = new Int32Array(inspections.length)
    for (let h = 0; h < occasion.length; h++) if (publicVillage[h]! < 0) found[occasion[h]!]!++
    for (let h = 0; h < occasion.length; h++) {
      if (hot[h]) continue
      const inspection = publicVillage[h]! >= 0 ? null : inspections[occasion[h]!]!
      if (inspection && inspection.source !== 'concentrated') continue
      const villageId = inspection ? inspection.villageId : places.villages[publicVillage[h]!]!.id
      // The latest quiet check in the days before: the village's checks are by date, so read from the last back.
      const checks = selfCheckAt.get(villageId ?? '')
      let check = -1
      for (let k = (checks?.length ?? 0) - 1; k >= 0; k--) {
        const days = day[h]! - inspectionDay[checks![k]!]!
        if (days < 0) continue
        if (days > missedWithin) break
        if (found[checks![k]!] === 0) {
          check = checks![k]!
          break
        }
      }
      if (check < 0 || !random.chance(SELF_CHECK_FINDS)) continue
      if (inspection) found[occasion[h]!]!--
      occasion[h] = check
      publicVillage[h] = -1
      day[h] = inspectionDay[check]!
      found[check]!++
    }
  }

  /**
   * Moves hazards of the last half-months into the emerging hot spots (structure.ts), as many a
   * half-month as each plans: any but a lead unit's focused finds, taken at random from the same
   * half-month, found instead by the hot spot's village on one of its self-checks then (or reported
   * by the public there when it made none). Returns each hazard's hot spot (1-based), or 0.
   */
  function plantHotSpots(occasion: Int32Array, publicVillage: Int32Array, day: Int32Array, random: Random): Int8Array {
    const hot = new Int8Array(occasion.length)
    const bins = Math.max(0, ...structure.hotSpots.map((p) => p.extra.length))
    const inBin: number[][] = Array.from({ length: bins }, () => [])
    for (let h = 0; h < occasion.length; h++) {
      if (publicVillage[h]! < 0 && inspections[occasion[h]!]!.leadUnit) continue
      const k = binOf(asOf, day[h]!)
      if (k >= 0 && k < bins) inBin[k]!.push(h)
    }
    structure.hotSpots.forEach((plan, p) =>
      plan.extra.forEach((extra, k) => {
        const [first, last] = binDays(asOf, k)
        const checks = (selfChecks.get(plan.village.id) ?? []).filter((c) => toDay(c.date) >= first && toDay(c.date) <= last)
        const pool = inBin[k]!
        for (let i = 0; i < extra && pool.length; i++) {
          const at = random.int(0, pool.length - 1)
          const h = pool[at]!
          pool[at] = pool[pool.length - 1]!
          pool.pop()
          hot[h] = p + 1
          if (checks.length) {
            const check = random.pick(checks)
            occasion[h] = check.id - 1
            publicVillage[h] = -1
            day[h] = inspectionDay[check.id - 1]!
          } else publicVillage[h] = villageOrd.get(plan.village)!
        }
      }),
    )
    return hot
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
        day[h] = inspectionDay[inspection.id - 1]!
      }
    }
    const hot = plantHotSpots(occasion, publicVillage, day, root.fork('hot-spots'))
    selfChecksFindMost(occasion, publicVillage, day, hot, root.fork('self-checks'))
    // A counting sort by day keeps draw order within a day: stable, and linear in n.
    const perDay = new Int32Array(asOf - start + 2)
    for (let h = 0; h < n; h++) perDay[day[h]! - start + 1]!++
    for (let d = 1; d < perDay.length; d++) perDay[d]! += perDay[d - 1]!
    const order = new Int32Array(n)
    for (let h = 0; h < n; h++) order[perDay[day[h]! - start]!++] = h

    const life = new Life()
    const closedHere = new ClosedPlaces()
    const reopenRandom = root.fork('reopenings')
    const follower = new StructureFollower(structure, root.fork('structure-follower'))
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
      let item = seasons.table(category, day[h]!).draw(random)
      let spot: Spot | null = places.place(itemPlans[item]!.place, village, random)
      // Not every village has a road, water or each kind of site: draw again, and when that fails
      // look in another village of the district (a unit's focused inspection covers the district)
      // or for another kind of risk (a village's own check finds what the village has).
      for (let tries = 1; !spot && tries < 24; tries++) {
        if (tries % 4 === 0) {
          if (inspection?.leadUnit) village = random.pick(villagesOf.get(inspection.areaId)!)
          else category = categoryTable.draw(random)
        }
        item = seasons.table(category, day[h]!).draw(random)
        spot = places.place(itemPlans[item]!.place, village, random)
      }
      if (!spot) {
        category = 'mass_incident'
        item = 'land_disputes'
        spot = places.inVillage(random, village)
      }
      // A hot spot's hazard, or a repeat site's, takes the item and place the structure plans for it.
      const repeat = hot[h] || inspection?.leadUnit ? null : follower.repeatSite(village, day[h]!)
      let planned: Planned | null = hot[h] ? follower.hot(structure.hotSpots[hot[h]! - 1]!) : repeat
      // A hot spot is many places near each other, not one place again: not within 50 m of its own close-outs.
      for (let tries = 0; hot[h] && tries < 8 && closedHere.reopens(planned!.item, planned!.spot, day[h]!); tries++) planned = follower.hot(structure.hotSpots[hot[h]! - 1]!)
      if (planned) [category, item, spot, village] = [planned.category, planned.item, planned.spot, planned.spot.village]
      else if (!inspection?.leadUnit) spot = follower.quietBefore(category, spot, day[h]!) ?? spot
      // The same item back at a place closed out within 60 days is a suspected false close-out
      // (accountability.ts): the demo keeps a few and draws the others' item and spot again.
      let kept = false
      if (!planned && closedHere.reopens(item, spot, day[h]!) && !(kept = reopenRandom.chance(REOPENINGS_KEPT))) {
        // The same table each try (six tries a hazard on average): looked up once.
        const items = seasons.table(category, day[h]!)
        for (let tries = 0; tries < 8 && closedHere.reopens(item, spot, day[h]!); tries++) {
          // A lead unit's round covers its district: it may as well have found this in another village.
          const where = inspection?.leadUnit && tries % 2 === 1 ? reopenRandom.pick(villagesOf.get(inspection.areaId)!) : village
          const again = items.draw(reopenRandom)
          const there = places.place(itemPlans[again]!.place, where, reopenRandom)
          if (there) [item, spot, village] = [again, there, where]
        }
      }
      // A village with one site of a kind has nowhere else for that item: a village's own check finds
      // a dispute instead (as when nothing fits at all), so unplanned returns stay as few as the share kept.
      if (!planned && !inspection?.leadUnit && closedHere.reopens(item, spot, day[h]!) && !kept) {
        category = 'mass_incident'
        item = 'land_disputes'
        spot = places.inVillage(reopenRandom, village)
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
      const lifePlan = planned ? planned.life : follower.stall(village, day[h]!, !!inspection?.leadUnit)
      life.live(receivedDay, asOf, reporter, confidential || random.chance(0.3), random, !confidential, timing.received % 1440, lifePlan)
      if (life.closedAt) closedHere.add(item, spot, life.closedDay)
      if (repeat) follower.lived(repeat.state, life.closedAt ? life.closedDay : null)
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
