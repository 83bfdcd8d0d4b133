import type { Bilingual } from './names'

/** How a hazard was found (排查方式), plus reports from the public. */
export const sourceIds = ['routine', 'concentrated', 'focused', 'public_report'] as const
export type SourceId = (typeof sourceIds)[number]

export const sources: Record<SourceId, Bilingual & { cadence: Bilingual }> = {
  routine: { zh: '经常性自查', en: 'Routine self-check', cadence: { zh: '村庄，持续', en: 'villages, continuously' } },
  concentrated: { zh: '集中性排查', en: 'Concentrated inspection', cadence: { zh: '全镇，每半月', en: 'the town, every half month' } },
  focused: { zh: '重点性排查', en: 'Focused inspection', cadence: { zh: '各单位，每月', en: 'each unit, monthly' } },
  public_report: { zh: '群众举报', en: 'Public report', cadence: { zh: '随时', en: 'any time' } },
}

/** Sources that are inspections with a cadence (the public report is not). */
export const inspectionSourceIds = ['routine', 'concentrated', 'focused'] as const satisfies readonly SourceId[]
export type InspectionSource = (typeof inspectionSourceIds)[number]
