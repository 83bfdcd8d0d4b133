import 'maplibre-gl/dist/maplibre-gl.css'
import { type GeoJSONSource, type LngLatBoundsLike, Map as MaplibreMap, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { VillageData } from './village-data'
import { type OwnMark, ownMarks, villageStyle } from './village-style'

setWorkerUrl(workerUrl)

/** Pingdu's centre, where the map opens when the village has no boundary. */
const PINGDU_CENTRE: [number, number] = [119.988, 36.776]

export interface VillageMap {
  center(): [number, number]
  setMarks(marks: OwnMark[]): void
  destroy(): void
}

/**
 * The phone's light map (loaded only after the form): the village's boundary, cells and sites and
 * the worker's marks, north-up, no rotation or pitch. Resolves once the first frame is drawn.
 */
export function openVillageMap(container: HTMLElement, data: VillageData, marks: OwnMark[], start?: [number, number]): Promise<VillageMap> {
  const bbox = data.village?.properties.bbox
  const map = new MaplibreMap({
    container,
    style: villageStyle(data, marks),
    ...(start ? { center: start, zoom: 16 } : bbox ? { bounds: bbox as LngLatBoundsLike, fitBoundsOptions: { padding: 16 } } : { center: PINGDU_CENTRE, zoom: 12 }),
    attributionControl: false,
    maplibreLogo: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: 0,
  })
  map.touchZoomRotate.disableRotation()
  const handle: VillageMap = {
    center: () => {
      const c = map.getCenter()
      return [Math.round(c.lng * 1e6) / 1e6, Math.round(c.lat * 1e6) / 1e6]
    },
    setMarks: (next) => void (map.getSource('own') as GeoJSONSource | undefined)?.setData(ownMarks(next)),
    destroy: () => map.remove(),
  }
  return new Promise((resolve, reject) => {
    map.once('idle', () => resolve(handle))
    map.once('error', (event) => reject(event.error))
  })
}
