// The style-spec validator ships with maplibre-gl (its own dependency); the app never imports it.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, it } from 'vitest'
import { labelFontFamily } from '../../../web/map/fonts'
import { areaFillLayerIds, areaLineLayerIds } from '../../../web/map/layers/areas'
import { deskPalette, wallPalette } from '../../../web/map/palette'
import type { LayerSpecification } from '../../../web/map/spec'
import { buildTownStyle, type RasterBasemap } from '../../../web/map/style'
import { makeTownData } from './factories'

const tiles: RasterBasemap = { tiles: ['https://tiles.intranet.example.org/{z}/{x}/{y}.png'], attribution: '内网底图' }
const desk = () => buildTownStyle(makeTownData(), { palette: deskPalette, scale: { townZoom: 12 } })
const sourceOf = (layer: LayerSpecification) => ('source' in layer ? layer.source : undefined)

describe('the town style', () => {
  it('is a style MapLibre accepts, so the map does not stay blank', () => {
    expect(validateStyleMin(desk())).toEqual([])
    expect(validateStyleMin(buildTownStyle(makeTownData(), { palette: wallPalette, rasterBasemap: tiles }))).toEqual([])
  })

  it('draws every layer from a source it defines', () => {
    const style = desk()
    const missing = style.layers.map(sourceOf).filter((source) => source !== undefined && !(source in style.sources))
    expect(missing).toEqual([])
  })

  it('asks nothing of any other server when no raster basemap is set', () => {
    const style = desk()
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/[a-z]+:\/\//i)
  })

  it('with a raster basemap, fetches only its tiles and draws the town over them', () => {
    const style = buildTownStyle(makeTownData(), { palette: deskPalette, rasterBasemap: tiles })
    expect(JSON.stringify(style).match(/[a-z]+:\/\/[^"]*/gi)).toEqual(tiles.tiles)
    const ids = style.layers.map((l) => l.id)
    expect(ids.indexOf('raster-basemap')).toBe(1)
    expect(ids.indexOf('raster-basemap')).toBeLessThan(ids.indexOf(areaLineLayerIds.town))
    // The town's own land colour would hide the imagery.
    const land = style.layers.find((l) => l.id === areaFillLayerIds.town)
    expect(land?.type === 'fill' && land.paint?.['fill-color']).toBe('rgba(0, 0, 0, 0)')
  })

  it('writes every label with the bundled Noto Sans SC', () => {
    const symbols = desk().layers.filter((l) => l.type === 'symbol')
    expect(symbols.length).toBeGreaterThan(0)
    for (const layer of symbols) expect(layer.type === 'symbol' && layer.layout?.['text-font']).toEqual([labelFontFamily])
  })

  it('puts labels above every boundary and boundaries above roads and rivers', () => {
    const ids = desk().layers.map((l) => l.id)
    const firstSymbol = desk().layers.findIndex((l) => l.type === 'symbol')
    expect(desk().layers.slice(firstSymbol).every((l) => l.type === 'symbol')).toBe(true)
    expect(ids.indexOf('basemap-main-road')).toBeLessThan(ids.indexOf(areaLineLayerIds.grid))
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
