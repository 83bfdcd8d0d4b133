import { computed } from 'vue'
import { createI18n, useI18n } from 'vue-i18n'
import type { Bilingual } from '../../server/domain/names'
import { phoneEn } from '../i18n/phone.en'
import { type PhoneMessages, phoneZhCN } from '../i18n/phone.zh-CN'
import { type LocaleId, storeLocale, storedLocale } from '../i18n'

/**
 * The phone's own i18n: only its messages (the desk's weigh ~26 KB gzip the phone never shows). The
 * language choice is the same stored one as the desk's (storedLocale), so a switch holds on both.
 */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]
export type PhoneKey = Leaves<PhoneMessages>

export function createPhoneI18n() {
  return createI18n<[PhoneMessages], LocaleId, false>({
    legacy: false,
    locale: storedLocale(),
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': phoneZhCN, en: phoneEn },
  })
}

/** The phone's texts in the reader's language, and the switch. */
export function usePhoneText() {
  const i18n = useI18n()
  const locale = computed(() => i18n.locale.value as LocaleId)
  const t = (key: PhoneKey, named: Record<string, unknown> = {}) => i18n.t(key, named)
  const nameOf = (name: Bilingual) => (locale.value === 'en' ? name.en : name.zh)
  function toggleLocale(): void {
    const next: LocaleId = locale.value === 'en' ? 'zh-CN' : 'en'
    i18n.locale.value = next
    storeLocale(next)
    document.documentElement.lang = next
  }
  /** A distance in metres as a walker reads it. */
  const distance = (m: number) => (m < 1000 ? t('units.m', { n: Math.round(m) }) : t('units.km', { n: (m / 1000).toFixed(1) }))
  /** An instant as the phone's clock shows it (month-day hour:minute). */
  const time = (iso: string) => new Date(iso).toLocaleString(locale.value, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
  return { t, nameOf, locale, toggleLocale, distance, time }
}
