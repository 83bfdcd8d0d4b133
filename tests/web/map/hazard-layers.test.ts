import { describe, expect, it } from 'vitest'
import { categoryIds } from '../../../server/domain/categories'
import { riskLevelIds, riskLevels } from '../../../server/domain/levels'
import { categoryColors, unassessedColor } from '../../../web/charts/palette'
import { hazardImage, hazardLayerIds, hazardLayers, hazardSourceLayer } from '../../../web/map/layers/hazards'
import { heatLayerIds, hazardHeatLayers, heatRamp } from '../../../web/map/layers/heat'
import { hazardImageId, levelColor, levelKeys, markImages } from '../../../web/map/marks'
import { deskPalette, wallPalette } from '../../../web/map/palette'
import type { LayerSpecification } from '../../../web/map/spec'
import { evaluate, passes } from './expressions'

const townZoom = 12
const layers = hazardLayers('hazards', deskPalette, { townZoom })
const byId = (list: LayerSpecification[], id: string) => {
  const layer = list.find((l) => l.id === id)
  if (!layer) throw new Error(`no layer ${id}`)
  return layer
}
const single = (over: Record<string, unknown> = {}) => ({ id: 7, count: 1, category: 'safety_accident', level: 'general', open: 1, overdue: 0, escalated: 0, ...over })
const bin = (over: Record<string, unknown> = {}) => ({ count: 40, category: 'mass_incident', level: 'major', open: 12, overdue: 3, escalated: 2, ...over })
const filterOf = (id: string) => {
  const layer = byId(layers, id)
  return 'filter' in layer ? layer.filter : undefined
}

describe('hazard marks', () => {
  it('read the "hazards" layer of the tile source', () => {
    for (const layer of layers) expect('source-layer' in layer && layer['source-layer']).toBe(hazardSourceLayer)
  })

  it('draw single hazards as points and bins (no id) as bins, never both', () => {
    expect(passes(filterOf(hazardLayerIds.points), single())).toBe(true)
    expect(passes(filterOf(hazardLayerIds.points), bin())).toBe(false)
    expect(passes(filterOf(hazardLayerIds.bins), bin())).toBe(true)
    expect(passes(filterOf(hazardLayerIds.bins), single())).toBe(false)
  })

  it.each(categoryIds.flatMap((c) => levelKeys.map((l) => [c, l] as const)))('name an image that exists for %s at level %s', (category, level) => {
    const name = evaluate(hazardImage, 'layout_symbol', 'icon-image', single({ category, level: level === 'unassessed' ? '' : level }))
    expect(String(name)).toBe(hazardImageId(category, level))
    expect(markImages(deskPalette, 'Noto Sans SC').has(hazardImageId(category, level))).toBe(true)
  })

  it('colour each level in the domain’s four colours, and the unassessed in the charts’ grey', () => {
    for (const level of riskLevelIds) expect(levelColor(deskPalette, level)).toBe(riskLevels[level].color)
    expect(levelColor(deskPalette, 'unassessed')).toBe(unassessedColor)
    expect(levelColor(wallPalette, 'major')).toBe(riskLevels.major.color)
  })

  it('ring overdue hazards and halo open escalated ones; a closed escalated hazard needs no halo', () => {
    expect(passes(filterOf(hazardLayerIds.overdue), single({ overdue: 1 }))).toBe(true)
    expect(passes(filterOf(hazardLayerIds.overdue), single())).toBe(false)
    expect(passes(filterOf(hazardLayerIds.escalated), single({ escalated: 1 }))).toBe(true)
    expect(passes(filterOf(hazardLayerIds.escalated), single({ escalated: 1, open: 0 }))).toBe(false)
    const ring = byId(layers, hazardLayerIds.overdue)
    expect(ring.type === 'circle' && ring.paint?.['circle-stroke-color']).toBe(deskPalette.hazards.overdue)
  })

  it('draw closed hazards smaller and fainter than open ones', () => {
    const points = byId(layers, hazardLayerIds.points)
    if (points.type !== 'symbol') throw new Error('points are symbols')
    const size = (open: number) => evaluate(points.layout?.['icon-size'], 'layout_symbol', 'icon-size', single({ open }), { zoom: townZoom })
    const opacity = (open: number) => evaluate(points.paint?.['icon-opacity'], 'paint_symbol', 'icon-opacity', single({ open }))
    expect(size(0)).toBeLessThan(size(1) as number)
    expect(opacity(0)).toBeLessThan(opacity(1) as number)
  })

  it('draw a bin bigger the more it holds', () => {
    const bins = byId(layers, hazardLayerIds.bins)
    if (bins.type !== 'symbol') throw new Error('bins are symbols')
    const size = (count: number) => evaluate(bins.layout?.['icon-size'], 'layout_symbol', 'icon-size', bin({ count })) as number
    expect(size(2)).toBeLessThan(size(20))
    expect(size(20)).toBeLessThan(size(500))
  })

  it('draw open hazards over closed ones, and the graver over the lighter', () => {
    const points = byId(layers, hazardLayerIds.points)
    const key = (props: Record<string, unknown>) => evaluate(points.type === 'symbol' && points.layout?.['symbol-sort-key'], 'layout_symbol', 'symbol-sort-key', single(props)) as number
    expect(key({ level: 'major' })).toBeGreaterThan(key({ level: 'low' }))
    expect(key({ level: 'low', open: 1 })).toBeGreaterThan(key({ level: 'major', open: 0 }))
  })

  it('let every mark overlap, so a hazard is never hidden by a neighbour', () => {
    for (const id of [hazardLayerIds.points, hazardLayerIds.bins]) {
      const layer = byId(layers, id)
      expect(layer.type === 'symbol' && layer.layout?.['icon-allow-overlap']).toBe(true)
    }
  })
})

describe('heat', () => {
  const heat = hazardHeatLayers('hazards', deskPalette, { townZoom })

  it('has one layer a category, each letting through its category only', () => {
    expect(heat.map((l) => l.id)).toEqual(categoryIds.map((c) => heatLayerIds[c]))
    for (const category of categoryIds) {
      const layer = byId(heat, heatLayerIds[category])
      for (const other of categoryIds) expect(passes('filter' in layer && layer.filter, single({ category: other }))).toBe(other === category)
    }
  })

  it('weighs a bin as many hazards as it holds', () => {
    const layer = heat[0]!
    expect(evaluate(layer.type === 'heatmap' && layer.paint?.['heatmap-weight'], 'paint_heatmap', 'heatmap-weight', bin({ count: 40 }))).toBe(40)
  })

  it('ramps from clear to the category’s own hue, the charts’ hue', () => {
    for (const category of categoryIds) {
      const ramp = heatRamp(deskPalette.hazards.categories[category])
      expect(deskPalette.hazards.categories[category]).toBe(categoryColors[category])
      expect(ramp[4]).toMatch(/rgba\(\d+, \d+, \d+, 0\)/)
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(categoryColors[category].slice(i, i + 2), 16))
      expect(ramp).toContain(`rgba(${r}, ${g}, ${b}, 0.6)`)
    }
  })
})
