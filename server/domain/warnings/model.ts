import type { CategoryId, LeadUnitId } from '../categories'

/**
 * Early warning (预测预警, issue 14): the shared vocabulary of the detectors, the warning records and
 * the views. Pure and zod-free, so the detectors run the same in the server, in a worker thread and
 * in the backtest harness. The API's schemas are in server/domain/contract/warnings.ts.
 */

/** The five detectors, in the order the issue names them. */
export const detectorIds = ['hot_spot', 'rising_trend', 'repeat_site', 'overdue', 'seasonal'] as const
export type DetectorId = (typeof detectorIds)[number]

/** 四色: red, orange, yellow, blue; most severe first. */
export const warningLevelIds = ['red', 'orange', 'yellow', 'blue'] as const
export type WarningLevel = (typeof warningLevelIds)[number]
export const warningLevelColor: Record<WarningLevel, string> = { red: '#d7191c', orange: '#f57c00', yellow: '#f2c500', blue: '#2b83ba' }
/** Days to respond (签收 and start 处置) by level, counted from issue. */
export const responseDays: Record<WarningLevel, number> = { red: 1, orange: 3, yellow: 7, blue: 15 }

/** A warning's lifecycle: 发布 → 签收 → 处置中 → 解除. */
export const warningStatusIds = ['issued', 'acknowledged', 'responding', 'lifted'] as const
export type WarningStatus = (typeof warningStatusIds)[number]

/** What a user may do to a warning (POST /api/warnings/{id}/actions). */
export const warningActionIds = ['acknowledge', 'respond', 'note', 'link', 'raise', 'lower', 'lift'] as const
export type WarningActionId = (typeof warningActionIds)[number]

/** Emerging hot spot categories of the space-time pattern-mining literature (ArcGIS's Emerging Hot Spot Analysis). */
export const hotSpotPatternIds = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'] as const
export type HotSpotPattern = (typeof hotSpotPatternIds)[number]
/** Patterns that raise a warning; `persistent` is shown as a standing layer instead. */
export const warnedPatterns: readonly HotSpotPattern[] = ['new', 'consecutive', 'intensifying']

/** A detector's time step: 15 days. Bin 0 is the 15 days ending on the as-of day, bin 1 the 15 before, … */
export const BIN_DAYS = 15
/** How many bins a detector looks back at most (a year). */
export const MAX_BINS = 24

/** The first and last day of bin `k` before an as-of day (days since 1970). */
export function binDays(asOf: number, k: number): [number, number] {
  const last = asOf - k * BIN_DAYS
  return [last - BIN_DAYS + 1, last]
}

/** The bin a day falls in, as of a day: 0 for the latest 15 days; negative after the as-of day. */
export function binOf(asOf: number, day: number): number {
  return Math.floor((asOf - day) / BIN_DAYS)
}

// ---------------------------------------------------------------------------------------------
// The detectors' input: the ledger as typed columns, as of any day
// ---------------------------------------------------------------------------------------------

/**
 * The hazards as the detectors read them (a copy of the ledger index's columns, or a generated
 * ledger in the backtest). Days are whole days since 1970 (domain/days.ts toDay).
 * A hazard is known as of day D when reported[i] ≤ D; closed as of D when 0 < closed[i] ≤ D.
 */
export interface WarningLedger {
  n: number
  id: Int32Array
  /** grid cell ordinal (WarningGeography.cells) */
  grid: Uint16Array
  /** item code: index into domain/categories itemIds */
  item: Uint8Array
  /** risk level code: 0 unassessed, 1 major, 2 significant, 3 general, 4 low (ledger/codes.ts levelCode) */
  level: Uint8Array
  /** the day it was found (发现) */
  discovered: Int32Array
  /** the day it was reported (登记): from then on it is known */
  reported: Int32Array
  /** the day it was closed out (销号); 0 while open */
  closed: Int32Array
  /** its rectification deadline; 0 while it has none */
  deadline: Int32Array
  lon: Float32Array
  lat: Float32Array
  /** key site ordinal; 0 when at none */
  site: Int32Array
  /** the day rectification was reported done (整改完成, awaiting verification); 0 while not. Absent: never */
  rectified?: Int32Array
  /** the key site of each ordinal (index 0 unused), so a warning names the site, not its ordinal. Absent: `site:<ordinal>` */
  siteIds?: readonly string[]
}

