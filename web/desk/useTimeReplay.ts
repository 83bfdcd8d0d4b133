import { computed, onBeforeUnmount, shallowRef } from 'vue'
import { dayLabel, fullDayLabel } from '../charts/labels'
import { useFilterStore } from '../stores/filters'
import { useStatsStore } from '../stores/stats'
import { type TimeStep, addDays, clampDate, nextStep, toDayNumber } from './campaign-time'
import { useLocale } from '../composables/useLocale'

/** One step a second: slow enough to read the figures, a year replays in under half a minute. */
export const REPLAY_TICK_MS = 1000

/**
 * The time slider: "open hazards on date X" over the campaign, as the filter's `openOn`. Off
 * (no date) is the whole ledger. Playing steps a half-month or a week a tick and stops at today.
 */
export function useTimeReplay() {
  const filters = useFilterStore()
  const stats = useStatsStore()
  const { t, locale } = useLocale()

  const step = shallowRef<TimeStep>('half-month')
  const playing = shallowRef(false)
  /** where the thumb is while it is being dragged, before the date is committed */
  const preview = shallowRef<string>()
  let timer: ReturnType<typeof setInterval> | undefined

  const campaign = computed(() => stats.campaign)
  const date = computed(() => filters.choice.openOn)
  const active = computed(() => date.value !== undefined)
  const days = computed(() => (campaign.value ? toDayNumber(campaign.value.end) - toDayNumber(campaign.value.start) : 0))
  /** The slider's position in days from the campaign's start; off rests at today. */
  const position = computed(() => {
    const c = campaign.value
    if (!c) return 0
    const shown = preview.value ?? date.value ?? c.end
    return toDayNumber(clampDate(shown, c.start, c.end)) - toDayNumber(c.start)
  })
  const dateAt = (index: number) => addDays(campaign.value!.start, Math.round(index))

  const label = computed(() => {
    const shown = preview.value ?? date.value
    return shown ? t('time.openOn', { date: fullDayLabel(shown, locale.value) }) : t('time.off')
  })
  /** The replay's ends, with their years and without (the slider shows whichever fits). */
  const ends = computed(() => {
    const c = campaign.value
    if (!c) return undefined
    return {
      start: { full: fullDayLabel(c.start, locale.value), short: dayLabel(c.start, locale.value) },
      end: { full: fullDayLabel(c.end, locale.value), short: dayLabel(c.end, locale.value) },
    }
  })

  function setDate(next: string | undefined): void {
    filters.set('openOn', next)
  }

  function onInput(index: number): void {
    if (campaign.value) preview.value = dateAt(index)
  }

  function onChange(index: number): void {
    preview.value = undefined
    if (campaign.value) setDate(dateAt(index))
  }

  function tick(): void {
    const c = campaign.value
    if (!c) return pause()
    const next = nextStep(date.value ?? c.start, step.value)
    setDate(next >= c.end ? c.end : next)
    if (next >= c.end) pause()
  }

  function play(): void {
    const c = campaign.value
    if (!c || playing.value) return
    // From off, or from today, the replay starts over at the campaign's first day.
    if (!date.value || date.value >= c.end) setDate(c.start)
    playing.value = true
    timer = setInterval(tick, REPLAY_TICK_MS)
  }

  function pause(): void {
    playing.value = false
    clearInterval(timer)
    timer = undefined
  }

  function togglePlay(): void {
    if (playing.value) pause()
    else play()
  }

  function clear(): void {
    pause()
    setDate(undefined)
  }

  onBeforeUnmount(pause)

  return { campaign, step, playing, active, days, position, label, ends, onInput, onChange, togglePlay, clear }
}
