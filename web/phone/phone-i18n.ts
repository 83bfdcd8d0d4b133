import { type App, type InjectionKey, type ShallowRef, inject, shallowRef } from 'vue'
import type { Bilingual } from '../../server/domain/names'
import { phoneEn } from '../i18n/phone.en'
import { type PhoneMessages, phoneZhCN } from '../i18n/phone.zh-CN'
import { type LocaleId, storeLocale, storedLocale } from '../i18n/locale'

/**
 * The phone's own texts: its two catalogues and a lookup with `{name}` placeholders, which is all its
 * messages use. Not vue-i18n, as the desk has: its runtime is ≈ 19 KB gzip, a fifth of the JavaScript
 * the report form waits for on a slow network (issue 15's speed). The language choice is the same
 * stored one as the desk's (storedLocale), so a switch holds on both.
 */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]
export type PhoneKey = Leaves<PhoneMessages>

const catalogues: Record<LocaleId, PhoneMessages> = { 'zh-CN': phoneZhCN, en: phoneEn }
const LOCALE: InjectionKey<ShallowRef<LocaleId>> = Symbol('phone-locale')

function lookup(messages: PhoneMessages, key: string): string | undefined {
  let node: unknown = messages
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** A message in a language (Chinese where the other lacks it), its `{name}` placeholders filled from `named`. */
export function translate(locale: LocaleId, key: PhoneKey, named: Record<string, unknown> = {}): string {
  const text = lookup(catalogues[locale], key) ?? lookup(phoneZhCN, key) ?? key
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in named ? String(named[name]) : placeholder))
}

/** The app's language, provided to every screen. */
export function createPhoneI18n() {
  const locale = shallowRef<LocaleId>(storedLocale())
  return { install: (app: App) => void app.provide(LOCALE, locale) }
}

/** The phone's texts in the reader's language, and the switch. */
export function usePhoneText() {
  const provided = inject(LOCALE)
  if (!provided) throw new Error('usePhoneText needs createPhoneI18n installed')
  const locale = provided
  const t = (key: PhoneKey, named: Record<string, unknown> = {}) => translate(locale.value, key, named)
  const nameOf = (name: Bilingual) => (locale.value === 'en' ? name.en : name.zh)
  function toggleLocale(): void {
    const next: LocaleId = locale.value === 'en' ? 'zh-CN' : 'en'
    locale.value = next
    storeLocale(next)
    document.documentElement.lang = next
  }
  /** A distance in metres as a walker reads it. */
  const distance = (m: number) => (m < 1000 ? t('units.m', { n: Math.round(m) }) : t('units.km', { n: (m / 1000).toFixed(1) }))
  /** An instant as the phone's clock shows it (month-day hour:minute). */
  const time = (iso: string) => new Date(iso).toLocaleString(locale.value, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
  return { t, nameOf, locale, toggleLocale, distance, time }
}
