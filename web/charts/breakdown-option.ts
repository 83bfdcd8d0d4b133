import { type CategoryId, categories } from '../../server/domain/categories'
import { type RiskLevel, riskLevelIds, riskLevels } from '../../server/domain/levels'
import type { Bilingual } from '../../server/domain/names'
import { type SourceId, sourceIds, sources } from '../../server/domain/sources'
import { type LevelKey, type Summary, UNASSESSED } from '../api/stats'
import { type LocaleId, nameIn } from '../i18n'
import { type BarRow, horizontalBars } from './bars-option'
import { categoryColors, sourceColors, unassessedColor } from './palette'
import type { ChartSpec } from './types'

export interface BreakdownInput<K extends string> {
  summary: Pick<Summary, 'byCategory' | 'byLevel' | 'bySource'>
  locale: LocaleId
  /** the filter's current choice on this dimension; empty means all */
  chosen?: readonly K[]
}

const dimmed = <K extends string>(key: K, chosen: readonly K[] | undefined) => !!chosen?.length && !chosen.includes(key)

/** One bar a category, in the plan's order; a bar click toggles the category. */
export function categoryOption({ summary, locale, chosen }: BreakdownInput<CategoryId>): ChartSpec {
  return horizontalBars(
    categories.map((c) => ({ key: c.id, name: nameIn(locale, c.name), value: summary.byCategory[c.id] ?? 0, color: categoryColors[c.id], dimmed: dimmed(c.id, chosen) })),
  )
}

/** The four colours, most severe on top, then the hazards not yet assessed (grey, not clickable). */
export function levelOption({ summary, locale, chosen }: BreakdownInput<RiskLevel>): ChartSpec {
  const name = (key: LevelKey, n: Bilingual) => ({ key, name: nameIn(locale, n), value: summary.byLevel[key] ?? 0 })
  const rows: BarRow[] = [
    ...riskLevelIds.map((id) => ({ ...name(id, riskLevels[id]), color: riskLevels[id].color, dimmed: dimmed(id, chosen) })),
    { ...name(UNASSESSED, unassessedName), color: unassessedColor, dimmed: !!chosen?.length },
  ]
  return horizontalBars(rows)
}

/** Not a risk level of the domain: the summary's key for hazards without one yet. */
export const unassessedName: Bilingual = { zh: '未研判', en: 'Not assessed' }

/** How hazards were found; a bar click toggles the source. */
export function sourceOption({ summary, locale, chosen }: BreakdownInput<SourceId>): ChartSpec {
  return horizontalBars(
    sourceIds.map((id) => ({ key: id, name: nameIn(locale, sources[id]), value: summary.bySource[id] ?? 0, color: sourceColors[id], dimmed: dimmed(id, chosen) })),
  )
}
