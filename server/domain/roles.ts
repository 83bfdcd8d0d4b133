import { type CategoryId, type LeadUnitId, categoryById, categoryOfLeadUnit, isConfidential } from './categories'
import type { Bilingual } from './names'

export const roleIds = ['leader', 'lead_unit', 'district', 'grid', 'analyst', 'wall', 'admin'] as const
export type Role = (typeof roleIds)[number]

export const roles: Record<Role, Bilingual> = {
  leader: { zh: '领导小组', en: 'Leadership group' },
  lead_unit: { zh: '牵头单位', en: 'Lead unit' },
  district: { zh: '管区', en: 'District officer' },
  grid: { zh: '村/网格员', en: 'Village / grid worker' },
  analyst: { zh: '综治办分析员', en: 'Analyst' },
  wall: { zh: '指挥大屏', en: 'Wall display' },
  admin: { zh: '系统管理员', en: 'Administrator' },
}

/** Who is acting: the role plus the area or lead unit that bounds it. */
export interface Actor {
  role: Role
  /** district id for `district`, village id for `grid`. */
  areaId?: string
  /** lead unit for `lead_unit`. */
  leadUnit?: LeadUnitId
}

/** A signed-in user acting: the bounds of `Actor` plus who it is, for the history and the audit log. */
export interface ActingUser extends Actor {
  username: string
}

export function actorCategory(actor: Actor): CategoryId | undefined {
  return actor.role === 'lead_unit' && actor.leadUnit ? categoryOfLeadUnit(actor.leadUnit) : undefined
}

/** Cleared for a confidential item: the leadership group and the lead unit of its category. */
export function isCleared(actor: Actor, category: CategoryId): boolean {
  return actor.role === 'leader' || actorCategory(actor) === category
}

/** Whether the actor sees a hazard of this item in full, or only generalised. */
export function seesDetails(actor: Actor, category: CategoryId, itemId: string): boolean {
  if (actor.role === 'wall') return false
  return !isConfidential(itemId) || isCleared(actor, category)
}

/**
 * Whether the actor reads an inspection's text (inspectors, what was checked, findings), by the rule
 * hazard text follows: an inspection of a category holding confidential items (暴恐, 个人极端,
 * 群体性 — it names no item, so the category's most secret one counts) needs clearance for that
 * category; a round of no one category, or of safety, is read by all who reach it.
 */
export function seesInspectionText(actor: Actor, category: CategoryId | null | undefined): boolean {
  if (actor.role === 'wall') return false
  if (!category) return true
  return !categoryById[category].items.some((i) => i.confidential) || isCleared(actor, category)
}

/** Key persons' files: only cleared roles (leader, and the lead units whose items cover persons). */
export function mayReadPersons(actor: Actor): boolean {
  return actor.role === 'leader' || (actor.role === 'lead_unit' && (actor.leadUnit === 'police' || actor.leadUnit === 'governance'))
}

/** Roles that may register hazards and inspections. */
export function mayReport(actor: Actor): boolean {
  return actor.role === 'grid' || actor.role === 'district' || actor.role === 'lead_unit'
}

/** The wall sees counts and generalised positions only. */
export function isAggregateOnly(actor: Actor): boolean {
  return actor.role === 'wall'
}
