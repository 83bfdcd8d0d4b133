import { type CategoryId, type LeadUnitId, categoryById, categoryOfLeadUnit, leadUnitIds } from './categories'
import { type Bucket, bucketsBetween, fromDay, toDay } from './days'
import { type SiteKind, siteKindIds } from './sites'

/**
 * Check plans (排查计划): what was due, from the plan's cadence (排查方式). Villages check themselves
 * continuously, counted weekly (经常性自查); the town inspects every village each half-month
 * (集中性排查); each lead unit makes its focused check monthly (重点性排查); and each key site is
 * checked at a cadence by its kind. Pure: the service brings the places and the inspections.
 */

export type Cadence = Bucket
export const cadenceIds = ['week', 'half-month', 'month'] as const satisfies readonly Cadence[]

/** The kinds of due check: the three rounds of the plan and a key site's check. */
export const checkKindIds = ['self_check', 'round', 'focused', 'site'] as const
export type CheckKind = (typeof checkKindIds)[number]

/** What a plan sets a cadence for: each of the three rounds, and each kind of key site. */
export const planKeys = ['self_check', 'round', 'focused', ...siteKindIds] as const
export type PlanKey = 'self_check' | 'round' | 'focused' | SiteKind
export type CheckPlan = Record<PlanKey, Cadence>

/**
 * The category whose lead unit answers for a kind of key site, as the plan lists them: the places
 * that could serve terror (fuel, chemicals, lodging, parcels) and crowded places and campuses under
 * 暴恐 (派出所); plants, water, slopes, tall buildings, markets and canteens under 安全事故 (安监办).
 */
export const siteKindCategory: Record<SiteKind, CategoryId> = {
  gas_station: 'violent_terror', chemical_shop: 'violent_terror', hardware_workshop: 'violent_terror', scrap_yard: 'violent_terror',
  logistics_firm: 'violent_terror', hotel: 'violent_terror', internet_cafe: 'violent_terror', religious_venue: 'violent_terror',
  rental_cluster: 'violent_terror', school: 'violent_terror', kindergarten: 'violent_terror', hospital: 'violent_terror',
  square: 'violent_terror', station: 'violent_terror',
  hazardous_enterprise: 'safety_accident', reservoir: 'safety_accident', river_section: 'safety_accident', mountain_slope: 'safety_accident',
  high_rise: 'safety_accident', large_complex: 'safety_accident', market: 'safety_accident', canteen: 'safety_accident',
}

/**
 * The defaults a town would use. Weekly where a lapse costs lives soonest or the goods could arm an
 * attack (fuel, chemicals, dangerous plants, children's campuses, reservoirs above villages);
 * half-monthly for crowded or lodging places, with the town's round; monthly for the rest.
 */
export const defaultPlan: CheckPlan = {
  self_check: 'week',
  round: 'half-month',
  focused: 'month',
  gas_station: 'week', chemical_shop: 'week', hazardous_enterprise: 'week', school: 'week', kindergarten: 'week', reservoir: 'week',
  hardware_workshop: 'half-month', scrap_yard: 'half-month', logistics_firm: 'half-month', hotel: 'half-month', internet_cafe: 'half-month',
  rental_cluster: 'half-month', market: 'half-month', hospital: 'half-month', station: 'half-month', canteen: 'half-month',
  religious_venue: 'month', square: 'month', river_section: 'month', mountain_slope: 'month', high_rise: 'month', large_complex: 'month',
}

/** The defaults with some cadences replaced (env CHECK_CADENCES). */
export function planWith(overrides: Partial<CheckPlan> = {}): CheckPlan {
  return { ...defaultPlan, ...overrides }
}

/** A village and the district holding it: where village checks are due. */
export interface PlanVillage {
  id: string
  parentId: string | null
}
export interface PlanSite {
  id: string
  kind: SiteKind
  villageId: string
}

/** One check that was due: of what, by whom, and the period it had to fall in (dates inclusive). */
export interface DueCheck {
  kind: CheckKind
  /** the village (self-check, round), lead unit (focused) or key site (site) checked */
  subjectId: string
  /** where it is due: the village and its district; none for a lead unit's town-wide focused check */
  villageId: string | null
  districtId: string | null
  /** the lead unit answering for it: the unit itself, or the lead unit of a site's kind */
  unit: LeadUnitId | null
  /** the category an inspection must concern: the unit's, or the site kind's */
  category: CategoryId | null
  start: string
  end: string
}

