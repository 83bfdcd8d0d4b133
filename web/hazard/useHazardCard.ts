import { computed, onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'
import { categoryById, itemById, leadUnits } from '../../server/domain/categories'
import { actionNames } from '../../server/domain/lifecycle'
import { riskLevels } from '../../server/domain/levels'
import { sources } from '../../server/domain/sources'
import { statuses } from '../../server/domain/statuses'
import { CallError } from '../api/client'
import { type HazardDetail, fetchHazard, fetchSiteName } from '../api/hazards'
import { fullDayLabel } from '../charts/labels'
import { useGeographyStore } from '../stores/geography'
import { useLiveStore } from '../stores/live'
import { useSelectionStore } from '../stores/selection'
import { useLocale } from '../composables/useLocale'
import { type HazardTimesView, hazardTimes } from './hazard-times'
import { useLimits } from './useLimits'

export interface TimelineEntry {
  at: string
  /** 2026-01-02 12:48, in the server's own offset as written */
  when: string
  action: string
  from?: string
  to: string
  actor: string
  note: string
}

/**
 * The hazard card: the selected hazard and its history, in the reader's language, refetched when
 * the live stream says something changed. Closing clears the selection (Escape as well).
 */
export function useHazardCard() {
  const selection = useSelectionStore()
  const live = useLiveStore()
  const geography = useGeographyStore()
  const { t, nameOf, locale } = useLocale()
  const limits = useLimits()

  const detail = shallowRef<HazardDetail>()
  const siteName = shallowRef<string>()
  const failure = shallowRef<unknown>()
  const loading = shallowRef(false)
  let asked = 0

  async function load(id: number, sameHazard: boolean): Promise<void> {
    const turn = ++asked
    loading.value = true
    if (!sameHazard) {
      detail.value = undefined
      siteName.value = undefined
    }
    try {
      const answer = await fetchHazard(id)
      if (turn !== asked) return
      detail.value = answer
      failure.value = undefined
      const { siteId, villageId } = answer.hazard
      const site = siteId ? await fetchSiteName(villageId, siteId).catch(() => undefined) : undefined
      if (turn === asked) siteName.value = site
    } catch (error) {
      if (turn === asked) failure.value = error
    } finally {
      if (turn === asked) loading.value = false
    }
  }

  watch(
    [() => selection.hazardId, () => live.revision],
    ([id], [previous]) => {
      if (id === undefined) {
        asked++
        detail.value = undefined
        failure.value = undefined
        loading.value = false
        return
      }
      void load(id, id === previous)
    },
    { immediate: true },
  )

  onMounted(() => {
    for (const level of ['district', 'village'] as const) geography.loadLevel(level).catch(() => undefined)
  })

  const areaName = (id: string) => geography.byId.get(id)?.properties.name ?? ''

  /** The 迟报 / 瞒报 badge: its word, and the delay against the limit it broke. */
  const latenessOf = (times: HazardTimesView) => {
    if (times.timeliness === 'late') return { label: t('times.late'), title: t('times.lateTitle', { hours: times.delayHours, limit: limits.value.reportLimitHours }) }
    if (times.timeliness === 'concealed')
      return { label: t('times.concealed'), title: t('times.concealedTitle', { days: Math.floor(times.delayHours / 24), limit: limits.value.concealedAfterDays }) }
    return undefined
  }

  const view = computed(() => {
    const h = detail.value?.hazard
    if (!h) return undefined
    const category = categoryById[h.category]
    const item = itemById.get(h.item)
    const times = hazardTimes(h, limits.value)
    return {
      id: h.id,
      code: h.code,
      title: h.title,
      description: h.description,
      generalised: h.generalised,
      category: category ? nameOf(category.name) : h.category,
      item: item ? nameOf(item.name) : h.item,
      level: h.level ? { name: nameOf(riskLevels[h.level]), color: riskLevels[h.level].color } : undefined,
      status: nameOf(statuses[h.status]),
      closed: h.status === 'closed',
      source: nameOf(sources[h.source]),
      place: [areaName(h.districtId), areaName(h.villageId)].filter(Boolean).join(' · '),
      site: siteName.value,
      // 发现 / 登记 / 接收, and 迟报 or 瞒报 by the deployment's limits
      times,
      lateness: latenessOf(times),
      leadUnit: nameOf(leadUnits[h.leadUnit]),
      unit: h.responsibleUnit ?? undefined,
      person: h.responsiblePerson ?? undefined,
      deadline: h.deadline ? fullDayLabel(h.deadline, locale.value) : undefined,
      overdue: h.overdue,
      escalated: h.escalated,
      measures: h.measures ?? undefined,
    }
  })

  const timeline = computed<TimelineEntry[]>(() =>
    (detail.value?.events ?? []).map((e) => ({
      at: e.at,
      when: e.at.slice(0, 16).replace('T', ' '),
      action: e.action === 'report' ? t('hazard.reportAction') : nameOf(actionNames[e.action]),
      ...(e.from && e.from !== e.to && { from: nameOf(statuses[e.from]) }),
      to: nameOf(statuses[e.to]),
      actor: e.actor,
      note: e.note ?? '',
    })),
  )

  const errorMessage = computed(() => {
    const error = failure.value
    if (error === undefined) return undefined
    if (error instanceof CallError && (error.status === 404 || error.status === 403)) return t('hazard.notFound')
    return t('hazard.failed', { message: error instanceof Error ? error.message : String(error) })
  })

  const open = computed(() => selection.hazardId !== undefined)

  function close(): void {
    selection.closeHazard()
  }

  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && open.value) close()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))

  return { open, loading, view, timeline, errorMessage, close, detail }
}
