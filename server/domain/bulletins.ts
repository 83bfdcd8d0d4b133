import type { RiskLevel } from './levels'

/** The monthly bulletin's answer: one definition for the server that draws it up and the web that shows it. */

/** One district's or village's figures for the month. */
export interface BulletinRow {
  areaId: string
  code: string
  name: string
  /** the district a village lies in */
  districtId: string | null
  districtName: string | null
  /** hazards discovered in the month */
  found: number
  /** hazards closed out (销号) in the month */
  closed: number
  /** open when the month began */
  openAtStart: number
  /** closed ÷ (openAtStart + found): the share of the month's workload struck off; null when there was none */
  closeRate: number | null
  /** past their deadline and not rectified on the month's last day (today, for the running month) */
  overdue: number
  /** escalated (疑难/紧急) in the month, by the escalation's date */
  escalated: number
  /** share of the month's half-month concentrated rounds (集中性排查) that reached the village; a district's is its villages' mean */
  coverage: number | null
  /** 1 = best; equal figures share a rank */
  rank: number
}

/** A hazard named in the bulletin. A confidential one is named by its code and category only. */
export interface BulletinItem {
  id: number
  code: string
  title: string | null
  confidential: boolean
  category: string
  categoryName: string
  item: string
  itemName: string | null
  level: RiskLevel | null
  status: string
  villageId: string
  village: string
  districtId: string
  district: string
  deadline: string | null
  daysOverdue: number | null
  escalatedOn: string | null
}

export interface BulletinFigures {
  found: number
  closed: number
  openAtStart: number
  closeRate: number | null
  overdue: number
  escalated: number
  coverage: number | null
}

export interface Bulletin {
  month: string
  period: { start: string; end: string }
  /** the day the figures stand at: the month's last day, or today while the month runs */
  asOf: string
  /** false while the month runs (未定稿 / provisional); true once ended, when it is stored and no longer changes */
  final: boolean
  generatedAt: string
  town: BulletinFigures & { name: string }
  districts: BulletinRow[]
  villages: BulletinRow[]
  topOverdue: BulletinItem[]
  topEscalated: BulletinItem[]
  summary: { zh: string; en: string }
  ranking: { zh: string; en: string }
}
