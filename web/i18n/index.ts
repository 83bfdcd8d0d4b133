import { createI18n } from 'vue-i18n'
import type { Bilingual } from '../../server/domain/names'
import { en } from './en'
import { zhCN, type Messages } from './zh-CN'

/** 'app.name' | 'map.loading' | …: every message key, so a typo fails the type check. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]
export type MessageKey = Leaves<Messages>

export const localeIds = ['zh-CN', 'en'] as const
export type LocaleId = (typeof localeIds)[number]

const STORAGE_KEY = 'pingan.locale'

function isLocale(value: unknown): value is LocaleId {
  return localeIds.includes(value as LocaleId)
}

/** The reader's last choice on this machine, else Chinese. */
export function storedLocale(): LocaleId {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  return isLocale(stored) ? stored : 'zh-CN'
}

export function storeLocale(locale: LocaleId): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
}

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

