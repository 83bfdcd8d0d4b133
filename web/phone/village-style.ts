import type { FeatureCollection, Point } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'
import { type VillageData, collection } from './village-data'

/** A mark of the worker's own: a task (overdue or not) or a report still in the outbox. */
export interface OwnMark {
  lon: number
  lat: number
  kind: 'task' | 'overdue' | 'queued'
}

const palette = { land: '#f4f1ea', village: '#b71c1c', grid: '#8d8d8d', site: '#1565c0', task: '#f57c00', overdue: '#d7191c', queued: '#616161' }

export function ownMarks(marks: OwnMark[]): FeatureCollection<Point, { kind: OwnMark['kind'] }> {
  return {
    type: 'FeatureCollection',
    features: marks.map((m) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [m.lon, m.lat] }, properties: { kind: m.kind } })),
  }
}

/**
 * The light map's whole style: no tiles, no fonts (no text is drawn, so no glyphs are needed
 * offline), only the village's own GeoJSON from the app's endpoints and the worker's marks.
 */
export function villageStyle(data: VillageData, marks: OwnMark[]): StyleSpecification {
  const own = ownMarks(marks)
  return {
    version: 8,
    sources: {
      village: { type: 'geojson', data: collection(data.village ? [data.village] : []) },
      grid: { type: 'geojson', data: collection(data.grid) },
      sites: { type: 'geojson', data: collection(data.sites) },
      own: { type: 'geojson', data: own },
    },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': palette.land } },
      { id: 'village-fill', type: 'fill', source: 'village', paint: { 'fill-color': palette.village, 'fill-opacity': 0.05 } },
      { id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': palette.grid, 'line-width': 1, 'line-dasharray': [3, 2] } },
      { id: 'village-line', type: 'line', source: 'village', paint: { 'line-color': palette.village, 'line-width': 2.5 } },
      { id: 'sites', type: 'circle', source: 'sites', paint: { 'circle-radius': 5, 'circle-color': palette.site, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
      {
        id: 'own', type: 'circle', source: 'own',
        paint: {
          'circle-radius': 8,
          'circle-color': ['match', ['get', 'kind'], 'overdue', palette.overdue, 'queued', '#ffffff', palette.task],
          'circle-stroke-color': ['match', ['get', 'kind'], 'queued', palette.queued, '#ffffff'],
          'circle-stroke-width': ['match', ['get', 'kind'], 'queued', 3, 1.5],
        },
      },
    ],
  }
}

export const legendColours = palette
