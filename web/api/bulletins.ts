import type { Bulletin } from '../../server/domain/bulletins'
import { getJson } from './client'

// The answer's shapes are defined once, in server/domain/bulletins.ts.
export type { Bulletin, BulletinFigures, BulletinItem, BulletinRow } from '../../server/domain/bulletins'

/** `GET /api/bulletins/:month` — provisional while the month runs, frozen once it has ended. */
export function fetchBulletin(month: string): Promise<Bulletin> {
  return getJson<Bulletin>(`/api/bulletins/${encodeURIComponent(month)}`)
}

/** Where the month's workbook downloads from (a plain link: the session cookie goes with it). */
export function bulletinXlsxUrl(month: string, lang: 'zh' | 'en'): string {
  return `/api/bulletins/${encodeURIComponent(month)}?${new URLSearchParams({ format: 'xlsx', lang })}`
}
