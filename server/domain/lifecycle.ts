import type { Role } from './roles'
import type { Status } from './statuses'

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

/** From-status → next status for each step; a missing entry means the state does not allow it. */
const moves: Record<Step, Partial<Record<Status, Status | 'same'>>> = {
  assess: { reported: 'assessed' },
  assign: { assessed: 'assigned' },
  start: { assigned: 'rectifying' },
  // 能当场整改的当场整改: reported → rectified directly, or the normal rectifying → rectified.
  rectify: { reported: 'rectified', assigned: 'rectified', rectifying: 'rectified' },
  verify_pass: { rectified: 'closed' },
  verify_fail: { rectified: 'rectifying' },
  // Escalation flags a hazard (疑难/紧急); it is not a status of its own.
  escalate: { reported: 'same', assessed: 'same', assigned: 'same', rectifying: 'same', rectified: 'same' },
  comment: {
    reported: 'same', assessed: 'same', assigned: 'same', rectifying: 'same', rectified: 'same', closed: 'same',
  },
}

/** Who may take each step (scope — which hazards — is checked separately). */
const allowedRoles: Record<Step, readonly Role[]> = {
  assess: ['lead_unit', 'district'],
  assign: ['lead_unit', 'district'],
  start: ['grid', 'district', 'lead_unit'],
  rectify: ['grid', 'district', 'lead_unit'],
  verify_pass: ['lead_unit', 'district'],
  verify_fail: ['lead_unit', 'district'],
  escalate: ['grid', 'district', 'lead_unit'],
  comment: ['leader', 'lead_unit', 'district', 'grid'],
}

export type Refusal = 'role' | 'state'
export type Transition = { ok: true; to: Status } | { ok: false; refusal: Refusal }

/**
 * The lifecycle as one pure table: (status, step, role) → next status or a refusal.
 * A role that may never take a step is refused as 'role' before the state is looked at,
 * so a grid worker learns "not yours" rather than "not now".
 */
export function nextStatus(from: Status, step: Step, role: Role): Transition {
  if (!allowedRoles[step].includes(role)) return { ok: false, refusal: 'role' }
  const to = moves[step][from]
  if (!to) return { ok: false, refusal: 'state' }
  return { ok: true, to: to === 'same' ? from : to }
}

/** Steps the role may take now, for forms that show only what is possible. */
export function availableSteps(from: Status, role: Role): Step[] {
  return (Object.keys(moves) as Step[]).filter((s) => nextStatus(from, s, role).ok)
}

export function mayEverTake(step: Step, role: Role): boolean {
  return allowedRoles[step].includes(role)
}
