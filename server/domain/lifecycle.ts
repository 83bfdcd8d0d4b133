import type { CloseOut } from './contract/hazards'
import { addDays } from './days'
import type { RiskLevel } from './levels'
import type { Role } from './roles'
import type { Status } from './statuses'

export type { CloseOut }

/** Everything that can be done to a hazard after it is reported. */
export const actionIds = ['assess', 'assign', 'start', 'rectify', 'verify', 'escalate', 'comment'] as const
export type Action = (typeof actionIds)[number]

export const actionNames: Record<Action, { zh: string; en: string }> = {
  assess: { zh: '研判', en: 'Assess' },
  assign: { zh: '交办', en: 'Assign' },
  start: { zh: '开始整改', en: 'Start rectifying' },
  rectify: { zh: '整改完成', en: 'Report rectified' },
  verify: { zh: '验收', en: 'Verify' },
  escalate: { zh: '上报疑难/紧急', en: 'Escalate' },
  comment: { zh: '批注', en: 'Comment' },
}

/** A verification's outcome is part of the step: passed closes out (销号), failed sends it back. */
export type Step = Exclude<Action, 'verify'> | 'verify_pass' | 'verify_fail'

export function stepOf(action: Action, passed?: boolean): Step {
  if (action !== 'verify') return action
  return passed ? 'verify_pass' : 'verify_fail'
}

/** The action a step is taken with: both outcomes of a verification are the one action `verify`. */
export function actionOf(step: Step): Action {
  return step === 'verify_pass' || step === 'verify_fail' ? 'verify' : step
}

/** Reporting brings a hazard into being: the one step taken from nothing (status `none` here). */
export type ReportStep = 'report'
type From = Status | 'none'
type Move = { to: Status | 'same'; roles: readonly Role[] }
const handlers: readonly Role[] = ['lead_unit', 'district']
const reporters: readonly Role[] = ['grid', 'district', 'lead_unit']
const grid: readonly Role[] = ['grid']
const open = (roles: readonly Role[]): Partial<Record<Status, Move>> =>
  Object.fromEntries((['reported', 'assessed', 'assigned', 'rectifying', 'rectified'] as const).map((s) => [s, { to: 'same', roles }]))

/**
 * The plan's table: for each step, the statuses it may start from, where it leads, and who may
 * take it there. Districts and lead units assess, assign and verify (研判、交办、验收销号); the
 * village's grid worker rectifies what is assigned; whoever finds a hazard may fix it on the spot.
 */
const moves: Record<Step | ReportStep, Partial<Record<From, Move>>> = {
  // Whoever finds a hazard registers it: the grid worker, the district, the lead unit of its category.
  report: { none: { to: 'reported', roles: reporters } },
  assess: { reported: { to: 'assessed', roles: handlers } },
  assign: { assessed: { to: 'assigned', roles: handlers } },
  start: { assigned: { to: 'rectifying', roles: grid } },
  // 能当场整改的当场整改: reported → rectified directly by whoever registered it; otherwise the village rectifies.
  rectify: { reported: { to: 'rectified', roles: reporters }, assigned: { to: 'rectified', roles: grid }, rectifying: { to: 'rectified', roles: grid } },
  verify_pass: { rectified: { to: 'closed', roles: handlers } },
  verify_fail: { rectified: { to: 'rectifying', roles: handlers } },
  // Escalation (疑难/紧急) flags a hazard; it is not a status of its own.
  escalate: open(reporters),
  comment: { ...open(['leader', 'lead_unit', 'district', 'grid']), closed: { to: 'same', roles: ['leader', 'lead_unit', 'district', 'grid'] } },
}

export type Refusal = 'role' | 'state'
export type Transition = { ok: true; to: Status } | { ok: false; refusal: Refusal }

/** Whether the role may take the step from some status: "not yours" rather than "not now". */
export function mayEverTake(step: Step | ReportStep, role: Role): boolean {
  return Object.values(moves[step]).some((m) => m.roles.includes(role))
}

