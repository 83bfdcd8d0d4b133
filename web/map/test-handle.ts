import type { Map as MaplibreMap } from 'maplibre-gl'

/**
 * What browser tests may ask the live map, published as `window.__pinganMap` once the town's
 * data and label font are in and the style is set. Read-only questions, so exposing it in
 * production harms nothing.
 */
export interface MapTestHandle {
  map: MaplibreMap
  /** Resolves once a frame has been drawn with nothing left to load, place or animate. */
  whenIdle(): Promise<void>
  /** How many features each layer draws in the current view. */
  renderedCounts(layerIds: string[]): Record<string, number>
  /** The text of every label each symbol layer actually placed (after collisions). */
  renderedLabels(layerIds: string[]): string[]
}

declare global {
  interface Window {
    __pinganMap?: MapTestHandle
  }
}

function handleFor(map: MaplibreMap): MapTestHandle {
  const query = (layerIds: string[]) => map.queryRenderedFeatures({ layers: layerIds.filter((id) => map.getLayer(id)) })
  return {
    map,
    whenIdle: () =>
      new Promise<void>((resolve) => {
        map.once('idle', () => resolve())
        // 'idle' only fires after a frame; ask for one in case the map is already still.
        map.triggerRepaint()
      }),
    renderedCounts: (layerIds) => {
      const counts = Object.fromEntries(layerIds.map((id) => [id, 0]))
      for (const feature of query(layerIds)) counts[feature.layer.id] = (counts[feature.layer.id] ?? 0) + 1
      return counts
    },
    renderedLabels: (layerIds) => query(layerIds).map((f) => String(f.properties['name'] ?? '')),
  }
}

/** Publishes the handle; the returned function withdraws it when the map goes away. */
export function exposeForTests(map: MaplibreMap): () => void {
  const handle = handleFor(map)
  window.__pinganMap = handle
  return () => {
    if (window.__pinganMap === handle) delete window.__pinganMap
  }
}
