import { type CategoryId, categoryById, itemById } from '../categories'
import { fromDay, toDay } from '../days'
import { BIN_DAYS, type DetectorOptions, type SeasonEntry, type Signal, type WarningGeography, type WarningLedger, binDays } from './model'
import { itemIdOf, round, signalKey } from './signals'

/**
 * Detector 5, seasonal reminders (季节性提醒): each entry of the calendar active on the day (from
 * `leadDays` before its first day to its last, wrapping the new year) raises one blue reminder (R10)
 * per town and per lead unit whose category holds the entry's items, with the items' finds of the
 * last half-month beside the same half-month a year earlier.
 */

const YEAR_DAYS = 365
const EVIDENCE_MAX = 10
/** The town of a geography that names none. */
const ONE_TOWN = 'town'

/** When a season runs in a given year: its first and last day, and the day its reminder starts. */
function seasonIn(entry: SeasonEntry, year: number): { remind: number; start: number; end: number } {
  const start = toDay(`${year}-${entry.from}`)
  // a season whose last day comes before its first in the calendar ends in the next year
  const end = toDay(`${entry.to < entry.from ? year + 1 : year}-${entry.to}`)
  return { remind: start - entry.leadDays, start, end }
}

/** The season of an entry the day falls in (its reminder included), or null. */
export function activeSeason(entry: SeasonEntry, day: number): { remind: number; start: number; end: number } | null {
  const year = +fromDay(day).slice(0, 4)
  // the season that began last year may still run; next year's reminder may already have started (lead days over the new year)
  for (const y of [year - 1, year, year + 1]) {
    const s = seasonIn(entry, y)
    if (day >= s.remind && day <= s.end) return s
  }
  return null
}

export function detectSeasonal(l: WarningLedger, geo: WarningGeography, options: DetectorOptions): Signal[] {
  const asOf = toDay(options.asOf)
  const towns = geo.towns && geo.towns.length > 0 ? geo.towns : [{ id: ONE_TOWN, name: '' }]
  const townOrd = new Map(towns.map((t, k) => [t.id, k]))
  const districtTown = new Map(geo.districts.map((d) => [d.id, townOrd.get(d.townId ?? '') ?? 0]))
  const cellTown = Int32Array.from(geo.cells, (c) => districtTown.get(c.districtId) ?? 0)
  const out: Signal[] = []
  for (const entry of options.calendar) {
    const season = activeSeason(entry, asOf)
    if (!season) continue
    for (const [category, items] of itemsByCategory(entry)) {
      const counts = countByTown(l, cellTown, towns.length, items, asOf, geo.since)
      towns.forEach((town, t) => out.push(reminder(entry, season, category, items, town.id, counts, t, asOf)))
    }
  }
  return out
}

/** The entry's items grouped by the category (and so the lead unit) that holds them; unknown items left out. */
function itemsByCategory(entry: SeasonEntry): Map<CategoryId, string[]> {
  const out = new Map<CategoryId, string[]>()
  for (const id of entry.items) {
    const category = itemById.get(id)?.category
    if (!category) continue
    const list = out.get(category) ?? []
    if (!list.includes(id)) list.push(id)
    out.set(category, list)
  }
  return out
}

interface TownCounts {
  observed: Int32Array
  /** the same half-month a year earlier, as known then; null when the ledger does not reach back */
  lastYear: Int32Array | null
  /** ids of the latest finds in the last half-month, per town */
  evidence: number[][]
}

/** The items' finds per town in the last half-month (known by the day), and a year earlier (known by then). */
function countByTown(l: WarningLedger, cellTown: Int32Array, towns: number, items: readonly string[], asOf: number, since: number): TownCounts {
  const wanted = new Uint8Array(itemIdOf.length)
  for (const id of items) wanted[itemIdOf.indexOf(id)] = 1
  const [from, to] = binDays(asOf, 0)
  const reaches = since <= from - YEAR_DAYS
  const observed = new Int32Array(towns)
  const lastYear = reaches ? new Int32Array(towns) : null
  const evidence: number[][] = Array.from({ length: towns }, () => [])
  for (let i = 0; i < l.n; i++) {
    if (!wanted[l.item[i]!]) continue
    const d = l.discovered[i]!
    const t = cellTown[l.grid[i]!]!
    if (d >= from && d <= to && l.reported[i]! <= asOf) {
      observed[t]!++
      evidence[t]!.push(i)
    } else if (lastYear && d >= from - YEAR_DAYS && d <= to - YEAR_DAYS && l.reported[i]! <= asOf - YEAR_DAYS) lastYear[t]!++
  }
  const latestFirst = (a: number, b: number) => l.discovered[b]! - l.discovered[a]! || l.id[b]! - l.id[a]!
  return { observed, lastYear, evidence: evidence.map((rows) => rows.sort(latestFirst).slice(0, EVIDENCE_MAX).map((i) => l.id[i]!)) }
}

function reminder(
  entry: SeasonEntry, season: { remind: number; start: number; end: number }, category: CategoryId, items: readonly string[],
  townId: string, counts: TownCounts, t: number, asOf: number,
): Signal {
  const [from, to] = binDays(asOf, 0)
  const observed = counts.observed[t]!
  const expected = counts.lastYear ? counts.lastYear[t]! : null
  return {
    key: signalKey('seasonal', `town:${townId}`, category, entry.id),
    detector: 'seasonal',
    level: 'blue',
    ruleId: 'R10',
    area: { kind: 'town', id: townId },
    category,
    // one item named when the unit's share of the entry is one item; several are listed in the parameters
    item: items.length === 1 ? items[0]! : null,
    window: { from: fromDay(from), to: fromDay(to) },
    observed,
    expected,
    ratio: expected ? round(observed / expected) : null,
    stats: {},
    streak: null,
    slope: null,
    evidence: counts.evidence[t]!,
    parameters: {
      season: entry.id, seasonZh: entry.zh, seasonEn: entry.en, from: fromDay(season.start), to: fromDay(season.end),
      leadDays: entry.leadDays, items: items.join(','), phase: asOf < season.start ? 'ahead' : 'in_season', binDays: BIN_DAYS,
    },
    responsible: { kind: 'lead_unit', id: categoryById[category].leadUnit },
  }
}
