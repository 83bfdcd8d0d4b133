import type { MapGeoJSONFeature, Map as MaplibreMap } from 'maplibre-gl'
import type { useFilterStore } from '../stores/filters'
import type { useLiveStore } from '../stores/live'
import type { useMapLayersStore } from '../stores/map-layers'
import type { useOverlayStore } from '../stores/overlays'
import type { useSelectionStore } from '../stores/selection'
import { focusLayerIds } from './layers/focus'
import { hazardLayerIds } from './layers/hazards'
import { siteLayerIds } from './layers/sites'
import type { HazardMark } from './picks'

/** The app's own state, so a test drives the map as the panels would (no URL, no panel needed). */
export interface TestStores {
  filters: ReturnType<typeof useFilterStore>
  selection: ReturnType<typeof useSelectionStore>
  layers: ReturnType<typeof useMapLayersStore>
  overlays: ReturnType<typeof useOverlayStore>
  live: ReturnType<typeof useLiveStore>
}

export interface TestHooks {
  stores: TestStores
  /** Settles once the app has nothing in flight for the map (figures being fetched). */
  settled(): Promise<void>
}

/** A mark as drawn: its tile properties and where it is on screen (CSS pixels from the map's top left). */
export type RenderedHazard = HazardMark & { x: number; y: number }

/** A rectangle of the map's canvas kept clear of the panels, in CSS pixels from its top left. */
export interface ScreenRegion {
  left: number
  top: number
  right: number
  bottom: number
}

/**
 * What browser tests may ask the live map, published as `window.__pinganMap` once the town's
 * data and label font are in and the style is set. Questions, plus the stores a panel would
 * change: exposing it in production reveals nothing the page does not already hold.
 */
export interface MapTestHandle {
  map: MaplibreMap
  stores: TestStores
  /**
   * Resolves once the app has applied every change made so far (Vue watchers ran, figures
   * fetched) and a frame has been drawn with nothing left to load, place or animate.
   */
  whenIdle(): Promise<void>
  /** How many features each layer draws in the current view. */
  renderedCounts(layerIds: string[]): Record<string, number>
  /** The text of every label each symbol layer actually placed (after collisions). */
  renderedLabels(layerIds: string[]): string[]
  /** Every hazard mark and bin drawn in the current view, each once. */
  renderedHazards(): RenderedHazard[]
  /**
   * A point inside `region` over the area `areaId` (of the level a click drills into) with no
   * mark over it, so a click there drills into that area; undefined when there is none.
   */
  areaPoint(areaId: string, region: ScreenRegion): { x: number; y: number } | undefined
}

declare global {
  interface Window {
    __pinganMap?: MapTestHandle
  }
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function positions(feature: MapGeoJSONFeature): number[][] {
  const g = feature.geometry
  if (g.type === 'Polygon') return g.coordinates.flat()
  if (g.type === 'MultiPolygon') return g.coordinates.flat(2)
  return []
}

function handleFor(map: MaplibreMap, hooks: TestHooks): MapTestHandle {
  const query = (layerIds: string[]) => map.queryRenderedFeatures({ layers: layerIds.filter((id) => map.getLayer(id)) })
  const settledNow = () => map.loaded() && !map.isMoving() && map.areTilesLoaded()
  /**
   * 'idle' comes after a frame with nothing left to do. A tile reload that brings the same bytes
   * (a live revision with nothing changed in view) draws no frame after it, so 'idle' never
   * comes: the map is also taken as settled when, between frames, it has nothing left to load.
   */
  const mapIdle = async () => {
    for (;;) {
      const idle = new Promise<boolean>((resolve) => map.once('idle', () => resolve(true)))
      map.triggerRepaint()
      const done = await Promise.race([idle, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 250))])
      if (done) return
      if (settledNow()) {
        // One more frame, so what the tests read (placed symbols) is drawn from the loaded tiles.
        await new Promise<void>((resolve) => {
          map.once('render', () => resolve())
          map.triggerRepaint()
        })
        return
      }
    }
  }
  const markLayers = [hazardLayerIds.points, hazardLayerIds.bins, siteLayerIds.clusters, siteLayerIds.icons]
  const marksNear = (x: number, y: number, reach = 10) =>
    map.queryRenderedFeatures(
      [
        [x - reach, y - reach],
        [x + reach, y + reach],
      ],
      { layers: markLayers.filter((id) => map.getLayer(id)) },
    ).length > 0

  return {
    map,
    stores: hooks.stores,
    whenIdle: async () => {
      // Store changes reach the map through Vue watchers, which run before the next macrotask.
      await macrotask()
      await hooks.settled()
      await macrotask()
      await mapIdle()
    },
    renderedCounts: (layerIds) => {
      const counts = Object.fromEntries(layerIds.map((id) => [id, 0]))
      for (const feature of query(layerIds)) counts[feature.layer.id] = (counts[feature.layer.id] ?? 0) + 1
      return counts
    },
    renderedLabels: (layerIds) => query(layerIds).map((f) => String(f.properties['name'] ?? '')),
    renderedHazards: () => {
      const seen = new Set<string>()
      const out: RenderedHazard[] = []
      for (const f of query([hazardLayerIds.points, hazardLayerIds.bins])) {
        if (f.geometry.type !== 'Point') continue
        const [lon = 0, lat = 0] = f.geometry.coordinates
        const p = f.properties as HazardMark
        const key = p.id !== undefined ? `#${p.id}` : `${p.category}@${lon.toFixed(6)},${lat.toFixed(6)}`
        if (seen.has(key)) continue
        seen.add(key)
        const { x, y } = map.project([lon, lat])
        out.push({ ...p, x, y })
      }
      return out
    },
    areaPoint: (areaId, region) => {
      const pieces = map.queryRenderedFeatures({ layers: [focusLayerIds.hit], filter: ['==', ['get', 'id'], areaId] })
      const points = pieces.flatMap(positions).map(([lon = 0, lat = 0]) => map.project([lon, lat]))
      if (!points.length) return undefined
      const xs = points.map((p) => p.x)
      const ys = points.map((p) => p.y)
      const [x0, x1, y0, y1] = [Math.max(Math.min(...xs), region.left), Math.min(Math.max(...xs), region.right), Math.max(Math.min(...ys), region.top), Math.min(Math.max(...ys), region.bottom)]
      const centre = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }
      const candidates: { x: number; y: number }[] = []
      const steps = 24
      for (let i = 0; i <= steps; i++)
        for (let j = 0; j <= steps; j++) candidates.push({ x: x0 + ((x1 - x0) * i) / steps, y: y0 + ((y1 - y0) * j) / steps })
      candidates.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y))
      return candidates.find((c) => {
        const hit = map.queryRenderedFeatures([c.x, c.y], { layers: [focusLayerIds.hit] })[0]
        return hit?.properties['id'] === areaId && !marksNear(c.x, c.y)
      })
    },
  }
}

/** Publishes the handle; the returned function withdraws it when the map goes away. */
export function exposeForTests(map: MaplibreMap, hooks: TestHooks): () => void {
  const handle = handleFor(map, hooks)
  window.__pinganMap = handle
  return () => {
    if (window.__pinganMap === handle) delete window.__pinganMap
  }
}
