import type { RiskLevel } from '../../server/domain/levels'
import { getJson } from './client'

/** One district's or village's figures for the month (`BulletinRow` in the OpenAPI description). */
export interface BulletinRow {
  areaId: string
  code: string
  name: string
  districtId: string | null
  districtName: string | null
  found: number
  closed: number
  openAtStart: number
  /** closed ÷ (openAtStart + found); null when there was nothing to close */
  closeRate: number | null
  overdue: number
  escalated: number
  /** share of the month's concentrated rounds that reached it; null where not counted */
  coverage: number | null
  /** 1 = best; equal figures share a rank */
  rank: number
}

/** A hazard the bulletin names; a confidential one by code and category only (title null). */
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

export type BulletinFigures = Omit<BulletinRow, 'areaId' | 'code' | 'districtId' | 'districtName' | 'rank'>

export interface Bulletin {
  month: string
  period: { start: string; end: string }
  asOf: string
  /** the month has ended and this is the stored, unchanging text */
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

/** `GET /api/bulletins/:month` — provisional while the month runs, frozen once it has ended. */
export function fetchBulletin(month: string): Promise<Bulletin> {
  return getJson<Bulletin>(`/api/bulletins/${encodeURIComponent(month)}`)
}

/** Where the month's workbook downloads from (a plain link: the session cookie goes with it). */
export function bulletinXlsxUrl(month: string, lang: 'zh' | 'en'): string {
  return `/api/bulletins/${encodeURIComponent(month)}?${new URLSearchParams({ format: 'xlsx', lang })}`
}
