import { onBeforeUnmount, shallowRef, watch } from 'vue'
import { type WarningSummary, fetchWarningSummary } from '../api/warnings'
import { useLiveStore } from '../stores/live'

const RETRY_MS = 5_000

/**
 * The wall's early-warning figures (GET /api/warnings/summary, the one warnings question the
 * wall's role may ask: counts by level and the red and orange ones by area and category, no
 * hazard detail), asked again when the live revision moves. Only the latest answer is kept and a
 * failure keeps the last picture, so nothing accumulates over a day on the wall.
 */
export function useWallWarnings() {
  const live = useLiveStore()
  const summary = shallowRef<WarningSummary>()
  let asked = -1
  let gone = false
  let retry: ReturnType<typeof setTimeout> | undefined

  function load(revision: number): void {
    asked = revision
    clearTimeout(retry)
    fetchWarningSummary()
      .then((answer) => {
        if (!gone && asked === revision) summary.value = answer
      })
      .catch(() => {
        if (!gone && asked === revision) retry = setTimeout(() => load(revision), RETRY_MS)
      })
  }

  watch(() => live.revision, load, { immediate: true })
  onBeforeUnmount(() => {
    gone = true
    clearTimeout(retry)
  })
  return { summary }
}
