import type { Bounds } from './town-data'

/** Where the map looks, as the URL keeps it (`map=lon,lat,zoom`). */
export interface MapCamera {
  lon: number
  lat: number
  zoom: number
}

/** Room the desk's docked panels take from each side of the map, in pixels. */
export interface Insets {
  top: number
  right: number
  bottom: number
  left: number
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits

/** To the URL's precision (≈1 m, 1/100 zoom), so a camera read back from a link compares equal. */
export function roundCamera({ lon, lat, zoom }: MapCamera): MapCamera {
  return { lon: round(lon, 5), lat: round(lat, 5), zoom: round(zoom, 2) }
}

export function sameCamera(a: MapCamera | undefined, b: MapCamera | undefined): boolean {
  if (!a || !b) return a === b
  const x = roundCamera(a)
  const y = roundCamera(b)
  return x.lon === y.lon && x.lat === y.lat && x.zoom === y.zoom
}

/** Padding that keeps an area clear of the panels with a margin, and never more than half the map. */
export function fitPadding(insets: Insets, size: { width: number; height: number }, margin = 24): Insets {
  const side = (inset: number, extent: number) => Math.min(inset + margin, Math.floor(extent / 2) - margin)
  return {
    top: Math.max(0, side(insets.top, size.height)),
    bottom: Math.max(0, side(insets.bottom, size.height)),
    left: Math.max(0, side(insets.left, size.width)),
    right: Math.max(0, side(insets.right, size.width)),
  }
}

export function boundsCentre([w, s, e, n]: Bounds): [number, number] {
  return [(w + e) / 2, (s + n) / 2]
}
