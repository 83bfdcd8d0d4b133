/**
 * Calendar arithmetic for the time slider, on `YYYY-MM-DD` dates in UTC so that no time zone
 * moves a day. Pure: unit-tested without a browser.
 */
export type TimeStep = 'half-month' | 'week'

const DAY_MS = 86_400_000

export function toDayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS)
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days)
}

function lastOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * The next step after `date`: a week on, or the end of the half-month (the 15th, the month's
 * last day) — the plan's concentrated inspections run by half-months, and the trend's backlog
 * is read at each half-month's end, so the replay lands on the same days.
 */
export function nextStep(date: string, step: TimeStep): string {
  if (step === 'week') return addDays(date, 7)
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const last = lastOfMonth(year, month)
  const pad = (n: number) => String(n).padStart(2, '0')
  if (day < 15) return `${year}-${pad(month)}-15`
  if (day < last) return `${year}-${pad(month)}-${pad(last)}`
  return addDays(date, 15)
}

/** `date` held within [start, end]. */
export function clampDate(date: string, start: string, end: string): string {
  if (date < start) return start
  if (date > end) return end
  return date
}

/** The replay's first day when no bucket has told it yet: a year back from today. */
export function defaultCampaignStart(today: string): string {
  return addDays(today, -364)
}
