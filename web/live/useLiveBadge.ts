import { computed } from 'vue'
import { useLiveStore, type LinkState } from '../stores/live'
import { useLocale } from '../composables/useLocale'

/** 16:05:12, or 6月14日 16:05:12 when it is not today: the reader's clock, 24 hours. */
export function asOfLabel(iso: string, locale: string, now = new Date()): string {
  const at = new Date(iso)
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
  if (at.toDateString() === now.toDateString()) return time
  return `${at.toLocaleDateString(locale, { month: 'short', day: 'numeric' })} ${time}`
}

/** What the live badge says: connecting, live as of a time, or interrupted since a time. */
export function useLiveBadge() {
  const live = useLiveStore()
  const { t, locale } = useLocale()

  const state = computed<LinkState>(() => (live.connected ? 'live' : live.everConnected ? 'interrupted' : 'connecting'))
  const text = computed(() => {
    const time = live.asOf ? asOfLabel(live.asOf, locale.value) : undefined
    if (state.value === 'live') return t('live.live', { time: time ?? '' })
    if (state.value === 'interrupted') return time ? t('live.interrupted', { time }) : t('live.interruptedNever')
    return t('live.connecting')
  })

  return { state, text, asOf: computed(() => live.asOf), revision: computed(() => live.revision) }
}
