import { computed } from 'vue'
import type { Summary } from '../api/stats'
import { fullDayLabel, percent } from '../charts/labels'
import type { MessageKey } from '../i18n'
import { useFilterStore } from '../stores/filters'
import { useStatsStore } from '../stores/stats'
import { useLocale } from '../composables/useLocale'

export interface Kpi {
  key: keyof Summary
  label: string
  value: string
  /** a second line: what part of it is still open */
  note?: string
  tone: 'plain' | 'warn' | 'good' | 'alarm'
}

type TileKey = 'total' | 'open' | 'closed' | 'closeRate' | 'overdue' | 'escalated'

/**
 * Under replay the summary counts the hazards open on the day, by their status now: so the
 * total is "open that day", and open and closed say what became of them since.
 */
const tiles: readonly { key: TileKey; label: MessageKey; replay: MessageKey; tone: Kpi['tone'] }[] = [
  { key: 'total', label: 'kpi.total', replay: 'kpi.replayTotal', tone: 'plain' },
  { key: 'open', label: 'kpi.open', replay: 'kpi.replayOpen', tone: 'warn' },
  { key: 'closed', label: 'kpi.closed', replay: 'kpi.replayClosed', tone: 'good' },
  { key: 'closeRate', label: 'kpi.closeRate', replay: 'kpi.replayCloseRate', tone: 'good' },
  { key: 'overdue', label: 'kpi.overdue', replay: 'kpi.overdue', tone: 'alarm' },
  { key: 'escalated', label: 'kpi.escalated', replay: 'kpi.escalated', tone: 'alarm' },
]

/** The headline figures of the current area and filter, formatted for reading at a glance. */
export function useKpis() {
  const stats = useStatsStore()
  const filters = useFilterStore()
  const { t, locale } = useLocale()
  const count = (n: number) => n.toLocaleString(locale.value)

  const kpis = computed<Kpi[]>(() => {
    const s = stats.summary
    const replaying = filters.choice.openOn !== undefined
    return tiles.map(({ key, label, replay, tone }) => ({
      key,
      label: t(replaying ? replay : label),
      value: !s ? '–' : key === 'closeRate' ? percent(s.closeRate) : count(s[key]),
      ...(s && key === 'escalated' && { note: t('kpi.escalatedOpen', { n: count(s.escalatedOpen) }) }),
      tone,
    }))
  })

  /** Under replay, the figures are those of the hazards open on that day. */
  const caption = computed(() => (filters.choice.openOn ? t('kpi.openOn', { date: fullDayLabel(filters.choice.openOn, locale.value) }) : undefined))
  const failed = computed(() => !!stats.failures.summary)

  return { kpis, caption, failed }
}
