import { Marker, type Map as MaplibreMap } from 'maplibre-gl'
import type { MapPalette } from '../map/palette'
import './wall-pulse.css'

/** Why a place pulses: an overdue hazard there, an escalation, a new hazard, a close-out. */
export type PulseTone = 'overdue' | 'escalated' | 'found' | 'closed'

export interface PulseSpot {
  lngLat: [number, number]
  tone: PulseTone
}

/** One ring's life (CSS, wall-pulse.css); a pulse is three rings, then the place is still again. */
export const RING_MS = 1_200
export const PULSE_MS = 3 * RING_MS
/** Rings at once: the worst few places, or the map would only flicker. More are not shown. */
export const PULSE_POOL = 16

export function pulseColours(palette: MapPalette): Record<PulseTone, string> {
  return { overdue: palette.hazards.overdue, escalated: palette.hazards.escalated, found: palette.lines.town, closed: '#59d98e' }
}

/** The spots a pulse shows: at most the pool's size, the first given first. */
export function pulseBatch(spots: readonly PulseSpot[], pool = PULSE_POOL): readonly PulseSpot[] {
  return spots.slice(0, pool)
}

/**
 * Brief pulses over the wall's map, drawn as a pool of HTML markers with CSS rings rather than as
 * a map layer: the browser's compositor animates them, so the map itself is not repainted frame
 * after frame (which, on a software-rendered wall, would hold up everything else). The markers
 * are made once and reused; each pulse places some of them and takes them off after PULSE_MS.
 */
export function wallPulses(palette: MapPalette, sizePx: () => number) {
  const colours = pulseColours(palette)
  let map: MaplibreMap | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const pool: { marker: Marker; ring: HTMLElement }[] = []
  let shown = 0

  function takeOff(): void {
    clearTimeout(timer)
    for (let i = 0; i < shown; i++) pool[i]!.marker.remove()
    shown = 0
  }

  return {
    attach(target: MaplibreMap): void {
      map = target
      for (let i = 0; i < PULSE_POOL; i++) {
        const element = document.createElement('div')
        element.className = 'wall-pulse'
        const ring = document.createElement('div')
        ring.className = 'wall-pulse__ring'
        element.append(ring)
        pool.push({ marker: new Marker({ element }), ring })
      }
    },
    pulse(spots: readonly PulseSpot[]): void {
      if (!map) return
      takeOff()
      const batch = pulseBatch(spots)
      batch.forEach((spot, i) => {
        const { marker, ring } = pool[i]!
        ring.style.setProperty('--pulse-ms', `${RING_MS}ms`)
        ring.style.setProperty('--pulse-size', `${sizePx()}px`)
        ring.style.setProperty('--pulse-colour', colours[spot.tone])
        // Re-adding restarts the CSS animation: the element re-enters the document.
        marker.setLngLat(spot.lngLat).addTo(map!)
      })
      shown = batch.length
      timer = setTimeout(takeOff, PULSE_MS)
    },
    destroy(): void {
      takeOff()
      pool.length = 0
      map = undefined
    },
  }
}
