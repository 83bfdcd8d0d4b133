import { addDays } from './days'
import type { Bilingual } from './names'

/**
 * Posts (岗位) and who held them when: the people a town asks after an accident about ("who was
 * responsible for that place on that day?"). A post is a kind and a place; its holders follow one
 * another in dated records that are closed, never overwritten.
 */
export const postKindIds = ['grid_worker', 'district_head', 'lead_unit_head', 'site_head'] as const
export type PostKind = (typeof postKindIds)[number]

/** What a post's `place` names: a grid cell, a management district, a lead unit or a key site. */
export type PostPlace = 'grid' | 'district' | 'lead_unit' | 'site'

export const postKinds: Record<PostKind, Bilingual & { place: PostPlace }> = {
  grid_worker: { zh: '网格员', en: 'Grid worker', place: 'grid' },
  district_head: { zh: '管区负责人', en: 'District head', place: 'district' },
  lead_unit_head: { zh: '牵头单位负责人', en: 'Lead unit’s responsible person', place: 'lead_unit' },
  site_head: { zh: '场所责任人', en: 'Site’s responsible person', place: 'site' },
}

/** A record's dates: both inclusive, `to` null while the holder still holds the post. */
export interface Tenure {
  from: string
  to: string | null
}

/** Whether a record was in force on a date (YYYY-MM-DD compares as text). */
export function heldOn(t: Tenure, date: string): boolean {
  return t.from <= date && (t.to === null || t.to >= date)
}

/** The last day of the record a new holder from `from` replaces: the day before. */
export const closingDayFor = (from: string): string => addDays(from, -1)
