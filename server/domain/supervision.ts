import { categoryOfLeadUnit, leadUnitIds, leadUnits } from './categories'
import { addDays, toDay } from './days'
import type { Bilingual } from './names'
import type { Actor } from './roles'
import type { Hazard } from './schemas'

/**
 * 挂牌督办 (listed supervision) and extensions (延期), as pure rules. A major hazard still open may
 * be listed by the leadership group (listing unit `town`) or by the lead unit of its category (its
 * own unit id), naming a supervising unit and a deadline; one open listing per hazard. The listing
 * unit takes the listing down (摘牌) once the hazard is closed out. The responsible side — the
 * district of the hazard's area, the grid worker of its village, the hazard's lead unit — may ask
 * to move the deadline; the listing unit decides (for a hazard not listed, its lead unit or the
 * leadership), never the one who asked. A request must come before the minimum notice: on or
 * before deadline − EXTENSION_NOTICE_DAYS (default 3); a later one is refused as late.
 */

/** Who lists (挂牌单位) and who supervises (督办单位): the town's leadership group or a lead unit. */
export const unitIds = ['town', ...leadUnitIds] as const
export type SupervisionUnit = (typeof unitIds)[number]

export const unitNames: Record<SupervisionUnit, Bilingual> = {
  town: { zh: '镇领导小组', en: 'Town leadership group' },
  ...leadUnits,
}

export const DEFAULT_NOTICE_DAYS = 3

export const decisionIds = ['granted', 'refused'] as const
export type Decision = (typeof decisionIds)[number]

export const decisionNames: Record<Decision, Bilingual> = {
  granted: { zh: '准予延期', en: 'Granted' },
  refused: { zh: '不予延期', en: 'Refused' },
}

type Listable = Pick<Hazard, 'category' | 'level' | 'status'>

/** The unit this actor lists in: the leader for the town, a lead unit for hazards of its own category only. */
export function listingUnitOf(actor: Actor, h: Pick<Hazard, 'category'>): SupervisionUnit | undefined {
  if (actor.role === 'leader') return 'town'
  if (actor.role === 'lead_unit' && actor.leadUnit && categoryOfLeadUnit(actor.leadUnit) === h.category) return actor.leadUnit
  return undefined
}

/** Why a hazard may not be listed now: not major, closed out, or listed already. */
export type ListRefusal = 'not_major' | 'closed' | 'listed'

export function listRefusal(h: Listable, listedNow: boolean): ListRefusal | undefined {
  if (h.level !== 'major') return 'not_major'
  if (h.status === 'closed') return 'closed'
  if (listedNow) return 'listed'
  return undefined
}

/** Whether the actor speaks for a listing unit: the leader for `town`, a lead unit for itself. */
export function speaksFor(actor: Actor, unit: SupervisionUnit): boolean {
  return unit === 'town' ? actor.role === 'leader' : actor.role === 'lead_unit' && actor.leadUnit === unit
}

/** Who decides an extension: the listing unit of a listed hazard; else the hazard's lead unit or the leadership. */
export function mayDecide(actor: Actor, h: Pick<Hazard, 'leadUnit'>, listingUnit: SupervisionUnit | null): boolean {
  if (listingUnit) return speaksFor(actor, listingUnit)
  return actor.role === 'leader' || (actor.role === 'lead_unit' && actor.leadUnit === h.leadUnit)
}

/** The responsible side, who may ask: the hazard's district, the grid worker of its village, its lead unit. */
export function mayAsk(actor: Actor, h: Pick<Hazard, 'districtId' | 'villageId' | 'leadUnit'>): boolean {
  if (actor.role === 'district') return actor.areaId === h.districtId
  if (actor.role === 'grid') return actor.areaId === h.villageId
  if (actor.role === 'lead_unit') return actor.leadUnit === h.leadUnit
  return false
}

/** Whether a hazard has a deadline to move: assigned, not yet closed out. */
export const extendable = (h: Pick<Hazard, 'deadline' | 'status'>): boolean => h.deadline !== null && h.status !== 'closed'

/** The last day a request may be made: the deadline less the notice, both whole China days. */
export const lastDayToAsk = (deadline: string, noticeDays: number): string => addDays(deadline, -noticeDays)

/** Late (迟报的延期申请): asked after the last allowed day; such a request is refused by the server. */
export const isLateRequest = (today: string, deadline: string, noticeDays: number): boolean => today > lastDayToAsk(deadline, noticeDays)

/** Why a requested deadline is refused outright: not after the current one. */
export const newDeadlineRefusal = (current: string, requested: string): 'not_later' | undefined => (requested > current ? undefined : 'not_later')

/** Days from `today` to the deadline: positive ahead, 0 on the day, negative once overdue. */
export const daysLeft = (deadline: string, today: string): number => toDay(deadline) - toDay(today)

/** A listing met its deadline when the hazard was closed out on or before it. */
export const closedOnTime = (hazardClosedAt: string | null, deadline: string): boolean | null =>
  hazardClosedAt === null ? null : hazardClosedAt <= deadline

