import { computed, watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Bilingual } from '../../server/domain/names'
import { nameIn, storeLocale, type LocaleId, type MessageKey } from '../i18n'

/** The reader's language: switching it is remembered on this machine. */
export function useLocale() {
  const i18n = useI18n()
  const { locale } = i18n
  const current = computed(() => locale.value as LocaleId)

  function setLocale(next: LocaleId) {
    locale.value = next
    storeLocale(next)
  }

  /** A domain name (category, level, …) in the current language. */
  const nameOf = (name: Bilingual) => nameIn(current.value, name)

  /** A UI text in the current language; only keys that exist are accepted. */
  const t = (key: MessageKey, named: Record<string, unknown> = {}) => i18n.t(key, named)

  return { locale: current, setLocale, nameOf, t }
}

/** Keeps the document's language and title in step with the reader's choice. */
export function useDocumentLocale() {
  const { locale, t } = useLocale()
  watchEffect(() => {
    document.documentElement.lang = locale.value
    document.title = t('app.name')
  })
}
