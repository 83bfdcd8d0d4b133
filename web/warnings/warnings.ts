import type { Feature, FeatureCollection, Geometry, Point } from 'geojson'
import type { WarningAsk, WarningView } from '../api/warnings'
import type { CategoryId } from '../../server/domain/categories'
import { type DetectorId, type WarningLevel, warningLevelColor, warningLevelIds } from '../../server/domain/warnings/model'

/**
 * The warnings' pure parts shared by the desk, the workbench, the wall and the bulletin: the
 * question a filter asks, the order rows are read in, the map layer's features.
 */

/** What the desk's panel filters by; empty lists and strings mean "all". */
export interface WarningFilter {
  levels: WarningLevel[]
  category: CategoryId | ''
  /** a district, village or grid cell id; '' for the whole town */
  area: string
  detector: DetectorId | ''
  /** lifted warnings too (the panel shows open ones by default) */
  withLifted: boolean
}

export const emptyWarningFilter = (): WarningFilter => ({ levels: [], category: '', area: '', detector: '', withLifted: false })

/** The filter as `GET /api/warnings` takes it: lists comma-separated, nothing sent for "all". */
export function warningAsk(filter: WarningFilter): WarningAsk {
  const ask: WarningAsk = {}
  // Levels in the rule table's order, so equal filters ask the same URL.
  const levels = warningLevelIds.filter((l) => filter.levels.includes(l))
  if (levels.length) ask.level = levels.join(',')
  if (filter.category) ask.category = filter.category
  if (filter.area) ask.area = filter.area
  if (filter.detector) ask.detector = filter.detector
  if (!filter.withLifted) ask.status = 'open'
  return ask
}

const severity = (level: WarningLevel) => warningLevelIds.indexOf(level)

/** Rows as a duty officer reads them: open before lifted, the most severe first, then the newest. */
export function byUrgency(a: WarningView, b: WarningView): number {
  return (
    Number(a.status === 'lifted') - Number(b.status === 'lifted') ||
    severity(a.level) - severity(b.level) ||
    b.issuedOn.localeCompare(a.issuedOn) ||
    b.id - a.id
  )
}

/** The reason's first line: the panel's one-line summary of why. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]!.trim()
}

/** A number as the drawer shows it: a probability in scientific notation when small, else 3 significant digits. */
export function figure(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (value !== 0 && Math.abs(value) < 1e-3) {
    const [mantissa, exponent] = value.toExponential(1).split('e') as [string, string]
    return `${mantissa}×10${[...String(Number(exponent))].map((c) => superscript[c] ?? c).join('')}`
  }
  return String(Number(value.toPrecision(3)))
}

const superscript: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' }

/**
 * Whether a warning is drawn as an area: a town-wide reminder (a season) would paint the whole
 * map and a lead unit's build-up has no place, so those are listed but not drawn.
 */
export function drawnOnMap(w: Pick<WarningView, 'status' | 'area'>): boolean {
  return w.status !== 'lifted' && w.area.kind !== 'town' && w.area.kind !== 'unit'
}

/** The UTC instant as the town reads it (China time), to the minute. */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * Each warned grid cell once, in the colour of the most severe open warning covering it, and
 * outlined darker when it belongs to the opened warning; `broad` when that warning covers a
 * whole district, drawn fainter so the district's own map still reads. Lifted warnings, the
 * town's and the units' are not drawn (drawnOnMap).
 */
export function warnedCellFeatures(
  warnings: readonly WarningView[],
  geometryOf: (cellId: string) => Geometry | undefined,
  openedId?: number,
): FeatureCollection {
  const best = new Map<string, { level: WarningLevel; opened: boolean; broad: boolean }>()
  for (const w of warnings) {
    if (!drawnOnMap(w)) continue
    const broad = w.area.kind === 'district'
    for (const cell of w.area.cells) {
      const known = best.get(cell)
      const opened = (known?.opened ?? false) || w.id === openedId
      if (!known || severity(w.level) < severity(known.level) || (w.level === known.level && known.broad && !broad)) best.set(cell, { level: w.level, opened, broad })
      else known.opened = opened
    }
  }
  const features: Feature[] = []
  for (const [cell, { level, opened, broad }] of best) {
    const geometry = geometryOf(cell)
    if (geometry) features.push({ type: 'Feature', geometry, properties: { id: cell, level, color: warningLevelColor[level], opened, broad } })
  }
  return { type: 'FeatureCollection', features }
}

/** The standing (persistent) hot spots' cells, once each: a light outlined layer, not a warning. */
export function standingCellFeatures(cellLists: ReadonlyArray<readonly string[]>, geometryOf: (cellId: string) => Geometry | undefined): FeatureCollection {
  const seen = new Set<string>()
  const features: Feature[] = []
  for (const cells of cellLists)
    for (const cell of cells) {
      if (seen.has(cell)) continue
      seen.add(cell)
      const geometry = geometryOf(cell)
      if (geometry) features.push({ type: 'Feature', geometry, properties: { id: cell } })
    }
  return { type: 'FeatureCollection', features }
}

/** The evidence hazards as points for the map's ring layer. */
export function evidencePoints(hazards: ReadonlyArray<{ id: number; code: string; location: [number, number] }>): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: hazards.map((h) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: h.location }, properties: { id: h.id, code: h.code } })),
  }
}

/** "12, 15 30" → [12, 15, 30]; undefined when any part is not a positive whole number. */
export function parseIds(text: string): number[] | undefined {
  const parts = text.split(/[\s,，、]+/).filter(Boolean)
  const ids = parts.map(Number)
  return ids.every((n) => Number.isInteger(n) && n > 0) ? [...new Set(ids)] : undefined
}
