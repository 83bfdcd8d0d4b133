import 'maplibre-gl/dist/maplibre-gl.css'
import { AttributionControl, Map as MaplibreMap, prewarm, ScaleControl, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { Overlay } from '../stores/overlays'
import { fitPadding, roundCamera, type Insets, type MapCamera } from './camera'
import { provideMarkImages } from './images'
import { bindInteractions, type InteractionEvents } from './interactions'
import { layerFilters, layerVisibility, type MapLayerState } from './layer-groups'
import { CLASS_STATE } from './layers/choropleth'
import { overlaySync } from './overlay-sync'
import { mapSourceIds } from './sources'
import { buildTownStyle, type TownStyleOptions } from './style'
import { exposeForTests, type TestHooks } from './test-handle'
import { tileUrlQueue } from './tile-url'
import { townBounds, type Bounds, type TownMapData } from './town-data'

// MapLibre 6 looks for its worker beside its own module file; once bundled it lives elsewhere.
setWorkerUrl(workerUrl)
// The worker starts now, while the page still waits for the town's data and fonts, rather than
// when the first map is created; it then stays for the next map (the desk after the work page).
prewarm()

/** Texts the map shows itself; they come from the app's i18n messages. */
export interface MapTexts {
  /** Where the drawn data comes from. */
  attribution: string
  /** The canvas's accessible name. */
  title: string
}

export interface TownMapEvents extends InteractionEvents {
  /** The camera came to rest (after a drag, a zoom, a flight). */
  onCamera(camera: MapCamera): void
}

export interface TownMapOptions extends Omit<TownStyleOptions, 'scale'> {
  container: HTMLElement
  data: TownMapData
  texts: MapTexts
  /** Room the panels take around the map, in pixels, for a container of this size. */
  insets: (size: { width: number; height: number }) => Insets
  /** Open here (a link's camera) rather than on the town or `area`. */
  camera?: MapCamera
  /** Open on this area (a link's drill-down without a camera). */
  area?: Bounds
  events: TownMapEvents
  testHooks: TestHooks
  /** A view's own drawing over the town (the wall's pulses), handed the map once its style has loaded. */
  addOn?: (map: MaplibreMap) => void
  /** Canvas pixels per CSS pixel, for a view that scales the map's box itself (the wall at 4K); default the screen's. */
  pixelRatio?: number
  /** Called once, when the first frame with everything loaded has been drawn (the map's first 'idle'). */
  onDrawn?: () => void
}

export interface TownMap {
  setTexts(texts: MapTexts): void
  /** A new hazard tile template (filter or live revision changed): tiles reload in place. */
  setHazardTiles(url: string): void
  setLayerState(state: MapLayerState): void
  /** The choropleth's class per area id (see choropleth.ts). */
  setChoropleth(classes: ReadonlyMap<string, number>): void
  /** Flies to an area, or to the whole town when none is given. */
  showArea(bounds: Bounds | undefined): void
  jumpTo(camera: MapCamera): void
  setOverlays(overlays: Readonly<Record<string, Overlay>>): void
  destroy(): void
}

/** Where the map opens when the data has no geometry at all: Pingdu's centre. */
const PINGDU_CENTRE: [number, number] = [119.988, 36.776]
const FLIGHT_MS = 800

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false

/**
 * Opens the map on the whole town. The label zoom bands are set from the zoom that fits the town
 * into this container, so the style is built only after that fit is known. Everything that
 * changes later (filter, toggles, drill-down, choropleth figures) goes through the returned
 * handle as small updates: the style is never rebuilt.
 */
export function createTownMap(options: TownMapOptions): TownMap {
  const town = townBounds(options.data.areas)
  const size = { width: options.container.clientWidth, height: options.container.clientHeight }
  const padding = () => fitPadding(options.insets(size), size)
  const map = new MaplibreMap({
    container: options.container,
    ...(town ? { bounds: town, fitBoundsOptions: { padding: padding() } } : { center: PINGDU_CENTRE, zoom: 11 }),
    // Chinese is drawn from the style's own font ('Noto Sans SC'), not the system's.
    localIdeographFontFamily: false,
    attributionControl: false,
    maplibreLogo: false,
    // Boundaries are read north-up, as on paper; rotation only disorients.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    // No fade-in of labels and marks: on software WebGL every faded frame costs as much as a
    // repaint, and a filter change should settle in one.
    fadeDuration: 0,
    // Tile URLs are path-only (the style names no host); resolve them against the page.
    transformRequest: (url) => ({ url: new URL(url, window.location.href).href }),
    ...(options.pixelRatio && { pixelRatio: options.pixelRatio }),
  })
  map.touchZoomRotate.disableRotation()
  map.keyboard.disableRotation()
  const scale = { townZoom: map.getZoom() }
  provideMarkImages(map, options.palette)
  map.setStyle(buildTownStyle(options.data, { ...options, scale }))
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')
  if (options.camera) map.jumpTo({ center: [options.camera.lon, options.camera.lat], zoom: options.camera.zoom })
  else if (options.area) map.fitBounds(options.area, { padding: padding(), duration: 0 })

  let attribution: AttributionControl | undefined
  const setTexts = (texts: MapTexts) => {
    if (attribution) map.removeControl(attribution)
    // Not compact: the credit stays readable without a toggle button that would need a tooltip.
    attribution = new AttributionControl({ compact: false, customAttribution: texts.attribution })
    map.addControl(attribution, 'bottom-right')
    map.getCanvas().setAttribute('aria-label', texts.title)
  }
  setTexts(options.texts)

  // Feature state and filters need the style loaded; until then the latest wish waits.
  const loaded = new Promise<void>((resolve) => (map.isStyleLoaded() ? resolve() : map.once('load', () => resolve())))
  const whenLoaded = (apply: () => void) => void loaded.then(() => map.getStyle() && apply())

  let applied = { visibility: layerVisibility(options.state), filters: layerFilters(options.state) }
  let classes: ReadonlyMap<string, number> = new Map()
  const syncOverlays = overlaySync(map, options.palette, scale)

  bindInteractions(map, options.events)
  // A tile refused because the session has just ended (logging out while tiles load) is no fault
  // of the map: the app takes the reader to the login page. Anything else is reported as MapLibre would.
  map.on('error', ({ error }) => {
    if ((error as { status?: unknown } | undefined)?.status !== 401) console.error(error)
  })
  if (options.onDrawn) map.once('idle', options.onDrawn)
  if (options.addOn) whenLoaded(() => options.addOn!(map))
  map.on('moveend', () => {
    const { lng, lat } = map.getCenter()
    options.events.onCamera(roundCamera({ lon: lng, lat, zoom: map.getZoom() }))
  })

  const hazardTiles = tileUrlQueue(map, mapSourceIds.hazards)
  const withdrawHandle = exposeForTests(map, {
    ...options.testHooks,
    // Settled only once the latest hazard tile URL has been handed to the map.
    settled: async () => {
      await options.testHooks.settled()
      await hazardTiles.applied()
    },
  })
  return {
    setTexts,
    setHazardTiles(url) {
      whenLoaded(() => hazardTiles.set(url))
    },
    setLayerState(state) {
      whenLoaded(() => {
        const visibility = layerVisibility(state)
        const filters = layerFilters(state)
        for (const [id, shown] of Object.entries(visibility))
          if (applied.visibility[id] !== shown && map.getLayer(id)) map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none')
        for (const [id, filter] of Object.entries(filters))
          if (JSON.stringify(applied.filters[id]) !== JSON.stringify(filter) && map.getLayer(id)) map.setFilter(id, filter)
        applied = { visibility, filters }
      })
    },
    setChoropleth(next) {
      whenLoaded(() => {
        for (const id of classes.keys()) if (!next.has(id)) map.removeFeatureState({ source: mapSourceIds.areas, id }, CLASS_STATE)
        for (const [id, klass] of next) if (classes.get(id) !== klass) map.setFeatureState({ source: mapSourceIds.areas, id }, { [CLASS_STATE]: klass })
        classes = next
      })
    },
    showArea(bounds) {
      const target = bounds ?? town
      if (target) map.fitBounds(target, { padding: padding(), duration: reducedMotion() ? 0 : FLIGHT_MS, maxZoom: 17 })
    },
    jumpTo(camera) {
      map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom })
    },
    setOverlays(overlays) {
      whenLoaded(() => syncOverlays(overlays))
    },
    destroy() {
      withdrawHandle()
      map.remove()
    },
  }
}
