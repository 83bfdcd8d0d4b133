import { describe, expect, it } from 'vitest'
import { type Step, availableSteps, closeOutRefusal, nextStatus, stepOf } from '../../../server/domain/lifecycle'
import { roleIds, type Role } from '../../../server/domain/roles'
import { statusIds, type Status } from '../../../server/domain/statuses'

const steps: Step[] = ['assess', 'assign', 'start', 'rectify', 'verify_pass', 'verify_fail', 'escalate', 'comment']

type Row = Partial<Record<Status, [Status, Role[]]>>
const handlers: Role[] = ['lead_unit', 'district']
const anyReporter: Role[] = ['grid', 'district', 'lead_unit']
const commenters: Role[] = ['leader', 'lead_unit', 'district', 'grid']
const stay = (roles: Role[], statuses: Status[]): Row => Object.fromEntries(statuses.map((s) => [s, [s, roles]]))
const open: Status[] = ['reported', 'assessed', 'assigned', 'rectifying', 'rectified']

/** The plan's table, written out by hand so the code is checked against the reading, not itself. */
const expected: Record<Step, Row> = {
  assess: { reported: ['assessed', handlers] },
  assign: { assessed: ['assigned', handlers] },
  start: { assigned: ['rectifying', ['grid']] },
  rectify: { reported: ['rectified', anyReporter], assigned: ['rectified', ['grid']], rectifying: ['rectified', ['grid']] },
  verify_pass: { rectified: ['closed', handlers] },
  verify_fail: { rectified: ['rectifying', handlers] },
  escalate: stay(anyReporter, open),
  comment: stay(commenters, [...open, 'closed']),
}
const everRoles = (step: Step) => new Set(Object.values(expected[step]).flatMap(([, roles]) => roles))

describe('the lifecycle transition table', () => {
  for (const step of steps)
    for (const role of roleIds)
      for (const from of statusIds) {
        const row = expected[step][from]
        const want = !everRoles(step).has(role)
          ? { ok: false, refusal: 'role' }
          : !row
            ? { ok: false, refusal: 'state' }
            : row[1].includes(role)
              ? { ok: true, to: row[0] }
              : { ok: false, refusal: 'role' }
        it(`${role} ${step} from ${from} → ${JSON.stringify(want)}`, () => {
          expect(nextStatus(from, step, role)).toEqual(want)
        })
      }
})

describe('the walls of the lifecycle', () => {
  it('lets nobody act on a closed hazard except to comment', () => {
    for (const role of roleIds) expect(availableSteps('closed', role).filter((s) => s !== 'comment')).toEqual([])
  })
  it('gives the wall, the analyst and the admin nothing to do', () => {
    for (const role of ['wall', 'analyst', 'admin'] as const)
      for (const from of statusIds) expect(availableSteps(from, role)).toEqual([])
  })
  it('leaves rectifying an assigned hazard to the village, not to those who verify it', () => {
    expect(nextStatus('rectifying', 'rectify', 'district')).toEqual({ ok: false, refusal: 'role' })
    expect(nextStatus('assigned', 'start', 'lead_unit')).toEqual({ ok: false, refusal: 'role' })
    expect(nextStatus('reported', 'rectify', 'district')).toEqual({ ok: true, to: 'rectified' })
  })
  it('lets the leader only comment', () => {
    expect(availableSteps('assigned', 'leader')).toEqual(['comment'])
  })
  it('reads a verification outcome as its own step', () => {
    expect(stepOf('verify', true)).toBe('verify_pass')
    expect(stepOf('verify', false)).toBe('verify_fail')
    expect(stepOf('assess')).toBe('assess')
  })
})

describe('four eyes: no one closes a hazard alone', () => {
  const stranger = { own: null, photos: 0, noPhotoReason: null }
  it('bars whoever reported the hazard or reported it rectified from verifying it, either way', () => {
    for (const own of ['reported', 'rectified'] as const)
      for (const step of ['verify_pass', 'verify_fail'] as const) expect(closeOutRefusal(step, { ...stranger, own, photos: 2 })).toBe('four_eyes')
  })
  it('lets a second person pass a rectification only with its evidence: an after-photo or a reason there is none', () => {
    expect(closeOutRefusal('verify_pass', stranger)).toBe('no_evidence')
    expect(closeOutRefusal('verify_fail', stranger)).toBeUndefined()
    expect(closeOutRefusal('verify_pass', { ...stranger, photos: 1 })).toBeUndefined()
    expect(closeOutRefusal('verify_pass', { ...stranger, noPhotoReason: '' })).toBeUndefined()
  })
  it('touches no other step, and narrows the steps offered', () => {
    for (const step of steps.filter((s) => !s.startsWith('verify'))) expect(closeOutRefusal(step, { ...stranger, own: 'reported' })).toBeUndefined()
    expect(availableSteps('rectified', 'district', stranger)).toEqual(['verify_fail', 'escalate', 'comment'])
    expect(availableSteps('rectified', 'district', { ...stranger, own: 'reported', photos: 1 })).toEqual(['escalate', 'comment'])
    expect(availableSteps('rectified', 'district', { ...stranger, photos: 1 })).toEqual(['verify_pass', 'verify_fail', 'escalate', 'comment'])
  })
})
