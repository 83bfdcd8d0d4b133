/**
 * The naive path: the whole ledger fetched page by page from /api/hazards into one GeoJSON
 * source, drawn as points and per-category heat over the areas with their names; a filter is
 * applied in JavaScript and the result sent again with setData.
 */
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { ExpressionSpecification, GeoJSONSource, LayerSpecification } from 'maplibre-gl'
import { cameraFromUrl, createMap, fail, getJson, idle, loadLabelFont, publish } from './bare'

const levels = ['town', 'district', 'village', 'grid'] as const
const categories = ['violent_terror', 'mass_incident', 'individual_extreme', 'safety_accident'] as const
const categoryColor: Record<string, string> = { violent_terror: '#6b4c9a', mass_incident: '#1f78b4', individual_extreme: '#8c564b', safety_accident: '#2ca02c' }
const levelColor: ExpressionSpecification = ['match', ['get', 'level'], 'major', '#d7191c', 'significant', '#f57c00', 'general', '#f2c500', 'low', '#2b83ba', '#8a919c']

type Slim = Feature<Point, { id: number; category: string; level: string; status: string }>
type AreaProps = { id: string; name: string; level: string; label: [number, number] }

async function wholeLedger(): Promise<Slim[]> {
  const all: Slim[] = []
  let cursor: string | undefined
  do {
    const page = await getJson<FeatureCollection<Point, Slim['properties']> & { nextCursor?: string }>(`/api/hazards?limit=10000${cursor ? `&cursor=${cursor}` : ''}`)
    // Only what the layers use is kept, so the page holds the ledger without running out of memory.
    for (const f of page.features) all.push({ type: 'Feature', geometry: f.geometry, properties: { id: f.properties.id, category: f.properties.category, level: f.properties.level ?? '', status: f.properties.status } })
    cursor = page.nextCursor
  } while (cursor)
  return all
}

function layers(): LayerSpecification[] {
  const byLevel = (level: string): ExpressionSpecification => ['==', ['get', 'level'], level]
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#e4e8ee' } },
    { id: 'district-fill', type: 'fill', source: 'areas', filter: byLevel('district'), paint: { 'fill-color': '#f4f1f6', 'fill-opacity': 0.8 } },
    ...categories.map((c): LayerSpecification => ({
      id: `heat-${c}`, type: 'heatmap', source: 'hazards', filter: ['==', ['get', 'category'], c],
      paint: { 'heatmap-radius': 18, 'heatmap-opacity': 0.6, 'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(0,0,0,0)', 1, categoryColor[c]!] },
    })),
    { id: 'grid-line', type: 'line', source: 'areas', filter: byLevel('grid'), paint: { 'line-color': '#9aa3ae', 'line-width': 0.5, 'line-dasharray': [2, 2] } },
    { id: 'village-line', type: 'line', source: 'areas', filter: byLevel('village'), paint: { 'line-color': '#8a919c', 'line-width': 0.8 } },
    { id: 'district-line', type: 'line', source: 'areas', filter: byLevel('district'), paint: { 'line-color': '#7b4a8c', 'line-width': 1.6 } },
    { id: 'town-line', type: 'line', source: 'areas', filter: byLevel('town'), paint: { 'line-color': '#3d2147', 'line-width': 2.5 } },
    { id: 'hazard-points', type: 'circle', source: 'hazards', paint: { 'circle-radius': 4, 'circle-color': levelColor, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
    ...(['village', 'district'] as const).map((level): LayerSpecification => ({
      id: `${level}-labels`, type: 'symbol', source: 'labels', filter: byLevel(level),
      layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans SC'], 'text-size': level === 'district' ? 15 : 12 },
      paint: { 'text-color': '#2f343b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    })),
  ]
}

async function main(): Promise<void> {
  const [areaSets, hazards] = await Promise.all([Promise.all(levels.map((l) => getJson<FeatureCollection<never, AreaProps>>(`/api/areas?level=${l}`))), wholeLedger()])
  const areas = areaSets.flatMap((s) => s.features)
  const labels: FeatureCollection<Point, AreaProps> = {
    type: 'FeatureCollection',
    features: areas.map((a) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: a.properties.label }, properties: a.properties })),
  }
  await loadLabelFont(areas.map((a) => a.properties.name).join(''))
  const map = createMap(
    {
      version: 8,
      sources: {
        areas: { type: 'geojson', data: { type: 'FeatureCollection', features: areas } },
        labels: { type: 'geojson', data: labels },
        hazards: { type: 'geojson', data: { type: 'FeatureCollection', features: hazards } },
      },
      layers: layers(),
    },
    cameraFromUrl(),
  )
  const firstIdle = new Promise<number>((resolve) => map.once('load', () => void idle(map).then(() => resolve(performance.now()))))
  publish({
    map,
    firstIdle,
    async filter(category) {
      const started = performance.now()
      const features = category ? hazards.filter((f) => f.properties.category === category) : hazards
      map.getSource<GeoJSONSource>('hazards')!.setData({ type: 'FeatureCollection', features })
      await idle(map)
      return performance.now() - started
    },
  })
}

main().catch(fail)
