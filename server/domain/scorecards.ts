import type { Bilingual } from './names'

/**
 * Scorecards (考核): the indicator table a town assesses its villages, districts and lead units by,
 * monthly. Zod-free, so the web shows names and formulas from here. Each indicator is a rate
 * (numerator ÷ denominator) worth its weight; the weights of the indicators that have a
 * denominator in a month are renormalised to 100, so a village with nothing due is not punished
 * for it; deductions then take points off, and the score is never below 0. A district counts its
 * villages' records together and bears their deductions as the mean per village (services/scorecards).
 */

export const scoreLevelIds = ['village', 'district', 'unit'] as const
export type ScoreLevel = (typeof scoreLevelIds)[number]

export const indicatorIds = ['coverage', 'rectified_on_time', 'reported_on_time', 'verified_on_time', 'supervision_done', 'warning_response'] as const
export type IndicatorId = (typeof indicatorIds)[number]

export const deductionIds = ['overdue', 'late_report', 'missed_report', 'concealed_report', 'false_close_out'] as const
export type DeductionId = (typeof deductionIds)[number]

export type MeasureId = IndicatorId | DeductionId
export const measureIds: readonly MeasureId[] = [...indicatorIds, ...deductionIds]

export interface IndicatorDefinition extends Bilingual {
  /** how it is computed, in words, shown beside the figure and in the README */
  formula: Bilingual
}

export const indicators: Record<IndicatorId, IndicatorDefinition> = {
  coverage: {
    zh: '排查覆盖率', en: 'Check coverage',
    formula: { zh: '当月应查且已查的排查次数 ÷ 当月应查次数（排查计划：村庄每周自查、全镇每半月集中排查、各单位每月重点排查、重点场所按类别）', en: 'checks due in the month and done ÷ checks due in the month (check plans: weekly self-checks, half-monthly rounds, monthly focused checks, key sites by kind)' },
  },
  rectified_on_time: {
    zh: '按期整改率', en: 'Rectified on time',
    formula: { zh: '整改期限在当月的隐患中，在期限内（含延期）报整改完成的数量 ÷ 整改期限在当月的隐患数', en: 'hazards whose deadline (extensions included) fell in the month and that were reported rectified by it ÷ hazards whose deadline fell in the month' },
  },
  reported_on_time: {
    zh: '上报及时率', en: 'Reported on time',
    formula: { zh: '当月发现的隐患中，从发现到登记不超过上报时限（默认 24 小时）的数量 ÷ 当月发现的隐患数', en: 'hazards found in the month and reported within the limit (24 hours by default) of being found ÷ hazards found in the month' },
  },
  verified_on_time: {
    zh: '复查及时率', en: 'Verified on time',
    formula: { zh: '当月报整改完成的隐患中，在复查时限（默认 3 天）内验收的数量 ÷ 当月报整改完成的隐患数', en: 'hazards reported rectified in the month and verified within the limit (3 days by default) ÷ hazards reported rectified in the month' },
  },
  supervision_done: {
    zh: '督办完成率', en: 'Supervision completed',
    formula: { zh: '督办期限在当月的挂牌督办隐患中，在期限内销号的数量 ÷ 督办期限在当月的挂牌督办数', en: 'listed hazards whose supervision deadline fell in the month and that were closed out by it ÷ listed hazards whose supervision deadline fell in the month' },
  },
  warning_response: {
    zh: '预警响应率', en: 'Warnings answered',
    formula: { zh: '当月发布的预警中，在响应时限内签收的数量 ÷ 当月发布的预警数（预警功能上线前不计，权重按比例分摊）', en: 'warnings issued in the month and acknowledged in time ÷ warnings issued in the month (left out, its weight shared out, until early warning exists)' },
  },
}

