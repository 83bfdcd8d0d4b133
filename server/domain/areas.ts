import type { Bilingual } from './names'

/** Grid management (网格化管理): county → town → district → village → grid cell. */
export const areaLevelIds = ['county', 'town', 'district', 'village', 'grid'] as const
export type AreaLevel = (typeof areaLevelIds)[number]

export const areaLevels: Record<AreaLevel, Bilingual> = {
  county: { zh: '县市', en: 'County' },
  town: { zh: '镇街', en: 'Town' },
  district: { zh: '管区', en: 'Management district' },
  village: { zh: '村庄', en: 'Village' },
  grid: { zh: '网格', en: 'Grid cell' },
}

export function childLevel(level: AreaLevel): AreaLevel | undefined {
  return areaLevelIds[areaLevelIds.indexOf(level) + 1]
}

/** 小事不出村、大事不出镇、矛盾不上交: where a hazard is handled. */
export const handlingLevelIds = ['village', 'district', 'town', 'above'] as const
export type HandlingLevel = (typeof handlingLevelIds)[number]

export const handlingLevels: Record<HandlingLevel, Bilingual> = {
  village: { zh: '村级', en: 'Village' },
  district: { zh: '管区', en: 'District' },
  town: { zh: '镇级', en: 'Town' },
  above: { zh: '镇以上', en: 'Above the town' },
}
