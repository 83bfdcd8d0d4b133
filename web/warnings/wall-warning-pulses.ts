import { Marker, type Map as MaplibreMap } from 'maplibre-gl'
import { type WarningLevel, warningLevelColor } from '../../server/domain/warnings/model'
import './wall-warning-pulses.css'

/** Where a red or orange warning stands on the wall's map (the area's label point). */
export interface WarningSpot {
  at: [number, number]
  level: WarningLevel
}

/** Places pulsing at once: more would only flicker; the list beside the map names them all. */
export const WARNING_PULSES = 12

/** How often the marked places pulse, and one pulse: two rings spreading out. */
export const PULSE_EVERY_MS = 10_000
const RING_MS = 1_200
const RINGS = 2
const spreading: Keyframe[] = [
  { transform: 'scale(0.25)', opacity: 1 },
  { transform: 'scale(1)', opacity: 0 },
]

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false

/**
 * The red and orange warnings on the wall's map for as long as they are open: a fixed pool of
 * HTML markers, each a still ring in the level's colour, that pulse together every
 * PULSE_EVERY_MS (the compositor animates them; the map is not repainted). Between pulses nothing
 * animates, so a software-rendered wall is not kept drawing frames; with none left the timer
 * stops. Nothing grows while the wall runs.
 */
export function wallWarningPulses(sizePx: () => number) {
  let map: MaplibreMap | undefined
  const pool: { marker: Marker; ring: HTMLElement }[] = []
  let shown = 0
  let wanted: readonly WarningSpot[] = []

  let timer: ReturnType<typeof setInterval> | undefined

  function pulse(): void {
    if (reducedMotion()) return
    for (let i = 0; i < shown; i++) pool[i]!.ring.animate(spreading, { duration: RING_MS, iterations: RINGS, easing: 'ease-out' })
  }

  /** Pulses while any place is marked, and not otherwise. */
  function keepPulsing(): void {
    if (shown > 0 && timer === undefined) {
      timer = setInterval(pulse, PULSE_EVERY_MS)
      pulse()
    } else if (shown === 0 && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }

  function place(): void {
    if (!map) return
    const batch = wanted.slice(0, WARNING_PULSES)
    batch.forEach((spot, i) => {
      const { marker, ring } = pool[i]!
      ring.style.setProperty('--pulse-size', `${sizePx()}px`)
      ring.style.setProperty('--pulse-colour', warningLevelColor[spot.level])
      ring.dataset['level'] = spot.level
      marker.setLngLat(spot.at)
      if (i >= shown) marker.addTo(map!)
    })
    for (let i = batch.length; i < shown; i++) pool[i]!.marker.remove()
    shown = batch.length
    keepPulsing()
  }

  return {
    attach(target: MaplibreMap): void {
      map = target
      for (let i = 0; i < WARNING_PULSES; i++) {
        const element = document.createElement('div')
        element.className = 'wall-warning-pulse'
        const ring = document.createElement('div')
        ring.className = 'wall-warning-pulse__ring'
        element.append(ring)
        pool.push({ marker: new Marker({ element }), ring })
      }
      place()
    },
    show(spots: readonly WarningSpot[]): void {
      wanted = spots
      place()
    },
    /** how many are pulsing now (for tests) */
    count: () => shown,
    destroy(): void {
      for (let i = 0; i < shown; i++) pool[i]!.marker.remove()
      shown = 0
      keepPulsing()
      pool.length = 0
      map = undefined
    },
  }
}
