import type { GeoJSONSource, MapGeoJSONFeature, Map as MaplibreMap, MapMouseEvent, PointLike } from 'maplibre-gl'
import { HOVER_STATE, focusLayerIds, type SubLevel } from './layers/focus'
import { hazardLayerIds } from './layers/hazards'
import { siteLayerIds } from './layers/sites'
import type { HazardMark, MapHover, MapPick } from './picks'
import { mapSourceIds } from './sources'

export interface InteractionEvents {
  onPick(pick: MapPick): void
  onHover(hover: MapHover | undefined): void
}

/** Marks are small: the pointer counts as on one within this many pixels. */
const REACH = 6
const markLayers = [hazardLayerIds.points, hazardLayerIds.bins, siteLayerIds.clusters, siteLayerIds.icons]

type Point = { x: number; y: number }

function lngLatOf(feature: MapGeoJSONFeature): [number, number] {
  const g = feature.geometry
  return g.type === 'Point' ? [g.coordinates[0]!, g.coordinates[1]!] : [NaN, NaN]
}

/** The nearest of the marks under the pointer, by the topmost layer first. */
function nearestMark(map: MaplibreMap, point: Point): MapGeoJSONFeature | undefined {
  const layers = markLayers.filter((id) => map.getLayer(id))
  if (!layers.length) return undefined
  const box: [PointLike, PointLike] = [
    [point.x - REACH, point.y - REACH],
    [point.x + REACH, point.y + REACH],
  ]
  const found = map.queryRenderedFeatures(box, { layers })
  const top = found[0]?.layer.id
  const distance = (f: MapGeoJSONFeature) => {
    const p = map.project(lngLatOf(f))
    return Math.hypot(p.x - point.x, p.y - point.y)
  }
  return found.filter((f) => f.layer.id === top).sort((a, b) => distance(a) - distance(b))[0]
}

/** What one click or hover at `point` would act on. */
export function pickAt(map: MaplibreMap, point: Point): MapPick | undefined {
  const mark = nearestMark(map, point)
  if (mark) {
    const p = mark.properties
    switch (mark.layer.id) {
      case hazardLayerIds.points:
        return { kind: 'hazard', mark: p as HazardMark & { id: number } }
      case hazardLayerIds.bins:
        return { kind: 'bin', mark: p as HazardMark, lngLat: lngLatOf(mark) }
      case siteLayerIds.clusters:
        return { kind: 'cluster', clusterId: Number(p['cluster_id']), count: Number(p['point_count']), lngLat: lngLatOf(mark) }
      case siteLayerIds.icons:
        return { kind: 'site', site: { id: String(p['id']), name: String(p['name']), kind: p['kind'] } }
    }
  }
  const area = map.queryRenderedFeatures([point.x, point.y], { layers: [focusLayerIds.hit] })[0]
  return area ? { kind: 'area', id: String(area.properties['id']), level: area.properties['level'] as SubLevel } : undefined
}

/**
 * Clicks and hovers. Zooming into a bin or a site cluster is the map's own business; a hazard,
 * a site or an area goes to the app. The area under the pointer is lit through feature state.
 */
export function bindInteractions(map: MaplibreMap, events: InteractionEvents): void {
  let hovered: string | undefined
  let frame = 0
  let last: MapMouseEvent | undefined

  const light = (id: string | undefined) => {
    if (id === hovered) return
    if (hovered !== undefined) map.setFeatureState({ source: mapSourceIds.areas, id: hovered }, { [HOVER_STATE]: false })
    if (id !== undefined) map.setFeatureState({ source: mapSourceIds.areas, id }, { [HOVER_STATE]: true })
    hovered = id
  }

  const hover = () => {
    frame = 0
    if (!last) return
    const pick = pickAt(map, last.point)
    light(pick?.kind === 'area' ? pick.id : undefined)
    map.getCanvas().style.cursor = pick ? 'pointer' : ''
    events.onHover(pick && { ...pick, x: last.point.x, y: last.point.y })
  }

  map.on('mousemove', (event) => {
    last = event
    // One query a frame, however fast the pointer moves.
    frame ||= requestAnimationFrame(hover)
  })
  map.on('mouseout', () => {
    last = undefined
    light(undefined)
    events.onHover(undefined)
  })
  // Moving the map moves what is under a still pointer: the tooltip would lie.
  map.on('movestart', () => events.onHover(undefined))

  map.on('click', (event) => {
    const pick = pickAt(map, event.point)
    if (!pick) return
    if (pick.kind === 'bin') {
      map.easeTo({ center: pick.lngLat, zoom: Math.min(map.getZoom() + 2, 17) })
    } else if (pick.kind === 'cluster') {
      const source = map.getSource<GeoJSONSource>(mapSourceIds.sites)
      void source?.getClusterExpansionZoom(pick.clusterId).then((zoom) => map.easeTo({ center: pick.lngLat, zoom }))
    } else {
      events.onPick(pick)
    }
    // What the click opened (a card, a new area) now lies over the pointer or elsewhere.
    events.onHover(undefined)
  })
}

