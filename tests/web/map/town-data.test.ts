import { describe, expect, it } from 'vitest'
import { areaShapes, labelCharacters, townBounds } from '../../../web/map/town-data'
import { makeArea, makeTownData } from './factories'

describe('town data for the map', () => {
  it('opens on the town outline even when grid cells stray beyond it', () => {
    const areas = [makeArea({ level: 'town', name: '南村镇' }, [120, 36.6, 120.2, 36.7]), makeArea({ level: 'grid', name: '外1网格' }, [121, 37, 121.1, 37.1])]
    expect(townBounds(areas)).toEqual([120, 36.6, 120.2, 36.7])
  })

  it('opens on all areas when no town outline came', () => {
    const areas = [makeArea({ level: 'village', name: '大庄村' }, [120, 36.6, 120.1, 36.7]), makeArea({ level: 'village', name: '小庄村' }, [120.1, 36.65, 120.3, 36.8])]
    expect(townBounds(areas)).toEqual([120, 36.6, 120.3, 36.8])
  })

  it('preloads every character any label can show, each once', () => {
    const data = makeTownData()
    const chars = labelCharacters(data)
    for (const f of [...data.areas, ...data.basemap]) for (const ch of f.properties.name) expect(chars).toContain(ch)
    expect(new Set(chars).size).toBe([...chars].length)
  })

  it('gives neighbouring districts different tints', () => {
    const tints = areaShapes(makeTownData().areas)
      .features.filter((f) => f.properties?.['level'] === 'district')
      .map((f) => f.properties?.['tint'])
    expect(tints).toEqual([0, 1])
  })
})
