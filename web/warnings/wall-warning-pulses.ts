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

/**
 * The red and orange warnings pulse on the wall's map for as long as they are open: a fixed pool
 * of HTML markers with a CSS ring (the compositor animates it; the map is not repainted), placed
 * where the warnings are and taken off when they are lifted, so the animation stops when none is
 * left and nothing grows while the wall runs.
 */
export function wallWarningPulses(sizePx: () => number) {
  let map: MaplibreMap | undefined
  const pool: { marker: Marker; ring: HTMLElement }[] = []
  let shown = 0
  let wanted: readonly WarningSpot[] = []

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
      pool.length = 0
      map = undefined
    },
  }
}
