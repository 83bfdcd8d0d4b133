import { onBeforeUnmount, shallowRef } from 'vue'

/** The wall is designed on a 16:9 frame. */
const ASPECT = 16 / 9

/**
 * The wall's unit in CSS px: a hundredth of the widest 16:9 frame the window holds — 19.2 at
 * 1920×1080, 38.4 at 3840×2160. The CSS uses the same unit (`--u`), so HTML and canvases
 * (charts) scale together and stay sharp: nothing is a scaled bitmap.
 */
export function wallUnit(width: number, height: number): number {
  return Math.min(width, height * ASPECT) / 100
}

/** Text on the charts' canvases: 0.8 u, never under 14 CSS px (legible across the room at 1080p). */
export function chartTextPx(unit: number): number {
  return Math.max(14, Math.round(unit * 0.8))
}

/** The unit the wall is designed at (1920×1080). */
export const DESIGN_UNIT = 19.2

/**
 * How much larger than at 1080p the map draws everything (labels, lines, marks): MapLibre sizes
 * them in CSS pixels, so on a 4K wall they would be half as large as the rest. The map's box is
 * laid out this many times smaller, scaled up by CSS, and rendered with this many more canvas
 * pixels per CSS pixel — one canvas pixel a screen pixel, so nothing is blurred.
 */
export function mapScale(unit: number): number {
  return Math.max(1, unit / DESIGN_UNIT)
}

/** The unit for the current window, kept current as it resizes (a wall may change screens). */
export function useWallUnit() {
  const unit = shallowRef(wallUnit(window.innerWidth, window.innerHeight))
  const measure = () => {
    const next = wallUnit(window.innerWidth, window.innerHeight)
    if (next !== unit.value) unit.value = next
  }
  window.addEventListener('resize', measure)
  onBeforeUnmount(() => window.removeEventListener('resize', measure))
  return unit
}