/**
 * The lifecycle as one pure table: (status, step, role) → next status or a refusal. A role that
 * may never take the step is refused as 'role' before the state is looked at; a step the status
 * does not allow is 'state'; a step the status allows but not to this role is 'role'. A hazard not
 * yet reported is `from` null: only `report` leads out of nothing, and only there.
 */
export function nextStatus(from: Status | null, step: Step | ReportStep, role: Role): Transition {
  if (!mayEverTake(step, role)) return { ok: false, refusal: 'role' }
  const move = moves[step][from ?? 'none']
  if (!move) return { ok: false, refusal: 'state' }
  if (!move.roles.includes(role)) return { ok: false, refusal: 'role' }
  if (move.to === 'same' && from === null) return { ok: false, refusal: 'state' }
  return { ok: true, to: move.to === 'same' ? from! : move.to }
}

/*
 * Four eyes (四眼原则, issue 11): no one closes a hazard alone. The table above says which roles
 * verify; CloseOut (server/domain/contract/hazards.ts) holds the facts about one person and one
 * hazard that can still bar them, drawn from the hazard's events and photos
 * (server/services/close-out.ts) and sent with its detail.
 */

export type CloseOutRefusal = 'four_eyes' | 'no_evidence'

/** A rectification's evidence: an after-photo of this round, or a reason why none can exist. */
export const hasEvidence = (c: CloseOut): boolean => c.photos > 0 || c.noPhotoReason !== null

/**
 * Whoever reported a hazard or reported it rectified may not verify it, either way ('four_eyes');
 * a passed verification needs the rectification's evidence ('no_evidence'). Other steps: undefined.
 */
export function closeOutRefusal(step: Step, c: CloseOut): CloseOutRefusal | undefined {
  if (step !== 'verify_pass' && step !== 'verify_fail') return undefined
  if (c.own) return 'four_eyes'
  if (step === 'verify_pass' && !hasEvidence(c)) return 'no_evidence'
  return undefined
}

/**
 * Steps the role may take now, for forms that show only what is possible; given the close-out
 * facts, also only the verifications this reader may give.
 */
export function availableSteps(from: Status, role: Role, closeOut?: CloseOut): Step[] {
  return steps.filter((s) => nextStatus(from, s, role).ok && !(closeOut && closeOutRefusal(s, closeOut)))
}

const steps = (Object.keys(moves) as Array<Step | ReportStep>).filter((s): s is Step => s !== 'report')

/** Escalation (疑难/紧急) is a flag raised once: an escalated hazard is not escalated again. */
export function flagRefusal(action: Action, h: { escalated: boolean }): 'already_escalated' | undefined {
  return action === 'escalate' && h.escalated ? 'already_escalated' : undefined
}

/**
 * The actions a role is offered on a hazard now, in the lifecycle's order: what the table allows
 * from its status, no second escalation, and (given the close-out facts) no verification by whoever
 * reported or rectified it. The server refuses exactly what this leaves out; the web offers only this.
 */
export function availableActions(h: { status: Status; escalated: boolean }, role: Role, closeOut?: CloseOut): Action[] {
  const allowed = new Set(availableSteps(h.status, role, closeOut).map(actionOf))
  return actionIds.filter((a) => allowed.has(a) && !flagRefusal(a, h))
}

/** Default rectification periods by level (限期整改), as the deployment configures them (DEADLINE_DAYS_*). */
export type DeadlinePeriods = Record<RiskLevel, number>

/** The deadline an assignment gets when none is given: today plus the level's period (general when unassessed). */
export function defaultDeadline(level: RiskLevel | null, today: string, days: DeadlinePeriods): string {
  return addDays(today, days[level ?? 'general'])
}

/** A deadline given with an assignment may not lie before today. */
export const deadlineRefusal = (deadline: string, today: string): 'past' | undefined => (deadline < today ? 'past' : undefined)
