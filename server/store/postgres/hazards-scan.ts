import type { IndexedHazard } from '../types'
import type { PgSync } from './bridge'

/**
 * Every hazard in the ledger index's compact form, for a server's start (up to 500,000 rows): one
 * COPY … TO STDOUT, parsed from COPY's text format, instead of a row object per hazard from the
 * driver. Ordered by id, and with lon and lat beside location, as SQLite's scan gives them.
 */
const scanSql = `COPY (SELECT id, area_id, item, status, level, source, discovered_at, deadline, closed_at, escalated,
  campaign_id, lon, lat, site_id, rectified_at, found_at, reported_at FROM hazards ORDER BY id) TO STDOUT`

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

/** A COPY text field: \N is NULL; backslash escapes (rare in these columns) undone. */
function field(raw: string): string | null {
  if (raw === '\\N') return null
  if (!raw.includes('\\')) return raw
  return raw.replace(/\\(.)/g, (_m, c: string) => ESCAPES[c] ?? c)
}

const text = (raw: string) => field(raw)!

export function* scanIndexed(db: PgSync): IterableIterator<IndexedHazard & { lon: number; lat: number }> {
  const data = db.copyTo(scanSql)
  let start = 0
  while (start < data.length) {
    let end = data.indexOf('\n', start)
    if (end < 0) end = data.length
    const f = data.slice(start, end).split('\t')
    start = end + 1
    const campaign = field(f[10]!)
    const lon = Number(f[11])
    const lat = Number(f[12])
    yield {
      id: Number(f[0]),
      areaId: text(f[1]!),
      item: text(f[2]!),
      status: text(f[3]!) as IndexedHazard['status'],
      level: field(f[4]!) as IndexedHazard['level'],
      source: text(f[5]!) as IndexedHazard['source'],
      discoveredAt: text(f[6]!),
      deadline: field(f[7]!),
      closedAt: field(f[8]!),
      escalated: f[9] === 't',
      campaignId: campaign === null ? null : Number(campaign),
      location: [lon, lat],
      lon,
      lat,
      siteId: field(f[13]!),
      rectifiedAt: field(f[14]!),
      foundAt: text(f[15]!),
      reportedAt: text(f[16]!),
    }
  }
}
