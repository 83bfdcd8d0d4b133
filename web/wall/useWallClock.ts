import { onBeforeUnmount, shallowRef } from 'vue'
import type { LocaleId } from '../i18n'

/** 2026年11月28日 星期六 / Saturday, 28 November 2026. */
export function clockDate(at: Date, locale: LocaleId): string {
  return at.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' })
}

/** The wall's clock: the current time, ticking once a second while the view is mounted. */
export function useWallClock() {
  const now = shallowRef(new Date())
  const timer = setInterval(() => (now.value = new Date()), 1000)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
