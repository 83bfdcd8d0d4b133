import { describe, expect, it } from 'vitest'
import { categoryIds } from '../../../server/domain/categories'
import { siteKindIds } from '../../../server/domain/sites'
import { siteLayers } from '../../../web/map/layers/sites'
import { categoryShapes, markImages, siteImageId, siteKindMarks, shapePath } from '../../../web/map/marks'
import { deskPalette, siteFamilies } from '../../../web/map/palette'
import { evaluate } from './expressions'

describe('hazard shapes', () => {
  it('tell the four categories apart', () => {
    expect(new Set(categoryIds.map((c) => categoryShapes[c])).size).toBe(categoryIds.length)
  })

  it('are closed paths inside the mark box', () => {
    for (const c of categoryIds) {
      const path = shapePath(categoryShapes[c])
      expect(path.trim().endsWith('Z')).toBe(true)
      for (const n of path.match(/[\d.]+/g)!.map(Number)) expect(n).toBeLessThanOrEqual(16)
    }
  })
})

describe('site badges', () => {
  it('give every kind its own character and a known family', () => {
    const glyphs = siteKindIds.map((k) => siteKindMarks[k].glyph)
    expect(new Set(glyphs).size).toBe(siteKindIds.length)
    for (const k of siteKindIds) {
      expect([...siteKindMarks[k].glyph]).toHaveLength(1)
      expect(siteFamilies).toContain(siteKindMarks[k].family)
    }
  })

  it('exist for every kind the site layer may name', () => {
    const icons = siteLayers('sites', deskPalette).find((l) => l.id === 'site-icons')!
    const images = markImages(deskPalette, 'Noto Sans SC')
    for (const kind of siteKindIds) {
      const name = evaluate(icons.type === 'symbol' && icons.layout?.['icon-image'], 'layout_symbol', 'icon-image', { kind })
      expect(String(name)).toBe(siteImageId(kind))
      expect(images.has(siteImageId(kind))).toBe(true)
    }
  })
})
