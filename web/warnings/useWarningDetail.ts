import { computed, onBeforeUnmount, shallowRef, watch } from 'vue'
import { CallError } from '../api/client'
import { fetchHazard } from '../api/hazards'
import { type WarningDetail, fetchWarning } from '../api/warnings'
import { useLocale } from '../composables/useLocale'
import { useLiveStore } from '../stores/live'
import { useOverlayStore } from '../stores/overlays'
import { useWarningsStore } from './useWarningsStore'
import { warningOverlays } from './useWarningLayer'
import { evidencePoints } from './warnings'

/**
 * The opened warning in full, kept current with the live stream, and its evidence hazards ringed
 * on the map (each asked for by id: the reader sees only those the hazard rules let them, and a
 * confidential one where the rules place it).
 */
export function useWarningDetail() {
  const warnings = useWarningsStore()
  const overlays = useOverlayStore()
  const live = useLiveStore()
  const { t } = useLocale()
  const detail = shallowRef<WarningDetail>()
  const failure = shallowRef<unknown>()
  let asked = 0

  async function load(id: number | undefined): Promise<void> {
    const question = ++asked
    if (id === undefined) {
      detail.value = undefined
      overlays.hide(warningOverlays.evidence)
      return
    }
    try {
      const answer = await fetchWarning(id)
      if (question !== asked) return
      if (detail.value?.id !== answer.id || detail.value.evidence.join() !== answer.evidence.join()) void ring(answer.evidence, question)
      detail.value = answer
      failure.value = undefined
    } catch (error) {
      if (question === asked) failure.value = error
    }
  }

  async function ring(ids: readonly number[], question: number): Promise<void> {
    overlays.hide(warningOverlays.evidence)
    const found = await Promise.all(ids.map((id) => fetchHazard(id).then((d) => d.hazard, () => undefined)))
    if (question !== asked) return
    const points = found.flatMap((h) => (h ? [{ id: h.id, code: h.code, location: h.location }] : []))
    overlays.show(warningOverlays.evidence, { kind: 'hits', data: evidencePoints(points) })
  }

  watch(() => warnings.openId, (id) => {
    if (id !== detail.value?.id) detail.value = undefined
    void load(id)
  }, { immediate: true })
  watch(() => live.warningRevision, () => void load(warnings.openId))
  onBeforeUnmount(() => {
    asked++
    overlays.hide(warningOverlays.evidence)
  })

  const errorMessage = computed(() => {
    const e = failure.value
    return e === undefined ? undefined : t('warnings.detail.failed', { message: e instanceof CallError || e instanceof Error ? e.message : String(e) })
  })
  /** After an action the workbench or the drawer was given the warning as it now stands. */
  const replace = (next: WarningDetail) => (detail.value = next)
  return { detail, errorMessage, replace, reload: () => load(warnings.openId) }
}
