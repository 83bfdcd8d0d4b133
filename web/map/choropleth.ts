/**
 * The choropleth's join: area figures (GET /api/stats/areas) → a class per area id, set on the
 * map as feature state. Pure, so the classes and the legend are tested without a browser.
 */

import type { ChoroplethLevel } from './layers/choropleth'

export type ChoroplethMetric = 'open' | 'density'
export const choroplethMetrics: readonly ChoroplethMetric[] = ['open', 'density']

/** How the choropleth is cut: by which areas, showing what. */
export interface ChoroplethChoice {
  level: ChoroplethLevel
  metric: ChoroplethMetric
}

export const defaultChoropleth: Readonly<ChoroplethChoice> = { level: 'village', metric: 'open' }

/** The part of an /api/stats/areas row the choropleth reads. */
export interface AreaFigures {
  areaId: string
  open: number
  density: number | null
}

export interface ChoroplethClasses {
  /** Lower bounds of classes 1…n−1, ascending; class 0 is everything below the first. */
  breaks: number[]
  /** Counts are whole numbers; densities are shown to one decimal. */
  whole: boolean
  /** Class by area id; areas without a figure (no population for a density) are left out. */
  classes: Map<string, number>
}

const figureOf = (row: AreaFigures, metric: ChoroplethMetric) => (metric === 'open' ? row.open : row.density)

/**
 * Quantile breaks, rounded for the legend (whole numbers for counts, one decimal for densities),
 * without duplicates: as many classes as the figures can tell apart, at most `n`.
 */
export function classBreaks(values: readonly number[], n: number, whole: boolean): number[] {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const round = (v: number) => (whole ? Math.ceil(v) : Math.round(v * 10) / 10)
  const breaks: number[] = []
  for (let k = 1; k < n; k++) {
    const b = round(sorted[Math.floor((k * sorted.length) / n)]!)
    // A break at or below the smallest figure would leave class 0 empty.
    if (b > sorted[0]! && b > (breaks.at(-1) ?? -Infinity)) breaks.push(b)
  }
  return breaks
}

export function classOf(value: number, breaks: readonly number[]): number {
  let klass = 0
  while (klass < breaks.length && value >= breaks[klass]!) klass++
  return klass
}

export function choroplethClasses(rows: readonly AreaFigures[], metric: ChoroplethMetric, n: number): ChoroplethClasses {
  const whole = metric === 'open'
  const known = rows.flatMap((row) => {
    const value = figureOf(row, metric)
    return value === null ? [] : [{ id: row.areaId, value }]
  })
  const breaks = classBreaks(
    known.map((k) => k.value),
    n,
    whole,
  )
  return { breaks, whole, classes: new Map(known.map(({ id, value }) => [id, classOf(value, breaks)])) }
}

/** The legend's range of each class: [from, to) with `to` undefined for the last. */
export function classRanges({ breaks }: Pick<ChoroplethClasses, 'breaks'>): { from: number; to?: number }[] {
  return [0, ...breaks].map((from, k) => ({ from, ...(k < breaks.length ? { to: breaks[k] } : {}) }))
}
