import { computed, onBeforeUnmount, shallowRef } from 'vue'
import { FIX_WINDOW_MS, type FixVerdict, type GpsFix, betterFix, judgeAccuracy, searchDone } from './gps'

/** Where the search stands: 'denied' (permission refused) and 'unavailable' (no API, plain HTTP, no fix in time) need a pin. */
export type GpsState = 'idle' | 'seeking' | 'done' | 'denied' | 'unavailable'

const PERMISSION_DENIED = 1

/** The last good position any screen found, for the task list's distances. */
export const lastPosition = shallowRef<GpsFix>()

/**
 * The best GPS fix for a report (gps.ts): watchPosition with high accuracy, keeping the fix with the
 * smallest accuracy radius until one is ≤ 30 m or 30 s have passed. Geolocation exists only in a
 * secure context (HTTPS or localhost); on plain HTTP the state is 'unavailable' and the pin is asked.
 */
export function useGpsFix() {
  const best = shallowRef<GpsFix>()
  const state = shallowRef<GpsState>('idle')
  let watchId: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let started = 0

  function stop(next: GpsState): void {
    if (watchId !== undefined) navigator.geolocation.clearWatch(watchId)
    if (timer !== undefined) clearTimeout(timer)
    watchId = timer = undefined
    state.value = next
  }

  function start(): void {
    if (state.value === 'seeking') return
    best.value = undefined
    if (!globalThis.isSecureContext || !('geolocation' in navigator)) {
      state.value = 'unavailable'
      return
    }
    state.value = 'seeking'
    started = Date.now()
    timer = setTimeout(() => stop(best.value ? 'done' : 'unavailable'), FIX_WINDOW_MS)
    watchId = navigator.geolocation.watchPosition(
      (position) => {
        const fix: GpsFix = { lon: position.coords.longitude, lat: position.coords.latitude, accuracy: position.coords.accuracy, at: position.timestamp }
        best.value = betterFix(best.value, fix)
        if (judgeAccuracy(best.value.accuracy) !== 'pin') lastPosition.value = best.value
        if (searchDone(best.value, Date.now() - started)) stop('done')
      },
      (error) => {
        // Only a refusal ends the search at once; a timeout or a lost signal may still be followed by a fix.
        if (error.code === PERMISSION_DENIED) stop('denied')
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: FIX_WINDOW_MS },
    )
  }

  onBeforeUnmount(() => stop(state.value === 'seeking' ? 'idle' : state.value))

  /** 'pin' whenever the worker must place a pin: no fix, a refusal, or worse than 100 m. */
  const verdict = computed<FixVerdict>(() => (state.value === 'denied' || state.value === 'unavailable' ? 'pin' : judgeAccuracy(best.value?.accuracy)))

  return { best, state, verdict, start }
}
