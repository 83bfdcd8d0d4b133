/**
 * The choropleth's join: area figures (GET /api/stats/areas) → a class per area id, set on the
 * map as feature state. Pure, so the classes and the legend are tested without a browser.
 */

import type { ChoroplethLevel } from './layers/choropleth'

/** Figures of GET /api/stats/areas, cut by quantiles under the filter. */
export type AreaMetric = 'open' | 'density'
/** …or this month's score (考核得分, GET /api/scorecards), cut at fixed points on a red→green scale. */
export type ChoroplethMetric = AreaMetric | 'score'
export const choroplethMetrics: readonly ChoroplethMetric[] = ['open', 'density', 'score']

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

const figureOf = (row: AreaFigures, metric: AreaMetric) => (metric === 'open' ? row.open : row.density)

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

export function choroplethClasses(rows: readonly AreaFigures[], metric: AreaMetric, n: number): ChoroplethClasses {
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

/**
 * Scores are read against fixed marks, the same every month and everywhere (a quantile cut would
 * paint the worst of good villages red): below 60, 60–70, 70–80, 80–90, 90 and up.
 */
export const SCORE_BREAKS: readonly number[] = [60, 70, 80, 90]
/** Red (poor) to green (good), one colour a class of SCORE_BREAKS; the same on every palette, since the colours mean pass and fail. */
export const scoreRamp: readonly string[] = ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850']
/** An area scored but with nothing to judge it on this month (score null). */
export const noScoreColor = '#c3c8d0'
/**
 * Score classes live in their own range of the feature state, so one colour expression holds both
 * ramps and switching the metric costs no style update: SCORE_CLASS + k for class k, NO_SCORE for none.
 */
export const SCORE_CLASS = 10
export const NO_SCORE = 9

/** The part of a scorecard row the choropleth reads. */
export interface AreaScore {
  id: string
  score: number | null
}

/** Score classes by area id: every scored area gets one, those without a score the grey of NO_SCORE. */
export function scoreClasses(rows: readonly AreaScore[]): ChoroplethClasses {
  const classes = new Map(rows.map((row) => [row.id, row.score === null ? NO_SCORE : SCORE_CLASS + classOf(row.score, SCORE_BREAKS)]))
  return { breaks: [...SCORE_BREAKS], whole: false, classes }
}
