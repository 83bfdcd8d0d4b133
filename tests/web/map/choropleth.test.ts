import { describe, expect, it } from 'vitest'
import { classBreaks, classOf, classRanges, choroplethClasses, type AreaFigures } from '../../../web/map/choropleth'
import { choroplethColor, choroplethFilter, CLASS_STATE } from '../../../web/map/layers/choropleth'
import { deskPalette } from '../../../web/map/palette'
import { evaluate, passes } from './expressions'

const row = (areaId: string, open: number, density: number | null = open / 2): AreaFigures => ({ areaId, open, density })

describe('the choropleth join', () => {
  const rows = [row('a', 0), row('b', 2), row('c', 5), row('d', 9), row('e', 14), row('f', 20), row('g', 31), row('h', 40), row('i', 41), row('j', 60)]

  it('gives every area with a figure a class, by its id', () => {
    const { classes } = choroplethClasses(rows, 'open', 5)
    expect([...classes.keys()].sort()).toEqual(rows.map((r) => r.areaId).sort())
  })

  it('puts fewer open hazards in a lighter class than more', () => {
    const { classes } = choroplethClasses(rows, 'open', 5)
    const ordered = rows.map((r) => classes.get(r.areaId)!)
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b))
    expect(classes.get('a')).toBe(0)
    expect(classes.get('j')).toBe(4)
  })

  it('cuts at most as many classes as asked, and fewer when the figures cannot fill them', () => {
    expect(choroplethClasses(rows, 'open', 5).breaks).toHaveLength(4)
    expect(choroplethClasses([row('a', 3), row('b', 3), row('c', 3)], 'open', 5).breaks).toEqual([])
    expect(choroplethClasses([row('a', 1), row('b', 1), row('c', 7)], 'open', 5).breaks).toEqual([7])
  })

  it('leaves out areas without a density (no population known) rather than calling them zero', () => {
    const { classes } = choroplethClasses([row('a', 3, null), row('b', 4, 1.25)], 'density', 5)
    expect(classes.has('a')).toBe(false)
    expect(classes.has('b')).toBe(true)
  })

  it('rounds breaks for the legend: whole counts, densities to one decimal', () => {
    expect(choroplethClasses(rows, 'open', 5).breaks.every(Number.isInteger)).toBe(true)
    const densities = choroplethClasses(rows.map((r) => ({ ...r, density: r.open / 3 })), 'density', 5)
    expect(densities.whole).toBe(false)
    for (const b of densities.breaks) expect(Math.round(b * 10) / 10).toBe(b)
  })

  it('gives no class for no figures at all', () => {
    expect(choroplethClasses([], 'open', 5)).toEqual({ breaks: [], whole: true, classes: new Map() })
  })
})

describe('class breaks', () => {
  it('never leave the lightest class empty', () => {
    expect(classBreaks([4, 4, 4, 9], 4, true)[0]).toBeGreaterThan(4)
  })

  it('put a value on a break into the class that starts there', () => {
    expect(classOf(5, [5, 10])).toBe(1)
    expect(classOf(4.9, [5, 10])).toBe(0)
    expect(classOf(100, [5, 10])).toBe(2)
  })

  it('describe each class for the legend, the last open-ended', () => {
    expect(classRanges({ breaks: [3, 8] })).toEqual([{ from: 0, to: 3 }, { from: 3, to: 8 }, { from: 8 }])
  })
})

describe('the choropleth layer', () => {
  const colour = choroplethColor(deskPalette.choropleth)

  it('colours an area by the class in its feature state, from the palette’s ramp', () => {
    deskPalette.choropleth.forEach((hex, klass) => {
      const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      const css = String(evaluate(colour, 'paint_fill', 'fill-color', {}, { state: { [CLASS_STATE]: klass } }))
      expect(css).toBe(`rgba(${rgb.map((c) => Math.round(c * 255)).join(',')},1)`)
    })
  })

  it('leaves an area without a class clear', () => {
    expect(String(evaluate(colour, 'paint_fill', 'fill-color', {}, { state: {} }))).toBe('rgba(0,0,0,0)')
  })

  it('shades villages or grid cells, as chosen', () => {
    expect(passes(choroplethFilter('village'), { level: 'village' })).toBe(true)
    expect(passes(choroplethFilter('village'), { level: 'grid' })).toBe(false)
    expect(passes(choroplethFilter('grid'), { level: 'grid' })).toBe(true)
  })
})
