import type { Map as MaplibreMap } from 'maplibre-gl'
import { labelFontFamily } from './fonts'
import { markImages, renderMark } from './marks'
import type { MapPalette } from './palette'

/**
 * Supplies the style's icons as MapLibre first asks for them: drawn on a canvas from marks.ts,
 * never fetched (the style has no sprite). Sharp at twice the CSS size on any screen up to 2×.
 */
export function provideMarkImages(map: MaplibreMap, palette: MapPalette): void {
  const marks = markImages(palette, labelFontFamily)
  const pixelRatio = Math.max(2, Math.ceil(window.devicePixelRatio || 1))
  map.setMissingStyleImageResolver((id) => {
    const mark = marks.get(id)
    if (!mark || map.hasImage(id)) return
    const canvas = renderMark(mark, pixelRatio)
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    map.addImage(id, image, { pixelRatio })
  })
}
