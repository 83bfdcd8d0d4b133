/**
 * Calendar arithmetic, written once for the server and the web. Dates travel as YYYY-MM-DD strings
 * and are counted as whole days since 1970-01-01 in UTC, so that no time zone moves a day; the town
 * keeps its ledger by China's calendar (UTC+8, no summer time), which only instants are converted to.
 */
export const MS_PER_DAY = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

export function toDay(date: string): number {
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / MS_PER_DAY)
}

const names = new Map<number, string>()

/** Day → YYYY-MM-DD; memoised, as a ledger names the same few hundred days millions of times. */
export function fromDay(day: number): string {
  let name = names.get(day)
  if (name === undefined) {
    name = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
    if (names.size < 100_000) names.set(day, name)
  }
  return name
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days)
}

/** The calendar date in China of an instant (epoch milliseconds). */
export function chinaDateOf(ms: number): string {
  return fromDay(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY))
}

/** The instant a China date begins, as an ISO timestamp in UTC (the previous day, 16:00Z). */
export function chinaDayStart(date: string): string {
  return new Date(toDay(date) * MS_PER_DAY - CHINA_OFFSET_MS).toISOString()
}

export type Bucket = 'half-month' | 'week' | 'month'

/** The bucket holding a day, as [startDay, endDay] inclusive. */
export function bucketOf(day: number, bucket: Bucket): [number, number] {
  const d = new Date(day * MS_PER_DAY)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  const first = Math.floor(Date.UTC(y, m, 1) / MS_PER_DAY)
  const lastOfMonth = Math.floor(Date.UTC(y, m + 1, 1) / MS_PER_DAY) - 1
  if (bucket === 'month') return [first, lastOfMonth]
  if (bucket === 'half-month') {
    // Half-months run 1st–15th and 16th–end, as the plan's concentrated inspections do.
    return d.getUTCDate() <= 15 ? [first, first + 14] : [first + 15, lastOfMonth]
  }
  // ISO weeks start on Monday; 1970-01-01 was a Thursday.
  const monday = day - ((day + 3) % 7)
  return [monday, monday + 6]
}

/** Consecutive buckets covering [fromDay, toDay]. */
export function bucketsBetween(from: number, to: number, bucket: Bucket): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let d = from; d <= to; ) {
    const b = bucketOf(d, bucket)
    out.push(b)
    d = b[1] + 1
  }
  return out
}

/** The last date of a month (YYYY-MM). */
export function lastOfMonth(month: string): string {
  return fromDay(bucketOf(toDay(`${month}-01`), 'month')[1])
}
