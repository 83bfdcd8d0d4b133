import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl'
import type { Overlay } from '../stores/overlays'
import { overlayBelow, overlayKinds } from './layers/overlays'
import type { MapPalette } from './palette'
import { firstLayerOf } from './registry'
import type { TownScale } from './scale'
import { overlaySourceId } from './sources'
import type { OverlayKind } from '../stores/overlays'

/**
 * Keeps one GeoJSON source and its layers a drawing of the overlay store: new drawings are
 * added (buffers under the hazards, hits over them), changed ones get new data, gone ones are
 * removed with their layers.
 */
export function overlaySync(map: MaplibreMap, palette: MapPalette, scale: TownScale) {
  const drawn = new Map<string, { kind: OverlayKind; layers: string[] }>()

  function remove(id: string): void {
    const known = drawn.get(id)
    if (!known) return
    for (const layer of known.layers) if (map.getLayer(layer)) map.removeLayer(layer)
    if (map.getSource(overlaySourceId(id))) map.removeSource(overlaySourceId(id))
    drawn.delete(id)
  }

  return function sync(overlays: Readonly<Record<string, Overlay>>): void {
    for (const id of [...drawn.keys()]) if (!(id in overlays) || overlays[id]!.kind !== drawn.get(id)!.kind) remove(id)
    for (const [id, { kind, data }] of Object.entries(overlays)) {
      const sourceId = overlaySourceId(id)
      const source = map.getSource<GeoJSONSource>(sourceId)
      if (source && drawn.has(id)) {
        source.setData(data)
        continue
      }
      map.addSource(sourceId, { type: 'geojson', data })
      const layers = overlayKinds[kind](sourceId, palette)
      const before = firstLayerOf(overlayBelow[kind], palette, scale)
      for (const layer of layers) map.addLayer(layer, before && map.getLayer(before) ? before : undefined)
      drawn.set(id, { kind, layers: layers.map((l) => l.id) })
    }
  }
}
