import { onBeforeUnmount, shallowRef, watch } from 'vue'
import { inFlight } from '../composables/useMapFigures'
import { useLiveStore } from '../stores/live'

const RETRY_MS = 5_000

/**
 * One of the wall's aggregate questions, asked again whenever the live revision (or, for the
 * warnings, the warnings' revision) moves, as the
 * wall's other figures are (useWallFigures). Only the latest answer is kept and a failed fetch
 * keeps the last picture and is asked again after a while, so nothing accumulates over a day on
 * the wall. `settled` says when no answer is outstanding.
 */
export function useLatestAnswer<T>(ask: () => Promise<T>, follow: 'revision' | 'warningRevision' = 'revision') {
  const live = useLiveStore()
  const work = inFlight()
  const answer = shallowRef<T>()
  let asked = -1
  let gone = false
  let retry: ReturnType<typeof setTimeout> | undefined

  function load(revision: number): void {
    asked = revision
    clearTimeout(retry)
    work
      .track(ask())
      .then((a) => {
        if (!gone && asked === revision) answer.value = a
      })
      .catch(() => {
        if (!gone && asked === revision) retry = setTimeout(() => load(revision), RETRY_MS)
      })
  }

  watch(() => live[follow], load, { immediate: true })
  onBeforeUnmount(() => {
    gone = true
    clearTimeout(retry)
  })
  return { answer, settled: work.settled }
}