export interface WarningCell {
  id: string
  villageId: string
  districtId: string
  /** ordinals of the cells sharing a boundary with it */
  neighbours: number[]
  /** km², for the hot-spot PAI */
  areaKm2: number
}

export interface WarningGeography {
  cells: WarningCell[]
  villages: Array<{ id: string; name: string; districtId: string }>
  districts: Array<{ id: string; name: string; /** its town (镇街); absent: the one town of `towns` */ townId?: string }>
  /** the towns (镇街): seasonal reminders go to each town's lead units. Absent: one town, id 'town' */
  towns?: Array<{ id: string; name: string }>
  /** the campaign's first day: bins before it hold no records and are not counted */
  since: number
}

// ---------------------------------------------------------------------------------------------
// What a detector finds
// ---------------------------------------------------------------------------------------------

/** Where a signal is: a set of grid cells, a village, a district, a lead unit, a key site or the whole town. */
export type SignalArea =
  | { kind: 'cells'; id: string; cells: string[]; villageId: string; districtId: string }
  | { kind: 'village'; id: string; districtId: string }
  | { kind: 'district'; id: string }
  | { kind: 'unit'; id: LeadUnitId }
  | { kind: 'site'; id: string; cells: string[]; villageId: string; districtId: string }
  | { kind: 'town'; id: string }

/** Who must respond: the category's lead unit, or the district. */
export type Responsible = { kind: 'lead_unit'; id: LeadUnitId } | { kind: 'district'; id: string }

export interface SignalStats {
  /** the latest bin's z: a warned hot spot's space-time test against its own past; a persistent one's Gi* */
  z?: number
  /** exact Poisson upper-tail probability P(X ≥ observed | expected) */
  p?: number
  /** Benjamini–Hochberg q-value */
  q?: number
  /** Mann–Kendall τ and its p-value */
  tau?: number
  tauP?: number
  /** the CUSUM statistic and its threshold */
  cusum?: number
  threshold?: number
}

/**
 * One detector's finding as of a day. `key` names what it is about (detector, area, category, item),
 * so a finding repeated on the next run is the same warning, not a new one.
 */
export interface Signal {
  key: string
  detector: DetectorId
  level: WarningLevel
  /** the rule of RULES that set the level */
  ruleId: string
  area: SignalArea
  category: CategoryId | null
  item: string | null
  /** the window the counts are of: first and last day, YYYY-MM-DD */
  window: { from: string; to: string }
  observed: number
  expected: number | null
  ratio: number | null
  stats: SignalStats
  /** rising bins in a row (detector 2), hot bins in a row (detector 1), reopenings (3), rising weeks (4) */
  streak: number | null
  /** Sen slope, hazards per bin */
  slope: number | null
  pattern?: HotSpotPattern
  /** up to 10 hazard ids that make the case */
  evidence: number[]
  /** deadlines falling due within 7 days (detector 4), beside the warning */
  upcoming?: Array<{ id: number; deadline: string }>
  /** the parameters the detector ran with (α, baseline bins, design shift, …) */
  parameters: Record<string, number | string>
  responsible: Responsible
}

/** A detector run as of a day: its signals, and the standing (persistent) hot spots for the map layer. */
export interface DetectorRun {
  asOf: string
  signals: Signal[]
  persistent: Signal[]
  /** how long each detector took, ms */
  timings: Partial<Record<DetectorId, number>>
}

// ---------------------------------------------------------------------------------------------
// Levels: the versioned rule table, cited in every warning
// ---------------------------------------------------------------------------------------------

export interface LevelRule {
  id: string
  detector: DetectorId
  level: WarningLevel
  zh: string
  en: string
}

