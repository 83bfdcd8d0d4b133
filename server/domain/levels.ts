import type { Bilingual } from './names'

/** China's four-colour risk convention, most severe first. */
export const riskLevelIds = ['major', 'significant', 'general', 'low'] as const
export type RiskLevel = (typeof riskLevelIds)[number]

export const riskLevels: Record<RiskLevel, Bilingual & { color: string }> = {
  major: { zh: '重大', en: 'Major', color: '#d7191c' },
  significant: { zh: '较大', en: 'Significant', color: '#f57c00' },
  general: { zh: '一般', en: 'General', color: '#f2c500' },
  low: { zh: '低', en: 'Low', color: '#2b83ba' },
}

export type RiskPalette = Record<RiskLevel, string>
export const riskPalette: RiskPalette = {
  major: riskLevels.major.color,
  significant: riskLevels.significant.color,
  general: riskLevels.general.color,
  low: riskLevels.low.color,
}

/** Default rectification period by level, in days (configurable per deployment). */
export const defaultDeadlineDays: Record<RiskLevel, number> = { major: 7, significant: 15, general: 30, low: 60 }
