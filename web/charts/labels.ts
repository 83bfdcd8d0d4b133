import type { LocaleId } from '../i18n'

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number]
}

/**
 * A half-month as the plan's reports name it: 6月上 (1st–15th), 6月下 (16th–end); the year is
 * written where it starts and at the first bucket, so a year-long axis stays short.
 */
export function halfMonthLabel(start: string, locale: LocaleId, withYear: boolean): string {
  const [year, month, day] = parts(start)
  const half = day <= 15 ? 0 : 1
  if (locale === 'en') return `${monthsEn[month - 1]} ${half ? 'H2' : 'H1'}${withYear ? ` ${year}` : ''}`
  return `${withYear ? `${year}年` : ''}${month}月${half ? '下' : '上'}`
}

/** A day, short: 6月15日 / 15 Jun. */
export function dayLabel(date: string, locale: LocaleId): string {
  const [, month, day] = parts(date)
  return locale === 'en' ? `${day} ${monthsEn[month - 1]}` : `${month}月${day}日`
}

/** A day with its year: 2026年3月15日 / 15 Mar 2026. */
export function fullDayLabel(date: string, locale: LocaleId): string {
  const [year, month, day] = parts(date)
  return locale === 'en' ? `${day} ${monthsEn[month - 1]} ${year}` : `${year}年${month}月${day}日`
}

/** A share as a percentage with at most one decimal: 0.893 → 89.3%. */
export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`
}
