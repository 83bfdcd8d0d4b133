import 'maplibre-gl/dist/maplibre-gl.css'
import { type GeoJSONSource, Map as MaplibreMap, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { LonLat } from '../api/areas'
import { overlays, type OverlayId } from '../map/registry'
import type { MapPalette } from '../map/palette'
import type { TownScale } from '../map/scale'
import type { StyleSpecification } from '../map/spec'
import { areaLabelPoints, areaShapes, townBounds, type Bounds, type TownMapData } from '../map/town-data'

// As in create-map.ts: once bundled, MapLibre's worker no longer sits beside its module.
setWorkerUrl(workerUrl)

export interface PointPickerOptions {
  container: HTMLElement
  /** Shapes and the base to click on; no hazards or sites, so a click is only ever a place. */
  data: Pick<TownMapData, 'areas' | 'basemap'>
  palette: MapPalette
  /** Open on this area (the reader's own village or district) centred on `centre`, else on the town. */
  area?: { bounds: Bounds; centre: LonLat }
  /** the canvas's accessible name */
  title: string
  onPick(point: LonLat): void
}

export interface PointPicker {
  /** Marks the chosen point (typed coordinates too) and brings it into view; undefined clears it. */
  setPoint(point: LonLat | undefined): void
  destroy(): void
}

const PICKED = 'picked-point'
/** The base of the big map, minus what would compete with the click: no hazards, sites or heat. */
const drawn: OverlayId[] = ['areaFills', 'basemap', 'areaLines', 'basemapLabels', 'areaLabels']

function pickerStyle(data: PointPickerOptions['data'], palette: MapPalette, scale: TownScale, point?: LonLat): StyleSpecification {
  return {
    version: 8,
    sources: {
      [overlays.areaFills.source]: { type: 'geojson', data: areaShapes(data.areas), promoteId: 'id' },
      [overlays.areaLabels.source]: { type: 'geojson', data: areaLabelPoints(data.areas) },
      [overlays.basemap.source]: { type: 'geojson', data: { type: 'FeatureCollection', features: data.basemap } },
      [PICKED]: { type: 'geojson', data: pointData(point) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': palette.background } },
      ...drawn.flatMap((id) => overlays[id].layers(overlays[id].source, palette, scale)),
      {
        id: PICKED,
        type: 'circle',
        source: PICKED,
        paint: { 'circle-radius': 7, 'circle-color': palette.focusLine, 'circle-stroke-color': palette.hazards.outline, 'circle-stroke-width': 3 },
      },
    ],
  }
}

function pointData(point: LonLat | undefined): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: point ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: point } }] : [] }
}

/**
 * A small map to say where a hazard is: one click puts the point there. The label bands follow
 * the zoom that fits the whole town into this (small) container, as on the big map.
 */
export function createPointPicker(options: PointPickerOptions): PointPicker {
  const town = townBounds(options.data.areas)
  const map = new MaplibreMap({
    container: options.container,
    ...(town ? { bounds: town } : { center: options.area?.centre ?? [119.988, 36.776], zoom: 11 }),
    localIdeographFontFamily: false,
    attributionControl: false,
    maplibreLogo: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: 0,
    // The page's own keyboard (Tab, typed coordinates) is the keyboard way to place a point.
    keyboard: false,
  })
  map.touchZoomRotate.disableRotation()
  const scale = { townZoom: map.getZoom() }
  map.setStyle(pickerStyle(options.data, options.palette, scale))
  if (options.area) {
    map.fitBounds(options.area.bounds, { padding: 16, duration: 0 })
    map.setCenter(options.area.centre)
  }
  map.getCanvas().setAttribute('aria-label', options.title)
  // Without keyboard handling the canvas would be a dead Tab stop; the coordinate fields follow it instead.
  map.getCanvas().tabIndex = -1
  map.on('click', (event) => options.onPick([round6(event.lngLat.lng), round6(event.lngLat.lat)]))

  // Says on the container when the map has drawn everything it was given (tests and screenshots wait for it).
  const idle = (now: boolean) => (options.container.dataset['mapIdle'] = String(now))
  map.on('idle', () => idle(true))
  map.on('movestart', () => idle(false))

  let point: LonLat | undefined
  const show = () => map.getSource<GeoJSONSource>(PICKED)?.setData(pointData(point))
  map.on('load', show)
  return {
    setPoint(next) {
      idle(false)
      point = next
      if (map.isStyleLoaded()) show()
      if (next && !map.getBounds().contains(next)) map.easeTo({ center: next, duration: 0 })
    },
    destroy: () => map.remove(),
  }
}

/** A micro-degree is about 0.1 m: finer than any phone's fix, and short to read back. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6
