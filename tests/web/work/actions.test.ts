import { describe, expect, it } from 'vitest'
import { defaultDeadlineDays } from '../../../server/domain/levels'
import { availableActions, defaultDeadline } from '../../../server/domain/lifecycle'
import {
  assessRequest,
  assignRequest,
  noteRequest,
  rectifyRequest,
  startRequest,
  verdictsFor,
  verifyRequest,
  verifyWithheld,
} from '../../../web/work/actions'

// The card offers what the lifecycle table allows (server/domain/lifecycle.ts): the same rules the server enforces.
describe('availableActions: what a role sees on the card', () => {
  const open = { escalated: false }

  it('offers a district officer assessment of a new report, and fixing it on the spot', () => {
    expect(availableActions({ ...open, status: 'reported' }, 'district')).toEqual(['assess', 'rectify', 'escalate', 'comment'])
  })

  it('offers the grid worker start on an assigned hazard, and the district not', () => {
    expect(availableActions({ ...open, status: 'assigned' }, 'grid')).toEqual(['start', 'rectify', 'escalate', 'comment'])
    expect(availableActions({ ...open, status: 'assigned' }, 'district')).toEqual(['escalate', 'comment'])
  })

  it('offers verification of a rectified hazard to the lead unit, not to the grid worker', () => {
    expect(availableActions({ ...open, status: 'rectified' }, 'lead_unit')).toContain('verify')
    expect(availableActions({ ...open, status: 'rectified' }, 'grid')).not.toContain('verify')
  })

  it('offers no second escalation', () => {
    expect(availableActions({ status: 'rectifying', escalated: true }, 'grid')).toEqual(['rectify', 'comment'])
  })

  it('lets the leadership group only comment, even on a closed hazard', () => {
    expect(availableActions({ ...open, status: 'rectified' }, 'leader')).toEqual(['comment'])
    expect(availableActions({ ...open, status: 'closed' }, 'leader')).toEqual(['comment'])
  })

  it('offers the analyst, the wall and the admin nothing', () => {
    for (const role of ['analyst', 'wall', 'admin'] as const) expect(availableActions({ ...open, status: 'reported' }, role)).toEqual([])
  })
})

describe('verdictsFor', () => {
  it('gives a handler both verdicts on a rectified hazard', () => {
    expect(verdictsFor('rectified', 'district')).toEqual([true, false])
  })

  it('gives none before the rectification is reported', () => {
    expect(verdictsFor('rectifying', 'district')).toEqual([])
  })

  it('gives only sending back when the rectification has no evidence', () => {
    expect(verdictsFor('rectified', 'district', { own: null, photos: 0, noPhotoReason: null })).toEqual([false])
    expect(verdictsFor('rectified', 'district', { own: null, photos: 0, noPhotoReason: '夜间已撤离' })).toEqual([true, false])
  })
})

describe('four eyes on the card', () => {
  const evidenced = { own: null, photos: 1, noPhotoReason: null }
  it('offers verification to a second person, not to whoever reported or rectified it, and says why', () => {
    expect(availableActions({ status: 'rectified', escalated: false }, 'district', evidenced)).toContain('verify')
    for (const own of ['reported', 'rectified'] as const) {
      expect(availableActions({ status: 'rectified', escalated: false }, 'district', { ...evidenced, own })).not.toContain('verify')
      expect(verifyWithheld('rectified', 'district', { ...evidenced, own })).toBe(own)
    }
  })

  it('says nothing where verification is not the reader’s to give anyway', () => {
    expect(verifyWithheld('rectified', 'grid', { ...evidenced, own: 'rectified' })).toBeUndefined()
    expect(verifyWithheld('rectifying', 'district', { ...evidenced, own: 'reported' })).toBeUndefined()
    expect(verifyWithheld('rectified', 'district', evidenced)).toBeUndefined()
  })
})

