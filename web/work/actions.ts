import type { HandlingLevel } from '../../server/domain/areas'
import type { HazardAction } from '../../server/domain/contract/hazards'
import type { RiskLevel } from '../../server/domain/levels'
import { type CloseOut, closeOutRefusal, mayEverTake, nextStatus, stepOf } from '../../server/domain/lifecycle'
import type { Role } from '../../server/domain/roles'
import type { Status } from '../../server/domain/statuses'

// Which forms a hazard offers (availableActions) and an assignment's default deadline (defaultDeadline)
// are the lifecycle's rules: server/domain/lifecycle.ts owns them, for the server and the web alike.

/** The verdicts the role may give: passed (closes out, 销号, only with evidence) and/or failed (back to rectifying). */
export function verdictsFor(status: Status, role: Role, closeOut?: CloseOut): boolean[] {
  return [true, false].filter((passed) => {
    const step = stepOf('verify', passed)
    return nextStatus(status, step, role).ok && !(closeOut && closeOutRefusal(step, closeOut))
  })
}

/**
 * Why verification is not offered to a reader whose role verifies this hazard now: they reported it
 * or reported it rectified (四眼原则). Undefined when it is offered, or not theirs to give anyway.
 */
export function verifyWithheld(status: Status, role: Role, closeOut: CloseOut): CloseOut['own'] | undefined {
  if (status !== 'rectified' || !mayEverTake('verify_pass', role) || !closeOut.own) return undefined
  return closeOut.own
}

/** A field the form must fix before sending, keyed by the request's own field name. */
export type Problem = 'required' | 'past' | 'future' | 'tooLong' | 'badCoordinate'
export type Problems = Partial<Record<string, Problem>>
export type Built = { ok: true; body: HazardAction } | { ok: false; problems: Problems }

export interface AssessDraft {
  level: RiskLevel | ''
  measures: string
  handlingLevel: HandlingLevel | ''
}

export interface AssignDraft {
  responsibleUnit: string
  responsiblePerson: string
  /** YYYY-MM-DD, or '' for the server's default */
  deadline: string
}

const LIMITS = { measures: 2000, note: 2000, reason: 2000, noPhotoReason: 2000, responsibleUnit: 120, responsiblePerson: 60 } as const

function text(problems: Problems, field: keyof typeof LIMITS, value: string): string {
  const trimmed = value.trim()
  if (!trimmed) problems[field] = 'required'
  else if (trimmed.length > LIMITS[field]) problems[field] = 'tooLong'
  return trimmed
}

const built = (problems: Problems, body: HazardAction): Built => (Object.keys(problems).length ? { ok: false, problems } : { ok: true, body })

export function assessRequest(d: AssessDraft, version: number): Built {
  const problems: Problems = {}
  if (!d.level) problems['level'] = 'required'
  const measures = text(problems, 'measures', d.measures)
  if (!d.level) return { ok: false, problems }
  return built(problems, { action: 'assess', version, level: d.level, measures, ...(d.handlingLevel && { handlingLevel: d.handlingLevel }) })
}

export function assignRequest(d: AssignDraft, version: number, today: string | undefined): Built {
  const problems: Problems = {}
  const responsibleUnit = text(problems, 'responsibleUnit', d.responsibleUnit)
  const responsiblePerson = text(problems, 'responsiblePerson', d.responsiblePerson)
  if (d.deadline && today && d.deadline < today) problems['deadline'] = 'past'
  return built(problems, { action: 'assign', version, responsibleUnit, responsiblePerson, ...(d.deadline && { deadline: d.deadline }) })
}

/** Steps that carry one text: what was done (rectify), why (escalate), a remark (comment). */
export function noteRequest(action: 'rectify' | 'escalate' | 'comment', note: string, version: number): Built {
  const problems: Problems = {}
  if (action === 'escalate') return built(problems, { action, version, reason: text(problems, 'reason', note) })
  return built(problems, { action, version, note: text(problems, 'note', note) })
}

/**
 * 整改完成: what was done, and its evidence for the second person who verifies it — the after-photos
 * being sent, or those already attached this round, or else why no photo can exist (required then).
 */
export function rectifyRequest(note: string, noPhotoReason: string, photos: number, version: number): Built {
  const problems: Problems = {}
  const body = { action: 'rectify' as const, version, note: text(problems, 'note', note) }
  if (photos > 0) return built(problems, body)
  return built(problems, { ...body, noPhotoReason: text(problems, 'noPhotoReason', noPhotoReason) })
}

/** A verdict needs its reason either way: what was checked, or what is still wrong. */
export function verifyRequest(passed: boolean | undefined, note: string, version: number): Built {
  const problems: Problems = {}
  if (passed === undefined) problems['passed'] = 'required'
  const trimmed = text(problems, 'note', note)
  if (passed === undefined) return { ok: false, problems }
  return built(problems, { action: 'verify', version, passed, note: trimmed })
}

export function startRequest(version: number): Built {
  return { ok: true, body: { action: 'start', version } }
}
