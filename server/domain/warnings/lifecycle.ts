import type { Actor } from '../roles'
import { type Responsible, type WarningActionId, type WarningLevel, type WarningStatus, warningActionIds, warningLevelIds } from './model'

/**
 * A warning's own lifecycle (issue 14), pure: 发布 issued → 签收 acknowledged → 处置中 responding →
 * 解除 lifted. Who may act, which action is allowed in which state, and a warning's state replayed
 * from its actions (so `?asOf=` shows it as it stood).
 */

export const warningStatusNames: Record<WarningStatus, { zh: string; en: string }> = {
  issued: { zh: '发布', en: 'Issued' },
  acknowledged: { zh: '签收', en: 'Acknowledged' },
  responding: { zh: '处置中', en: 'Responding' },
  lifted: { zh: '解除', en: 'Lifted' },
}

export const warningLevelNames: Record<WarningLevel, { zh: string; en: string }> = {
  red: { zh: '红色', en: 'Red' },
  orange: { zh: '橙色', en: 'Orange' },
  yellow: { zh: '黄色', en: 'Yellow' },
  blue: { zh: '蓝色', en: 'Blue' },
}

/** 0 for red … 3 for blue: smaller is more severe. */
export const severityRank = (level: WarningLevel): number => warningLevelIds.indexOf(level)
/** Whether `a` is more severe than `b`. */
export const moreSevere = (a: WarningLevel, b: WarningLevel): boolean => severityRank(a) < severityRank(b)
/** The more severe of two levels. */
export const severer = (a: WarningLevel, b: WarningLevel): WarningLevel => (moreSevere(b, a) ? b : a)

/**
 * Whether the actor answers for warnings given to `responsible`: the leadership group for every
 * one, a lead unit's accounts for their unit's, a district's accounts for their district's.
 */
export function speaksFor(actor: Actor, responsible: Responsible): boolean {
  if (actor.role === 'leader') return true
  if (responsible.kind === 'lead_unit') return actor.role === 'lead_unit' && actor.leadUnit === responsible.id
  return actor.role === 'district' && actor.areaId === responsible.id
}

/** The state of a warning an action needs. */
export interface WarningState {
  status: WarningStatus
  level: WarningLevel
}

/** What an action asks for, before it is checked. */
export interface ActionRequest {
  action: WarningActionId
  note?: string | undefined
  level?: WarningLevel | undefined
  hazardIds?: readonly number[] | undefined
  inspectionIds?: readonly number[] | undefined
}

/** Why an action is refused: a wrong state (409, with the reason) or missing or wrong input (422, naming the field). */
export type Refusal = { status: 409; code: string; message: string } | { status: 422; code: string; field: string; message: string }

/** The statuses each action may start from, and the status it leads to ('same': stays). */
const moves: Record<WarningActionId, { from: readonly WarningStatus[]; to: WarningStatus | 'same' }> = {
  acknowledge: { from: ['issued'], to: 'acknowledged' },
  respond: { from: ['acknowledged', 'responding'], to: 'responding' },
  note: { from: ['issued', 'acknowledged', 'responding'], to: 'same' },
  link: { from: ['acknowledged', 'responding'], to: 'same' },
  raise: { from: ['issued', 'acknowledged', 'responding'], to: 'same' },
  lower: { from: ['issued', 'acknowledged', 'responding'], to: 'same' },
  lift: { from: ['issued', 'acknowledged', 'responding'], to: 'lifted' },
}

/** Actions that must say why (the note is the response, the note, the reason for a level or the lift). */
const needsNote: ReadonlySet<WarningActionId> = new Set(['respond', 'note', 'raise', 'lower', 'lift'])

const wrongState = (action: WarningActionId, status: WarningStatus): Refusal => {
  const message =
    status === 'lifted' ? 'The warning is lifted (解除): nothing more is done to it.'
    : status === 'issued' && (action === 'respond' || action === 'link') ? 'Acknowledge (签收) the warning first.'
    : action === 'acknowledge' ? `The warning is ${status} already.`
    : `Not allowed while the warning is ${status}.`
  return { status: 409, code: 'wrong_state', message }
}

