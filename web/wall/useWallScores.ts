import { onBeforeUnmount, shallowRef, watch } from 'vue'
import { type Scorecards, fetchScorecards } from '../api/scorecards'
import { inFlight } from '../composables/useMapFigures'
import { useLiveStore } from '../stores/live'

const RETRY_MS = 5_000

/**
 * This month's district scores for the wall: aggregates only (the one scorecard question the
 * wall's role may ask), asked again when the live revision moves, as the wall's other figures
 * are (useWallFigures). A failed fetch keeps the last picture and is asked again after a while;
 * only the latest answer is kept, so nothing accumulates over a day on the wall.
 */
export function useWallScores() {
  const live = useLiveStore()
  const work = inFlight()
  const scores = shallowRef<Scorecards>()
  let asked = -1
  let gone = false
  let retry: ReturnType<typeof setTimeout> | undefined

  function load(revision: number): void {
    asked = revision
    clearTimeout(retry)
    work
      .track(fetchScorecards('district'))
      .then((answer) => {
        if (!gone && asked === revision) scores.value = answer
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
  return { scores, settled: work.settled }
}
