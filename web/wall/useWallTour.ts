import { computed, onBeforeUnmount, shallowRef, watch, type Ref } from 'vue'

/** Seconds a stop stays on screen when the URL names no pace: long enough to read every figure. */
export const DEFAULT_TOUR_SECONDS = 20
/** Faster than a flight (0.8 s) plus a refetch would leave nothing on screen long enough to see. */
const MIN_TOUR_SECONDS = 1

/** A stop of the tour: a district's id, or null for the whole township. */
export type TourStop = string | null

/**
 * The tour's stops in order: the township first, then every district, then back to the township.
 * A town without districts only ever shows itself.
 */
export function tourStops(districtIds: readonly string[]): TourStop[] {
  return [null, ...districtIds]
}

/** The index after `index`, wrapping round to the township; an index out of range restarts there. */
export function nextStopIndex(index: number, stopCount: number): number {
  if (stopCount <= 1 || index < 0 || index >= stopCount - 1) return 0
  return index + 1
}

/**
 * The tour's pace from the URL (`?tour=seconds`), milliseconds; `0` or `off` stops the tour.
 * Anything unreadable falls back to the default rather than stopping a wall nobody watches.
 */
export function tourIntervalMs(value: unknown, fallbackSeconds = DEFAULT_TOUR_SECONDS): number | null {
  const raw = Array.isArray(value) ? value[0] : value
  if (raw === 'off' || raw === '0') return null
  const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN
  const chosen = Number.isFinite(seconds) && seconds > 0 ? seconds : fallbackSeconds
  return Math.max(MIN_TOUR_SECONDS, chosen) * 1000
}

/**
 * Walks the stops on a timer while the page is mounted. One timer at a time, cleared on unmount;
 * when the districts arrive (or change) the tour keeps its place if it still can.
 */
export function useWallTour(districtIds: Readonly<Ref<readonly string[]>>, intervalMs: number | null) {
  const stops = computed(() => tourStops(districtIds.value))
  const index = shallowRef(0)
  let timer: ReturnType<typeof setTimeout> | undefined

  function schedule(): void {
    clearTimeout(timer)
    if (intervalMs === null) return
    timer = setTimeout(() => {
      index.value = nextStopIndex(index.value, stops.value.length)
      schedule()
    }, intervalMs)
  }

  watch(stops, (next) => {
    if (index.value >= next.length) index.value = 0
  })
  schedule()
  onBeforeUnmount(() => clearTimeout(timer))

  const stop = computed<TourStop>(() => stops.value[index.value] ?? null)
  return { stop, index, count: computed(() => stops.value.length) }
}
