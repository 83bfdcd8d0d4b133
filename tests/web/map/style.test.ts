// The style-spec validator ships with maplibre-gl (its own dependency); the app never imports it.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { labelFontFamily } from '../../../web/map/fonts'
import { areaFillLayerIds, areaLineLayerIds } from '../../../web/map/layers/areas'
import { choroplethLayerId } from '../../../web/map/layers/choropleth'
import { focusLayerIds } from '../../../web/map/layers/focus'
import { hazardLayerIds } from '../../../web/map/layers/hazards'
import { heatLayerIds } from '../../../web/map/layers/heat'
import { areaLabelLayerIds } from '../../../web/map/layers/labels'
import { siteLayerIds } from '../../../web/map/layers/sites'
import { wallPalette } from '../../../web/map/palette'
import { mapSourceIds } from '../../../web/map/sources'
import type { LayerSpecification } from '../../../web/map/spec'
import { buildTownStyle, type RasterBasemap } from '../../../web/map/style'
import { makeLayerState, makeStyleOptions, makeTownData } from './factories'

const tiles: RasterBasemap = { tiles: ['https://tiles.intranet.example.org/{z}/{x}/{y}.png'], attribution: '内网底图' }
const desk = () => buildTownStyle(makeTownData(), makeStyleOptions())
const sourceOf = (layer: LayerSpecification) => ('source' in layer ? layer.source : undefined)
const ids = (layers: LayerSpecification[]) => layers.map((l) => l.id)
const everyToggleOn = makeLayerState({
  visible: { hazards: true, sites: true, choropleth: true, 'heat-violent_terror': true, 'heat-mass_incident': true, 'heat-individual_extreme': true, 'heat-safety_accident': true },
  choroplethLevel: 'grid',
  focus: { area: { id: 'village-大庄村', level: 'village' }, target: 'grid' },
})

describe('the town style', () => {
  it('is a style MapLibre accepts, so the map does not stay blank', () => {
    expect(validateStyleMin(desk())).toEqual([])
    expect(validateStyleMin(buildTownStyle(makeTownData(), makeStyleOptions({ palette: wallPalette, rasterBasemap: tiles, scale: undefined })))).toEqual([])
  })

  it('stays valid with every layer on, drilled into a village and the choropleth by grid cell', () => {
    expect(validateStyleMin(buildTownStyle(makeTownData(), makeStyleOptions({ state: everyToggleOn })))).toEqual([])
  })

  it('draws every layer from a source it defines', () => {
    const style = desk()
    const missing = style.layers.map(sourceOf).filter((source) => source !== undefined && !(source in style.sources))
    expect(missing).toEqual([])
  })

  it('asks nothing of any other server when no raster basemap is set: hazard tiles come from a path on its own', () => {
    const style = desk()
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/[a-z]+:\/\//i)
    const hazards = style.sources[mapSourceIds.hazards]
    expect(hazards?.type === 'vector' && hazards.tiles).toEqual(['/api/tiles/hazards/{z}/{x}/{y}?v=0'])
  })

  it('with a raster basemap, fetches only its tiles and draws the town over them', () => {
    const style = buildTownStyle(makeTownData(), makeStyleOptions({ rasterBasemap: tiles }))
    expect(JSON.stringify(style).match(/[a-z]+:\/\/[^"]*/gi)).toEqual(tiles.tiles)
    const order = ids(style.layers)
    expect(order.indexOf('raster-basemap')).toBe(1)
    expect(order.indexOf('raster-basemap')).toBeLessThan(order.indexOf(areaLineLayerIds.town))
    // The town's own land colour would hide the imagery.
    const land = style.layers.find((l) => l.id === areaFillLayerIds.town)
    expect(land?.type === 'fill' && land.paint?.['fill-color']).toBe('rgba(0, 0, 0, 0)')
  })

  it('writes every text with the bundled Noto Sans SC', () => {
    const texts = desk().layers.filter((l) => l.type === 'symbol' && l.layout?.['text-field'] !== undefined)
    expect(texts.length).toBeGreaterThan(0)
    for (const layer of texts) expect(layer.type === 'symbol' && layer.layout?.['text-font']).toEqual([labelFontFamily])
  })

  it('puts area and base labels on top, hazards and sites under them, boundaries above roads and rivers', () => {
    const order = ids(desk().layers)
    const labels = [areaLabelLayerIds.grid, areaLabelLayerIds.village, areaLabelLayerIds.district].map((id) => order.indexOf(id))
    expect(Math.min(...labels)).toBe(order.length - 3)
    expect(order.indexOf(hazardLayerIds.points)).toBeLessThan(Math.min(...labels))
    expect(order.indexOf(siteLayerIds.icons)).toBeLessThan(Math.min(...labels))
    expect(order.indexOf('basemap-main-road')).toBeLessThan(order.indexOf(areaLineLayerIds.grid))
  })

  it('lays heat and the choropleth under the boundaries, and hazard marks over them', () => {
    const order = ids(desk().layers)
    const gridLine = order.indexOf(areaLineLayerIds.grid)
    for (const id of [choroplethLayerId, ...Object.values(heatLayerIds), focusLayerIds.dim]) expect(order.indexOf(id)).toBeLessThan(gridLine)
    expect(order.indexOf(hazardLayerIds.escalated)).toBeGreaterThan(order.indexOf(areaLineLayerIds.town))
  })

  it('opens with the toggles as given: heat and the choropleth hidden, hazards and sites shown', () => {
    const visibility = Object.fromEntries(desk().layers.map((l) => [l.id, l.layout && 'visibility' in l.layout ? l.layout.visibility : 'visible']))
    expect(visibility[heatLayerIds.safety_accident]).toBe('none')
    expect(visibility[choroplethLayerId]).toBe('none')
    expect(visibility[hazardLayerIds.points]).toBe('visible')
    expect(visibility[siteLayerIds.icons]).toBe('visible')
  })

  it('leaves single hazards out for a role that sees counts only, and keeps the heat', () => {
    const order = ids(buildTownStyle(makeTownData(), makeStyleOptions({ hazardPoints: false })).layers)
    for (const id of Object.values(hazardLayerIds)) expect(order).not.toContain(id)
    expect(order).toContain(heatLayerIds.mass_incident)
  })

  it('promotes area ids, so the choropleth and hover address areas by id; clusters the sites', () => {
    const style = desk()
    const areas = style.sources[mapSourceIds.areas]
    expect(areas?.type === 'geojson' && areas.promoteId).toBe('id')
    const sites = style.sources[mapSourceIds.sites]
    expect(sites?.type === 'geojson' && sites.cluster).toBe(true)
  })

  it('writes area names at the label point the server chose', () => {
    const style = desk()
    const labels = style.sources['area-labels']
    const data = labels?.type === 'geojson' && typeof labels.data === 'object' ? labels.data : undefined
    const features = data?.type === 'FeatureCollection' ? data.features : []
    const village = features.find((f) => f.properties?.['name'] === '大庄村')
    expect(village?.geometry).toEqual({ type: 'Point', coordinates: [120.03, 36.61] })
    // The town is named in the header; a label in its middle would only cover a village.
    expect(features.some((f) => f.properties?.['level'] === 'town')).toBe(false)
  })
})
