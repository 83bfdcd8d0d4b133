import type { Bulletin } from '../../server/domain/contract/bulletins'
import { api, call } from './client'

// The answer's shapes are defined once, by the contract (server/domain/contract/bulletins.ts).
export type { Bulletin, BulletinFigures, BulletinItem, BulletinRow } from '../../server/domain/contract/bulletins'

/** `GET /api/bulletins/:month` — provisional while the month runs, frozen once it has ended. */
export async function fetchBulletin(month: string): Promise<Bulletin> {
  const answer = await call(api.bulletins[':month'].$get({ param: { month }, query: { format: 'json' } }))
  // The route also answers a page and a workbook (format=html, xlsx); asked for JSON, it answers the bulletin.
  if (typeof answer === 'string' || answer instanceof Response) throw new TypeError(`the bulletin for ${month} did not come as JSON`)
  return answer
}

/** Where the month's workbook downloads from (a plain link: the session cookie goes with it). */
export function bulletinXlsxUrl(month: string, lang: 'zh' | 'en'): string {
  return `/api/bulletins/${encodeURIComponent(month)}?${new URLSearchParams({ format: 'xlsx', lang })}`
}
