import { describe, expect, it } from 'vitest'
import { riskLevelIds, riskLevels, riskPalette } from '../../../server/domain/levels'
import { areaLineLayers, areaLineLayerIds } from '../../../web/map/layers/areas'
import { areaLabelLayerIds, areaLabelLayers } from '../../../web/map/layers/labels'
import { deskPalette, drawnAreaLevels, wallPalette, type MapPalette } from '../../../web/map/palette'
import { overlayLayers } from '../../../web/map/registry'
import type { LayerSpecification } from '../../../web/map/spec'

const townZoom = 12.5
const byId = (layers: LayerSpecification[], id: string) => {
  const layer = layers.find((l) => l.id === id)
  if (!layer) throw new Error(`no layer ${id}`)
  return layer
}

/** Evaluates a width given as ['interpolate', ['linear'], ['zoom'], z0, w0, z1, w1] at z0. */
function widthAtTownZoom(layer: LayerSpecification): number {
  if (layer.type !== 'line') throw new Error(`${layer.id} is not a line`)
  const width = layer.paint?.['line-width']
  if (!Array.isArray(width) || width[3] !== townZoom) throw new Error(`${layer.id}: unexpected width ${JSON.stringify(width)}`)
  return width[4] as number
}

describe('area boundaries', () => {
  const lines = areaLineLayers('areas', deskPalette, { townZoom })

  it('read thickest for the town, then district, village, grid cell', () => {
    const widths = drawnAreaLevels.map((level) => widthAtTownZoom(byId(lines, areaLineLayerIds[level])))
    expect(widths).toEqual([...widths].sort((a, b) => b - a))
    expect(new Set(widths).size).toBe(widths.length)
  })

  it('dash only the grid cells', () => {
    const dashed = lines.filter((l) => l.type === 'line' && l.paint?.['line-dasharray'] !== undefined).map((l) => l.id)
    expect(dashed).toEqual([areaLineLayerIds.grid])
  })

  it('draw the town outline over every inner boundary', () => {
    expect(lines.at(-1)?.id).toBe(areaLineLayerIds.town)
  })
})

describe('area labels', () => {
  const labels = areaLabelLayers('area-labels', deskPalette, { townZoom })
  const visibleAt = (id: string, zoom: number) => {
    const layer = byId(labels, id)
    return (layer.minzoom ?? 0) <= zoom && zoom < (layer.maxzoom ?? 24)
  }

  it('name districts and villages, not grid cells, when the whole town is in view', () => {
    expect(visibleAt(areaLabelLayerIds.district, townZoom)).toBe(true)
    expect(visibleAt(areaLabelLayerIds.village, townZoom)).toBe(true)
    expect(visibleAt(areaLabelLayerIds.grid, townZoom)).toBe(false)
  })

  it('name only districts when zoomed out, and grid cells instead of districts when zoomed in', () => {
    expect([areaLabelLayerIds.district, areaLabelLayerIds.village, areaLabelLayerIds.grid].map((id) => visibleAt(id, townZoom - 1))).toEqual([true, false, false])
    expect([areaLabelLayerIds.district, areaLabelLayerIds.village, areaLabelLayerIds.grid].map((id) => visibleAt(id, townZoom + 2))).toEqual([false, true, true])
  })

  it('give districts first claim on space when names collide, then villages', () => {
    // MapLibre places the topmost symbol layer first.
    expect(labels.map((l) => l.id)).toEqual([areaLabelLayerIds.grid, areaLabelLayerIds.village, areaLabelLayerIds.district])
  })

  it('never overlap one another and keep a halo for legibility over lines', () => {
    for (const layer of labels) {
      if (layer.type !== 'symbol') throw new Error(`${layer.id} is not a symbol layer`)
      expect(layer.layout?.['text-allow-overlap'] ?? false).toBe(false)
      expect(layer.paint?.['text-halo-width']).toBeGreaterThan(0)
    }
  })
})

describe('palettes', () => {
  const palettes: Record<string, MapPalette> = { desk: deskPalette, wall: wallPalette }

  it.each(Object.entries(palettes))('%s shows risk in the national four colours of the domain', (_, palette) => {
    expect(palette.risk).toEqual(riskPalette)
    for (const level of riskLevelIds) expect(palette.risk[level]).toBe(riskLevels[level].color)
  })

  it('desk and wall draw the same layers; only colours differ', () => {
    const ids = (palette: MapPalette) => overlayLayers(palette, { townZoom }).map((l) => l.id)
    expect(ids(wallPalette)).toEqual(ids(deskPalette))
    expect(wallPalette.background).not.toBe(deskPalette.background)
  })
})