/** An inspection as check plans read it. */
export interface CheckRecord {
  id: number
  source: string
  date: string
  category: CategoryId | null
  /** the inspection's village, or null when it was recorded for a whole district (or the town) */
  villageId: string | null
  districtId: string | null
  /** the key site it names as checked, if one */
  siteId: string | null
  /** the lead unit of the account that recorded it, if one: its category stands in for a missing one */
  unit: LeadUnitId | null
}

/**
 * Every check due in [from, to]: a check is due in the range when its period *ends* in it, so
 * consecutive ranges share no check and each check is counted once (a monthly check falls in the
 * second half-month; a week straddling two months counts in the month it ends in). Listed by kind
 * (self-check, round, focused, site), then by period, then in the order the places are given.
 */
export function dueChecks(plan: CheckPlan, from: string, to: string, villages: readonly PlanVillage[], sites: readonly PlanSite[]): DueCheck[] {
  const periods = (cadence: Cadence) =>
    bucketsBetween(toDay(from), toDay(to), cadence)
      .filter(([, end]) => end <= toDay(to))
      .map(([start, end]) => ({ start: fromDay(start), end: fromDay(end) }))
  const districtOf = new Map(villages.map((v) => [v.id, v.parentId]))
  const out: DueCheck[] = []
  for (const kind of ['self_check', 'round'] as const)
    for (const p of periods(plan[kind]))
      for (const v of villages) out.push({ kind, subjectId: v.id, villageId: v.id, districtId: v.parentId, unit: null, category: null, ...p })
  for (const p of periods(plan.focused))
    for (const unit of leadUnitIds) out.push({ kind: 'focused', subjectId: unit, villageId: null, districtId: null, unit, category: categoryOfLeadUnit(unit), ...p })
  const siteChecks: DueCheck[] = []
  for (const site of sites) {
    const category = siteKindCategory[site.kind]
    for (const p of periods(plan[site.kind]))
      siteChecks.push({
        kind: 'site', subjectId: site.id, villageId: site.villageId, districtId: districtOf.get(site.villageId) ?? null,
        unit: categoryById[category].leadUnit, category, ...p,
      })
  }
  // Sites differ in cadence: order their checks by period, keeping the sites' order within one.
  siteChecks.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  return out.concat(siteChecks)
}

/** The category an inspection concerns: its own, or that of the lead unit that recorded it. */
export function categoryOfRecord(r: CheckRecord): CategoryId | null {
  return r.category ?? (r.unit ? categoryOfLeadUnit(r.unit) : null)
}

/** Whether an inspection was made at a check's village: there, or a round of its whole district. */
function coversVillage(r: CheckRecord, due: DueCheck): boolean {
  return r.villageId === due.villageId || (r.villageId === null && r.districtId !== null && r.districtId === due.districtId)
}

/**
 * Whether an inspection fulfils a due check: dated inside the check's period, and
 * - a village self-check: a routine inspection of that village (a district cannot check itself for it);
 * - a round: a concentrated inspection of the village, or of its whole district;
 * - a lead unit's focused check: a focused inspection of the unit's category, anywhere in the town;
 * - a key site's check: an inspection naming that site, whatever its source and category. One
 *   naming another site does not count for this one. One naming no site (older records, rounds)
 *   counts when it was made in the site's village (or its whole district) and concerns the
 *   category of the site kind's lead unit, whatever its source; a round that names neither a site
 *   nor a category does not count: nothing says it looked at that site.
 * An inspection's category is its own or, when it names none, its recording lead unit's.
 */
export function fulfils(r: CheckRecord, due: DueCheck): boolean {
  if (r.date < due.start || r.date > due.end) return false
  switch (due.kind) {
    case 'self_check':
      return r.source === 'routine' && r.villageId === due.villageId
    case 'round':
      return r.source === 'concentrated' && coversVillage(r, due)
    case 'focused':
      return r.source === 'focused' && categoryOfRecord(r) === due.category
    case 'site':
      if (r.siteId) return r.siteId === due.subjectId
      return categoryOfRecord(r) === due.category && coversVillage(r, due)
  }
}