/** Bump the version whenever a rule or threshold changes: every warning cites the version it was issued under. */
export const RULES_VERSION = 'YJ-2026.1'
export const RULES: readonly LevelRule[] = [
  { id: 'R1', detector: 'overdue', level: 'red', zh: '重大隐患逾期未整改', en: 'A major hazard past its deadline' },
  { id: 'R2', detector: 'overdue', level: 'orange', zh: '较大隐患逾期未整改', en: 'A significant hazard past its deadline' },
  { id: 'R3', detector: 'overdue', level: 'yellow', zh: '单位或管区逾期隐患连续两周上升且高于自身75%分位', en: 'A unit or district whose overdue count rose two weeks running and stands above its own 75th percentile' },
  { id: 'R4', detector: 'hot_spot', level: 'orange', zh: '加剧热点（Mann-Kendall 显著上升）且近半月为预期3倍以上', en: 'An intensifying hot spot (significant Mann–Kendall rise) at 3× expected or more' },
  { id: 'R5', detector: 'hot_spot', level: 'yellow', zh: '新增、连续或加剧热点（与自身历史相比显著偏高，FDR q<0.05）', en: 'A new, consecutive or intensifying hot spot (significantly above its own past, FDR q < 0.05)' },
  { id: 'R6', detector: 'rising_trend', level: 'orange', zh: '泊松CUSUM报警且近半月为预期3倍以上（p<10⁻⁴）', en: 'A Poisson CUSUM alarm at 3× expected or more (p < 10⁻⁴)' },
  { id: 'R7', detector: 'rising_trend', level: 'yellow', zh: '泊松CUSUM报警', en: 'A Poisson CUSUM alarm' },
  { id: 'R8', detector: 'repeat_site', level: 'orange', zh: '重大或较大隐患销号后60天内在同一地点复发', en: 'A major or significant hazard back at the same place within 60 days of its close-out' },
  { id: 'R9', detector: 'repeat_site', level: 'yellow', zh: '同一地点同类隐患销号后60天内第二次复发', en: 'The same item back at the same place a second time within 60 days of a close-out' },
  { id: 'R10', detector: 'seasonal', level: 'blue', zh: '季节性风险提醒', en: 'A seasonal reminder' },
]
export const ruleById: ReadonlyMap<string, LevelRule> = new Map(RULES.map((r) => [r.id, r]))

/**
 * The three social-security categories get internal risk notices (风险提示), never public alerts:
 * the UI says so beside every such warning.
 */
export const internalNoticeCategories: readonly CategoryId[] = ['violent_terror', 'mass_incident', 'individual_extreme']

// ---------------------------------------------------------------------------------------------
// Seasonal calendar (detector 5), configurable by the administrator
// ---------------------------------------------------------------------------------------------

export interface SeasonEntry {
  id: string
  zh: string
  en: string
  /** MM-DD, inclusive; a season may wrap the new year (from > to) */
  from: string
  to: string
  /** days before `from` the reminder is raised */
  leadDays: number
  /** plan item ids (domain/categories) the season names */
  items: string[]
}

export const DEFAULT_CALENDAR: readonly SeasonEntry[] = [
  { id: 'flood', zh: '汛期防汛', en: 'Flood season', from: '06-01', to: '09-30', leadDays: 15, items: ['natural_disasters'] },
  { id: 'drowning', zh: '夏季防溺水', en: 'Summer drowning', from: '06-15', to: '08-31', leadDays: 15, items: ['natural_disasters', 'public_health'] },
  { id: 'winter_gas', zh: '冬季燃气及煤烟中毒', en: 'Winter gas and coal-fire poisoning', from: '11-15', to: '03-15', leadDays: 15, items: ['production', 'fire'] },
  { id: 'fireworks', zh: '春节烟花爆竹', en: 'Spring Festival fireworks', from: '01-15', to: '02-28', leadDays: 15, items: ['fire', 'large_events'] },
  { id: 'straw_burning', zh: '麦收秋收秸秆焚烧', en: 'Harvest-season straw burning', from: '06-01', to: '06-30', leadDays: 10, items: ['fire'] },
  { id: 'straw_burning_autumn', zh: '秋收秸秆焚烧', en: 'Autumn harvest straw burning', from: '09-20', to: '10-31', leadDays: 10, items: ['fire'] },
]

// ---------------------------------------------------------------------------------------------
// The run: every detector as of a day
// ---------------------------------------------------------------------------------------------

export interface DetectorOptions {
  asOf: string
  calendar: readonly SeasonEntry[]
  /** detectors to run; all when absent */
  only?: readonly DetectorId[]
}

/** Runs every detector as of a day, reading only what was known then (server/domain/warnings/index.ts). */
export type RunDetectors = (ledger: WarningLedger, geography: WarningGeography, options: DetectorOptions) => DetectorRun
