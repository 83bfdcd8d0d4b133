import { createI18n } from 'vue-i18n'
import type { Bilingual } from '../../server/domain/names'
import { en } from './en'
import { zhCN, type Messages } from './zh-CN'

/** 'app.name' | 'map.loading' | …: every message key, so a typo fails the type check. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]
export type MessageKey = Leaves<Messages>

// The language choice lives on its own (no vue-i18n), so the phone page can read it without the desk's i18n.
import { type LocaleId, storedLocale } from './locale'
export { type LocaleId, localeIds, storeLocale, storedLocale } from './locale'

/** A domain name in the reader's language. */
export function nameIn(locale: LocaleId, name: Bilingual): string {
  return locale === 'en' ? name.en : name.zh
}

export function createAppI18n() {
  return createI18n<[Messages], LocaleId, false>({
    legacy: false,
    locale: storedLocale(),
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
  })
}