export const deductions: Record<DeductionId, IndicatorDefinition> = {
  overdue: {
    zh: '超期隐患', en: 'Overdue hazards',
    formula: { zh: '月末已过整改期限仍未报整改完成的隐患，每起扣分', en: 'each hazard past its deadline and not reported rectified at the month’s end' },
  },
  late_report: {
    zh: '迟报', en: 'Late reports',
    formula: { zh: '当月发现、登记晚于上报时限但不超过 7 天的隐患，每起扣分', en: 'each hazard found in the month and reported after the limit but within 7 days' },
  },
  missed_report: {
    zh: '漏报', en: 'Missed reports',
    formula: { zh: '村庄自查记录“未发现隐患”后 14 天内，被集中排查或群众举报在该村发现的隐患（重点排查由专业单位进行，不计入），每起扣分', en: 'each hazard found in a village by a town round or the public (not a lead unit’s specialist focused check) within 14 days after the village’s own check recorded nothing found' },
  },
  concealed_report: {
    zh: '瞒报', en: 'Concealed reports',
    formula: { zh: '当月登记、从发现到登记超过 7 天的隐患，每起扣分', en: 'each hazard reported in the month more than 7 days after it was found' },
  },
  false_close_out: {
    zh: '疑似虚假销号', en: 'Suspected false close-outs',
    formula: { zh: '销号后 60 天内，同一地点（50 米内或同一重点场所）又发现同一事项的隐患，每起扣分', en: 'each close-out followed within 60 days by the same item found again at the same place (within 50 m or the same key site)' },
  },
}

/** The table as a deployment sets it: each indicator's weight (0 leaves it out) and each deduction's points. */
export interface IndicatorTable {
  /** bumped on every change; a frozen month records the version it was scored by */
  version: number
  weights: Record<IndicatorId, number>
  points: Record<DeductionId, number>
  /** a score below this puts the row on the red list (通报批评) */
  redLine: number
}

/** The defaults a Chinese town would recognise (issue 13). 预警响应率 keeps its weight: it is left out while no warning exists. */
export const defaultIndicatorTable: IndicatorTable = {
  version: 1,
  weights: { coverage: 25, rectified_on_time: 25, reported_on_time: 15, verified_on_time: 15, supervision_done: 10, warning_response: 10 },
  points: { overdue: 2, late_report: 10, missed_report: 10, concealed_report: 10, false_close_out: 5 },
  redLine: 60,
}

/** One indicator's figures for a row: the rate is null when nothing was due (the indicator is then left out). */
export interface IndicatorFigure {
  numerator: number
  denominator: number
}

/**
 * The score from the figures: Σ weight × rate over indicators with a denominator, renormalised to
 * 100 by their weights, minus Σ count × points, never below 0; one decimal. Null when no indicator
 * had anything to count (nothing to judge the row on).
 */
export function scoreOf(table: IndicatorTable, figures: Record<IndicatorId, IndicatorFigure>, counts: Record<DeductionId, number>): number | null {
  let weighted = 0
  let weights = 0
  for (const id of indicatorIds) {
    const w = table.weights[id]
    const f = figures[id]
    if (w <= 0 || f.denominator === 0) continue
    weighted += (w * f.numerator) / f.denominator
    weights += w
  }
  if (weights === 0) return null
  const deducted = deductionIds.reduce((sum, id) => sum + counts[id] * table.points[id], 0)
  return Math.max(0, Math.round(((100 * weighted) / weights - deducted) * 10) / 10)
}

/** Why a drill-down record counts or not (DrillRecord.note): a key, named here in both languages. */
export const drillNotes = {
  done: { zh: '已查', en: 'checked' },
  missed: { zh: '未查', en: 'not checked' },
  rectified_by_deadline: { zh: '期限内整改', en: 'rectified by the deadline' },
  not_rectified_by_deadline: { zh: '未按期整改', en: 'not rectified by the deadline' },
  on_time: { zh: '按时上报', en: 'reported on time' },
  late: { zh: '迟报', en: 'reported late' },
  concealed: { zh: '瞒报', en: 'concealed' },
  verified_in_time: { zh: '按时复查', en: 'verified in time' },
  verified_late: { zh: '复查超时', en: 'verified late' },
  not_verified: { zh: '超时未复查', en: 'not verified in time' },
  overdue: { zh: '月末超期未整改', en: 'overdue at the month’s end' },
  missed_report: { zh: '自查未发现，他人发现', en: 'found by others after a check found nothing' },
  reopened: { zh: '销号后复发', en: 'found again after close-out' },
  closed_by_deadline: { zh: '督办期限内销号', en: 'closed out by the supervision deadline' },
  not_closed_by_deadline: { zh: '督办逾期', en: 'not closed out by the supervision deadline' },
  acknowledged_in_time: { zh: '时限内签收', en: 'acknowledged in time' },
  not_acknowledged_in_time: { zh: '未按时签收', en: 'not acknowledged in time' },
} as const satisfies Record<string, Bilingual>
export type DrillNote = keyof typeof drillNotes
