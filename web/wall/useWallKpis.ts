import { computed, type Ref } from 'vue'
import type { Coverage, Summary } from '../api/stats'
import { percent } from '../charts/labels'
import type { LocaleId, MessageKey } from '../i18n'
import { useLocale } from '../composables/useLocale'

export const wallKpiKeys = ['found', 'open', 'closeRate', 'overdue', 'escalated', 'coverage'] as const
export type WallKpiKey = (typeof wallKpiKeys)[number]

/** Coverage of one scope (the town, or one district's villages) in the current half-month. */
export type CoverageShare = Pick<Coverage, 'covered' | 'total' | 'rate'>

/** What one scope's figures are made of; either part may not be known yet. */
export interface ScopeFigures {
  summary?: Summary
  coverage?: CoverageShare
}

export type KpiTone = 'plain' | 'warn' | 'good' | 'alarm'

export interface WallKpi {
  key: WallKpiKey
  label: MessageKey
  tone: KpiTone
  town: string
  /** the district on tour beside the town; undefined at the township stop */
  district?: string
}

const tones: Record<WallKpiKey, KpiTone> = { found: 'plain', open: 'warn', closeRate: 'good', overdue: 'alarm', escalated: 'alarm', coverage: 'good' }

/** A count as the reader's locale groups it: 3,012. */
export function formatCount(n: number, locale: LocaleId): string {
  return n.toLocaleString(locale)
}

/** One figure of a scope, or the dash when its part has not come yet. */
export function kpiValue(key: WallKpiKey, figures: ScopeFigures, locale: LocaleId, none = '–'): string {
  if (key === 'coverage') return figures.coverage ? percent(figures.coverage.rate) : none
  const s = figures.summary
  if (!s) return none
  switch (key) {
    case 'found':
      return formatCount(s.total, locale)
    case 'open':
      return formatCount(s.open, locale)
    case 'closeRate':
      return percent(s.closeRate)
    case 'overdue':
      return formatCount(s.overdue, locale)
    case 'escalated':
      return formatCount(s.escalated, locale)
  }
}

/** The coverage of the villages of one district, from the town's answer. */
export function districtCoverage(coverage: Pick<Coverage, 'villages'>, districtId: string): CoverageShare {
  const villages = coverage.villages.filter((v) => v.districtId === districtId)
  const covered = villages.filter((v) => v.inspected).length
  return { covered, total: villages.length, rate: villages.length ? covered / villages.length : 0 }
}

/** The six headline figures: the town's, and the district's beside them while one is on tour. */
export function wallKpis(town: ScopeFigures, district: ScopeFigures | undefined, locale: LocaleId, none = '–'): WallKpi[] {
  return wallKpiKeys.map((key) => ({
    key,
    label: `wall.kpi.${key}` as MessageKey,
    tone: tones[key],
    town: kpiValue(key, town, locale, none),
    ...(district && { district: kpiValue(key, district, locale, none) }),
  }))
}

export function useWallKpis(town: Ref<ScopeFigures>, district: Ref<ScopeFigures | undefined>) {
  const { locale, t } = useLocale()
  return computed(() => wallKpis(town.value, district.value, locale.value, t('wall.kpi.none')))
}
