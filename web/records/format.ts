/** Figures as the record panels and the bulletin print them. */

/** 0.8125 → "81%" (or "81.3%" with one digit); a rate that does not exist (nothing to count) is a dash. */
export function percent(rate: number | null | undefined, digits = 0): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(rate * 100).toFixed(digits)}%`
}

/** The month (YYYY-MM) holding a date (YYYY-MM-DD). */
export function monthOf(date: string): string {
  return date.slice(0, 7)
}

/** The month before: 2026-01 → 2025-12. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/**
 * The months a bulletin may be asked for, newest first: from the month holding `today` back to
 * `first` (the campaign's first month), at most `max` of them.
 */
export function monthsUpTo(today: string, first: string | undefined, max = 12): string[] {
  const months: string[] = []
  for (let m = monthOf(today); months.length < max && (!first || m >= first); m = previousMonth(m)) months.push(m)
  return months
}

/** The last ended month: the one whose bulletin is final (frozen). */
export function lastEndedMonth(today: string): string {
  return previousMonth(monthOf(today))
}
