/** The two languages, and the reader's choice on this machine (shared by the desk and the phone). */
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