describe('defaultDeadline', () => {
  it('adds the level’s period to today, across a month end', () => {
    expect(defaultDeadline('major', '2026-06-15', defaultDeadlineDays)).toBe('2026-06-22')
    expect(defaultDeadline('significant', '2026-06-15', defaultDeadlineDays)).toBe('2026-06-30')
    expect(defaultDeadline('low', '2026-06-15', defaultDeadlineDays)).toBe('2026-08-14')
  })

  it('takes the general period for a hazard not yet assessed', () => {
    expect(defaultDeadline(null, '2026-06-15', defaultDeadlineDays)).toBe('2026-07-15')
  })

  it('follows the deployment’s configured periods', () => {
    expect(defaultDeadline('major', '2026-06-15', { ...defaultDeadlineDays, major: 3 })).toBe('2026-06-18')
  })
})

describe('form → request', () => {
  it('sends an assessment with trimmed measures, and the handling level only when chosen', () => {
    expect(assessRequest({ level: 'major', measures: '  专人盯防 ', handlingLevel: '' }, 4)).toEqual({
      ok: true,
      body: { action: 'assess', version: 4, level: 'major', measures: '专人盯防' },
    })
    expect(assessRequest({ level: 'low', measures: 'x', handlingLevel: 'town' }, 1)).toMatchObject({ ok: true, body: { handlingLevel: 'town' } })
  })

  it('refuses an assessment without a level or measures, naming both', () => {
    expect(assessRequest({ level: '', measures: ' ', handlingLevel: '' }, 1)).toEqual({ ok: false, problems: { level: 'required', measures: 'required' } })
  })

  it('sends an assignment with its deadline, or without one for the server’s default', () => {
    const draft = { responsibleUnit: '村东仓库', responsiblePerson: '王建国', deadline: '2026-06-30' }
    expect(assignRequest(draft, 2, '2026-06-15')).toEqual({ ok: true, body: { action: 'assign', version: 2, ...draft } })
    expect(assignRequest({ ...draft, deadline: '' }, 2, '2026-06-15')).toEqual({
      ok: true,
      body: { action: 'assign', version: 2, responsibleUnit: '村东仓库', responsiblePerson: '王建国' },
    })
  })

  it('refuses a deadline before today and an overlong person', () => {
    const built = assignRequest({ responsibleUnit: 'u', responsiblePerson: 'p'.repeat(61), deadline: '2026-06-14' }, 2, '2026-06-15')
    expect(built).toEqual({ ok: false, problems: { responsiblePerson: 'tooLong', deadline: 'past' } })
  })

  it('sends an escalation’s text as its reason and a rectification’s as its note', () => {
    expect(noteRequest('escalate', ' 需协调 ', 3)).toEqual({ ok: true, body: { action: 'escalate', version: 3, reason: '需协调' } })
    expect(noteRequest('rectify', '已清运', 3)).toEqual({ ok: true, body: { action: 'rectify', version: 3, note: '已清运' } })
    expect(noteRequest('comment', '', 3)).toEqual({ ok: false, problems: { note: 'required' } })
  })

  it('asks a rectification without any after-photo why none can exist', () => {
    expect(rectifyRequest('已清运', '', 0, 3)).toEqual({ ok: false, problems: { noPhotoReason: 'required' } })
    expect(rectifyRequest('已清运', ' 夜间摊点已撤离 ', 0, 3)).toEqual({ ok: true, body: { action: 'rectify', version: 3, note: '已清运', noPhotoReason: '夜间摊点已撤离' } })
    expect(rectifyRequest('已清运', '写了也不发', 1, 3)).toEqual({ ok: true, body: { action: 'rectify', version: 3, note: '已清运' } })
  })

  it('needs a verdict and its reason', () => {
    expect(verifyRequest(undefined, '', 5)).toEqual({ ok: false, problems: { passed: 'required', note: 'required' } })
    expect(verifyRequest(false, '通道仍有杂物', 5)).toEqual({ ok: true, body: { action: 'verify', version: 5, passed: false, note: '通道仍有杂物' } })
  })

  it('starts with nothing but the version', () => {
    expect(startRequest(7)).toEqual({ ok: true, body: { action: 'start', version: 7 } })
  })
})