/** Why the action may not be taken on a warning in this state with this input; undefined when it may. */
export function actionRefusal(w: WarningState, input: ActionRequest): Refusal | undefined {
  const move = moves[input.action]
  if (!move.from.includes(w.status)) return wrongState(input.action, w.status)
  if (needsNote.has(input.action) && !input.note?.trim())
    return { status: 422, code: 'note_required', field: 'note', message: input.action === 'lift' ? 'Say why the warning is lifted.' : 'A note is required.' }
  if (input.action === 'raise' || input.action === 'lower') {
    if (!input.level) return { status: 422, code: 'level_required', field: 'level', message: 'Name the new level.' }
    const ok = input.action === 'raise' ? moreSevere(input.level, w.level) : moreSevere(w.level, input.level)
    if (!ok) return { status: 422, code: 'level_not_' + (input.action === 'raise' ? 'higher' : 'lower'), field: 'level', message: `${input.level} is not ${input.action === 'raise' ? 'above' : 'below'} the current level ${w.level}.` }
  } else if (input.level !== undefined) return { status: 422, code: 'unexpected_level', field: 'level', message: 'Only raise and lower take a level.' }
  const linked = (input.hazardIds?.length ?? 0) + (input.inspectionIds?.length ?? 0)
  if (input.action === 'link' && linked === 0) return { status: 422, code: 'nothing_linked', field: 'hazardIds', message: 'Name the hazards or inspections to link.' }
  if (linked > 0 && input.action !== 'link' && input.action !== 'respond')
    return { status: 422, code: 'unexpected_links', field: input.hazardIds?.length ? 'hazardIds' : 'inspectionIds', message: 'Only respond and link take hazards and inspections.' }
  return undefined
}

/** The status after an action. */
export function statusAfter(status: WarningStatus, action: WarningActionId): WarningStatus {
  const to = moves[action].to
  return to === 'same' ? status : to
}

/** The actions this reader may take now: none unless it answers for the warning. */
export function allowedActions(actor: Actor, responsible: Responsible, w: WarningState): WarningActionId[] {
  if (!speaksFor(actor, responsible)) return []
  return warningActionIds.filter((a) => {
    if (!moves[a].from.includes(w.status)) return false
    if (a === 'raise') return w.level !== 'red'
    if (a === 'lower') return w.level !== 'blue'
    return true
  })
}

/** One row of a warning's history as the replay reads it. */
export interface ReplayedAction {
  action: WarningActionId | 'issue' | 'refire' | 'propose_lift'
  fromLevel: WarningLevel | null
  toLevel: WarningLevel | null
  on: string
  note: string | null
}

export interface ReplayedState extends WarningState {
  detectedLevel: WarningLevel
  liftProposed: boolean
  liftedOn: string | null
  liftReason: string | null
}

/**
 * A warning's state after its actions (oldest first), as `issue` began it: each user action moves
 * the status as the table says, raise and lower set the level, a refire raises the detected level
 * (and the level with it when that is lower), propose_lift marks the proposal.
 */
export function replay(issuedLevel: WarningLevel, actions: readonly ReplayedAction[]): ReplayedState {
  const st: ReplayedState = { status: 'issued', level: issuedLevel, detectedLevel: issuedLevel, liftProposed: false, liftedOn: null, liftReason: null }
  for (const a of actions) {
    if (a.action === 'issue') continue
    if (a.action === 'propose_lift') st.liftProposed = true
    else if (a.action === 'refire') {
      if (a.toLevel) {
        st.detectedLevel = severer(st.detectedLevel, a.toLevel)
        st.level = severer(st.level, a.toLevel)
      }
      st.liftProposed = false
    } else {
      st.status = statusAfter(st.status, a.action)
      if ((a.action === 'raise' || a.action === 'lower') && a.toLevel) st.level = a.toLevel
      if (a.action === 'lift') {
        st.liftedOn = a.on
        st.liftReason = a.note
      }
    }
  }
  return st
}
