/**
 * What the bare MapLibre pages share: MapLibre and the label font served by the app's own
 * server (nothing off-origin), first-idle timing, and the WebGL renderer the page ran on.
 */
import 'maplibre-gl/dist/maplibre-gl.css'
import '@fontsource/noto-sans-sc/400.css'
import { Map as MaplibreMap, setWorkerUrl, type StyleSpecification } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'

setWorkerUrl(workerUrl)

export interface Camera {
  center: [number, number]
  zoom: number
}

/** What the bench asks of a bare page (window.__bench). */
export interface BenchPage {
  /** performance.now() of the first idle with everything drawn */
  firstIdle: Promise<number>
  /** Applies a category filter (none: all) and resolves with the ms until the map is idle again. */
  filter(category: string | undefined): Promise<number>
  map: MaplibreMap
}

declare global {
  interface Window {
    __bench?: BenchPage
    __benchError?: string
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { credentials: 'same-origin' })
  if (!res.ok) throw new Error(`${url}: ${res.status}`)
  return (await res.json()) as T
}

/** Resolves at the next 'idle': a frame drawn with nothing left to load. */
export function idle(map: MaplibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve())
    map.triggerRepaint()
  })
}

/** As the app does: the subsets holding every label's characters, before the first label is drawn. */
export async function loadLabelFont(text: string): Promise<void> {
  await document.fonts.load('16px "Noto Sans SC"', text)
}

export function createMap(style: StyleSpecification, camera: Camera): MaplibreMap {
  const container = document.getElementById('map')!
  return new MaplibreMap({
    container, style, center: camera.center, zoom: camera.zoom, localIdeographFontFamily: false, attributionControl: false,
    // As the app does: path-only tile URLs are resolved against the page.
    transformRequest: (url) => ({ url: new URL(url, window.location.href).href }),
  })
}

/** ?c=lon,lat,zoom — the camera the app settled on, so every page draws the same view. */
export function cameraFromUrl(): Camera {
  const [lon, lat, zoom] = (new URLSearchParams(location.search).get('c') ?? '120.2,36.9,11').split(',').map(Number)
  return { center: [lon!, lat!], zoom: zoom! }
}

export function publish(page: BenchPage): void {
  window.__bench = page
}

export function fail(error: unknown): void {
  window.__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error)
}
