import { describe, expect, it } from 'vitest'
import { type Step, availableSteps, nextStatus, stepOf } from '../../../server/domain/lifecycle'
import { roleIds, type Role } from '../../../server/domain/roles'
import { statusIds, type Status } from '../../../server/domain/statuses'

const steps: Step[] = ['assess', 'assign', 'start', 'rectify', 'verify_pass', 'verify_fail', 'escalate', 'comment']

/** The plan's table, written out by hand so the code is checked against the reading, not itself. */
const expectedMoves: Record<Step, Partial<Record<Status, Status>>> = {
  assess: { reported: 'assessed' },
  assign: { assessed: 'assigned' },
  start: { assigned: 'rectifying' },
  rectify: { reported: 'rectified', assigned: 'rectified', rectifying: 'rectified' },
  verify_pass: { rectified: 'closed' },
  verify_fail: { rectified: 'rectifying' },
  escalate: { reported: 'reported', assessed: 'assessed', assigned: 'assigned', rectifying: 'rectifying', rectified: 'rectified' },
  comment: { reported: 'reported', assessed: 'assessed', assigned: 'assigned', rectifying: 'rectifying', rectified: 'rectified', closed: 'closed' },
}
const expectedRoles: Record<Step, Role[]> = {
  assess: ['lead_unit', 'district'],
  assign: ['lead_unit', 'district'],
  start: ['grid', 'district', 'lead_unit'],
  rectify: ['grid', 'district', 'lead_unit'],
  verify_pass: ['lead_unit', 'district'],
  verify_fail: ['lead_unit', 'district'],
  escalate: ['grid', 'district', 'lead_unit'],
  comment: ['leader', 'lead_unit', 'district', 'grid'],
}

describe('the lifecycle transition table', () => {
  for (const step of steps)
    for (const role of roleIds)
      for (const from of statusIds) {
        const allowedRole = expectedRoles[step].includes(role)
        const to = expectedMoves[step][from]
        const expected = !allowedRole ? { ok: false, refusal: 'role' } : to ? { ok: true, to } : { ok: false, refusal: 'state' }
        it(`${role} ${step} from ${from} → ${JSON.stringify(expected)}`, () => {
          expect(nextStatus(from, step, role)).toEqual(expected)
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
  it('lets the leader only comment', () => {
    expect(availableSteps('assigned', 'leader')).toEqual(['comment'])
  })
  it('reads a verification outcome as its own step', () => {
    expect(stepOf('verify', true)).toBe('verify_pass')
    expect(stepOf('verify', false)).toBe('verify_fail')
    expect(stepOf('assess')).toBe('assess')
  })
})
