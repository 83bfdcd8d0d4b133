import 'maplibre-gl/dist/maplibre-gl.css'
import { AttributionControl, Map as MaplibreMap, ScaleControl, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { buildTownStyle, type TownStyleOptions } from './style'
import { exposeForTests } from './test-handle'
import { townBounds, type TownMapData } from './town-data'

// MapLibre 6 looks for its worker beside its own module file; once bundled it lives elsewhere.
setWorkerUrl(workerUrl)

/** Texts the map shows itself; they come from the app's i18n messages. */
export interface MapTexts {
  /** Where the drawn data comes from. */
  attribution: string
  /** The canvas's accessible name. */
  title: string
}

export interface TownMapOptions extends Omit<TownStyleOptions, 'scale'> {
  container: HTMLElement
  data: TownMapData
  texts: MapTexts
  /** Room left around the town when the map opens, in pixels. */
  padding?: number
}

export interface TownMap {
  setTexts(texts: MapTexts): void
  destroy(): void
}

/** Where the map opens when the data has no geometry at all: Pingdu's centre. */
const PINGDU_CENTRE: [number, number] = [119.988, 36.776]

/**
 * Opens the map on the whole town. The label zoom bands are set from the zoom that fits the town
 * into this container, so the style is built only after that fit is known.
 */
export function createTownMap(options: TownMapOptions): TownMap {
  const bounds = townBounds(options.data.areas)
  const map = new MaplibreMap({
    container: options.container,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: options.padding ?? 48 } } : { center: PINGDU_CENTRE, zoom: 11 }),
    // Chinese is drawn from the style's own font ('Noto Sans SC'), not the system's.
    localIdeographFontFamily: false,
    attributionControl: false,
    maplibreLogo: false,
    // Boundaries are read north-up, as on paper; rotation only disorients.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  })
  map.touchZoomRotate.disableRotation()
  map.keyboard.disableRotation()
  map.setStyle(buildTownStyle(options.data, { ...options, scale: { townZoom: map.getZoom() } }))
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')

  let attribution: AttributionControl | undefined
  const setTexts = (texts: MapTexts) => {
    if (attribution) map.removeControl(attribution)
    // Not compact: the credit stays readable without a toggle button that would need a tooltip.
    attribution = new AttributionControl({ compact: false, customAttribution: texts.attribution })
    map.addControl(attribution, 'bottom-right')
    map.getCanvas().setAttribute('aria-label', texts.title)
  }
  setTexts(options.texts)

  const withdrawHandle = exposeForTests(map)
  return {
    setTexts,
    destroy() {
      withdrawHandle()
      map.remove()
    },
  }
}
