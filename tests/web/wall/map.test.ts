import { describe, expect, it } from 'vitest'
import { riskPalette } from '../../../server/domain/levels'
import { OVERDUE_PULSES, overdueVillages, wallLayerState } from '../../../web/wall/useWallMap'
import { layerVisibility } from '../../../web/map/layer-groups'
import { choroplethLayers } from '../../../web/map/layers/choropleth'
import { hazardLayerIds } from '../../../web/map/layers/hazards'
import { FOUR_COLOURS, fourColourClasses, wallMapPalette } from '../../../web/wall/wall-palette'
import { PULSE_POOL, pulseBatch, pulseColours } from '../../../web/wall/wall-pulse'
import { makeAreaStat } from '../charts/factories'

describe('the wall map', () => {
  it('shades villages in the four risk colours, blue for the fewest open hazards to red for the most', () => {
    expect(FOUR_COLOURS).toEqual([riskPalette.low, riskPalette.general, riskPalette.significant, riskPalette.major])
    const layer = choroplethLayers('areas', wallMapPalette)[0]!
    expect(JSON.stringify(layer)).toContain(riskPalette.major)
    const rows = Array.from({ length: 20 }, (_, i) => makeAreaStat(`V${i}`, { open: i }))
    const { classes, breaks } = fourColourClasses(rows)
    expect(breaks).toHaveLength(3)
    expect(classes.get('V0')).toBe(0)
    expect(classes.get('V19')).toBe(3)
  })

  it('shows heat of every category, the villages and the sites, and never a single hazard', () => {
    const visible = layerVisibility(wallLayerState(null))
    for (const id of ['hazard-heat-violent_terror', 'hazard-heat-safety_accident', 'area-choropleth', 'site-icons']) expect(visible[id], id).toBe(true)
    expect(visible[hazardLayerIds.points]).toBe(false)
  })

  it('outlines the district on tour and veils the rest; the township stop veils nothing', () => {
    expect(wallLayerState('D2').focus).toEqual({ area: { id: 'D2', level: 'district' }, target: 'village' })
    expect(wallLayerState(null).focus).toEqual({ target: 'district' })
  })

  it('pulses the villages of the stop with the most overdue hazards, a few at most', () => {
    const rows = [makeAreaStat('V1', { overdue: 2 }), makeAreaStat('V2', { overdue: 0 }), makeAreaStat('V3', { overdue: 5 }), makeAreaStat('V4', { overdue: 9 })]
    expect(overdueVillages(rows, (id) => id !== 'V4')).toEqual(['V3', 'V1'])
    const many = Array.from({ length: 40 }, (_, i) => makeAreaStat(`V${i}`, { overdue: 1 }))
    expect(overdueVillages(many, () => true)).toHaveLength(OVERDUE_PULSES)
  })

  it('keeps a pulse to its pool of markers, and colours each by why it pulses', () => {
    const spots = Array.from({ length: 30 }, (_, i) => ({ lngLat: [120, 36 + i / 100] as [number, number], tone: 'overdue' as const }))
    expect(pulseBatch(spots)).toHaveLength(PULSE_POOL)
    const colours = pulseColours(wallMapPalette)
    expect(colours.overdue).toBe(wallMapPalette.hazards.overdue)
    expect(new Set(Object.values(colours)).size).toBe(4)
  })
})
