import { categoryIds, type CategoryId } from '../../server/domain/categories'
import { riskLevelIds, type RiskLevel } from '../../server/domain/levels'
import { siteKindIds, type SiteKind } from '../../server/domain/sites'
import type { MapPalette, SiteFamily } from './palette'

/**
 * The marks the map draws as images: a hazard is a shape by category filled with its level's
 * colour; a key site is a badge with one character by kind. Defined here once as plain data so
 * the map (canvas → map.addImage) and the legend (SVG) draw exactly the same thing. No MapLibre.
 */

export type Shape = 'diamond' | 'triangle' | 'square' | 'circle'

/** Shapes told apart at a glance even when small; the most common category gets the plainest. */
export const categoryShapes: Record<CategoryId, Shape> = {
  violent_terror: 'diamond',
  mass_incident: 'triangle',
  individual_extreme: 'square',
  safety_accident: 'circle',
}

/** The side of the box every mark is drawn in, in CSS pixels at icon-size 1. */
export const MARK_BOX = 16

/** SVG path of a shape in a MARK_BOX square, centred, leaving room for the outline. */
export function shapePath(shape: Shape): string {
  switch (shape) {
    case 'diamond':
      return 'M8 1.2 L14.8 8 L8 14.8 L1.2 8 Z'
    case 'triangle':
      return 'M8 1.5 L14.8 13.6 L1.2 13.6 Z'
    case 'square':
      return 'M2.6 2.6 H13.4 V13.4 H2.6 Z'
    case 'circle':
      return 'M8 2 A6 6 0 1 1 7.99 2 Z'
  }
}

export type LevelKey = RiskLevel | 'unassessed'
export const levelKeys: readonly LevelKey[] = [...riskLevelIds, 'unassessed']

export const hazardImageId = (category: CategoryId, level: LevelKey) => `hazard-${category}-${level}`
export const siteImageId = (kind: SiteKind) => `site-${kind}`

/** One character a kind, as a Chinese map would write it, and the family that colours the badge. */
export const siteKindMarks: Record<SiteKind, { glyph: string; family: SiteFamily }> = {
  gas_station: { glyph: '油', family: 'hazardous' },
  chemical_shop: { glyph: '化', family: 'hazardous' },
  hazardous_enterprise: { glyph: '危', family: 'hazardous' },
  hardware_workshop: { glyph: '工', family: 'enterprise' },
  scrap_yard: { glyph: '废', family: 'enterprise' },
  logistics_firm: { glyph: '递', family: 'enterprise' },
  hotel: { glyph: '旅', family: 'crowd' },
  internet_cafe: { glyph: '网', family: 'crowd' },
  religious_venue: { glyph: '宗', family: 'crowd' },
  rental_cluster: { glyph: '租', family: 'crowd' },
  market: { glyph: '市', family: 'crowd' },
  square: { glyph: '广', family: 'crowd' },
  station: { glyph: '站', family: 'crowd' },
  school: { glyph: '校', family: 'education' },
  kindergarten: { glyph: '幼', family: 'education' },
  canteen: { glyph: '食', family: 'education' },
  hospital: { glyph: '医', family: 'health' },
  reservoir: { glyph: '库', family: 'nature' },
  river_section: { glyph: '河', family: 'nature' },
  mountain_slope: { glyph: '坡', family: 'nature' },
  high_rise: { glyph: '楼', family: 'building' },
  large_complex: { glyph: '综', family: 'building' },
}

/** Every badge character, so the font subsets holding them load before a badge is drawn. */
export const siteGlyphs = siteKindIds.map((kind) => siteKindMarks[kind].glyph).join('')

export interface MarkImage {
  id: string
  draw: (ctx: CanvasRenderingContext2D, pixelRatio: number) => void
  /** Side of the square image in CSS pixels. */
  size: number
}

export const levelColor = (palette: MapPalette, level: LevelKey) => (level === 'unassessed' ? palette.hazards.unassessed : palette.risk[level])

function hazardMark(palette: MapPalette, category: CategoryId, level: LevelKey): MarkImage {
  return {
    id: hazardImageId(category, level),
    size: MARK_BOX,
    draw(ctx, pr) {
      const path = new Path2D(shapePath(categoryShapes[category]))
      ctx.scale(pr, pr)
      ctx.lineJoin = 'round'
      ctx.lineWidth = 2.2
      ctx.strokeStyle = palette.hazards.outline
      ctx.stroke(path)
      ctx.fillStyle = levelColor(palette, level)
      ctx.fill(path)
    },
  }
}

const BADGE = 22

function siteMark(palette: MapPalette, kind: SiteKind, font: string): MarkImage {
  const { glyph, family } = siteKindMarks[kind]
  return {
    id: siteImageId(kind),
    size: BADGE,
    draw(ctx, pr) {
      ctx.scale(pr, pr)
      ctx.beginPath()
      ctx.roundRect(1.5, 1.5, BADGE - 3, BADGE - 3, 5)
      ctx.fillStyle = palette.sites.families[family]
      ctx.fill()
      ctx.lineWidth = 1.5
      ctx.strokeStyle = '#ffffff'
      ctx.stroke()
      ctx.fillStyle = palette.sites.badgeText
      ctx.font = `700 13px "${font}"`
      ctx.textAlign = 'center'
      ctx.textBaseline = 'middle'
      ctx.fillText(glyph, BADGE / 2, BADGE / 2 + 1)
    },
  }
}

/** Every image the style names, by id. */
export function markImages(palette: MapPalette, font: string): Map<string, MarkImage> {
  const marks = [
    ...categoryIds.flatMap((category) => levelKeys.map((level) => hazardMark(palette, category, level))),
    ...siteKindIds.map((kind) => siteMark(palette, kind, font)),
  ]
  return new Map(marks.map((m) => [m.id, m]))
}

/** Rasterises a mark for map.addImage (or a data URL for the legend). */
export function renderMark(mark: MarkImage, pixelRatio: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = Math.ceil(mark.size * pixelRatio)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas')
  mark.draw(ctx, pixelRatio)
  return canvas
}
