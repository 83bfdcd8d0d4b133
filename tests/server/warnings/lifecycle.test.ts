import { describe, expect, it } from 'vitest'
import { actionRefusal, allowedActions, replay, speaksFor, statusAfter } from '../../../server/domain/warnings/lifecycle'
import type { Responsible } from '../../../server/domain/warnings/model'

/** A warning's own lifecycle (issue 14): who acts, what each state allows, and its state replayed from its actions. */

const safety: Responsible = { kind: 'lead_unit', id: 'safety' }
const district: Responsible = { kind: 'district', id: 'D1' }

describe('who answers for a warning', () => {
  it('the leadership for every one, a lead unit for its own, a district for its own; nobody else', () => {
    expect(speaksFor({ role: 'leader' }, safety)).toBe(true)
    expect(speaksFor({ role: 'leader' }, district)).toBe(true)
    expect(speaksFor({ role: 'lead_unit', leadUnit: 'safety' }, safety)).toBe(true)
    expect(speaksFor({ role: 'lead_unit', leadUnit: 'police' }, safety)).toBe(false)
    expect(speaksFor({ role: 'district', areaId: 'D1' }, district)).toBe(true)
    expect(speaksFor({ role: 'district', areaId: 'D2' }, district)).toBe(false)
    expect(speaksFor({ role: 'district', areaId: 'D1' }, safety)).toBe(false)
    for (const role of ['analyst', 'grid', 'wall', 'admin'] as const) expect(speaksFor({ role, areaId: 'D1' }, district)).toBe(false)
  })

  it('offers the actions of the state to those who answer, and nothing to readers', () => {
    const unit = { role: 'lead_unit' as const, leadUnit: 'safety' as const }
    expect(allowedActions(unit, safety, { status: 'issued', level: 'yellow' })).toEqual(['acknowledge', 'note', 'raise', 'lower', 'lift'])
    expect(allowedActions(unit, safety, { status: 'acknowledged', level: 'red' })).toEqual(['respond', 'note', 'link', 'lower', 'lift'])
    expect(allowedActions(unit, safety, { status: 'responding', level: 'blue' })).toEqual(['respond', 'note', 'link', 'raise', 'lift'])
    expect(allowedActions(unit, safety, { status: 'lifted', level: 'blue' })).toEqual([])
    expect(allowedActions({ role: 'analyst' }, safety, { status: 'issued', level: 'yellow' })).toEqual([])
  })
})

describe('what each state allows', () => {
  const issued = { status: 'issued' as const, level: 'yellow' as const }
  const acknowledged = { status: 'acknowledged' as const, level: 'yellow' as const }

  it('moves 发布 → 签收 → 处置中 → 解除', () => {
    expect(statusAfter('issued', 'acknowledge')).toBe('acknowledged')
    expect(statusAfter('acknowledged', 'respond')).toBe('responding')
    expect(statusAfter('responding', 'link')).toBe('responding')
    expect(statusAfter('responding', 'lift')).toBe('lifted')
    expect(statusAfter('issued', 'raise')).toBe('issued')
  })

  it('refuses a wrong transition with 409 and its reason', () => {
    expect(actionRefusal(issued, { action: 'respond', note: '已部署' })).toEqual({ status: 409, code: 'wrong_state', message: 'Acknowledge (签收) the warning first.' })
    expect(actionRefusal(acknowledged, { action: 'acknowledge' })).toEqual({ status: 409, code: 'wrong_state', message: 'The warning is acknowledged already.' })
    expect(actionRefusal({ status: 'lifted', level: 'red' }, { action: 'note', note: '补充' })?.status).toBe(409)
  })

  it('refuses missing or wrong input with 422 naming the field', () => {
    expect(actionRefusal(issued, { action: 'lift' })).toMatchObject({ status: 422, field: 'note' })
    expect(actionRefusal(acknowledged, { action: 'respond', note: '  ' })).toMatchObject({ status: 422, field: 'note' })
    expect(actionRefusal(issued, { action: 'raise', note: '升级' })).toMatchObject({ status: 422, field: 'level', code: 'level_required' })
    expect(actionRefusal(issued, { action: 'raise', note: '升级', level: 'blue' })).toMatchObject({ status: 422, field: 'level', code: 'level_not_higher' })
    expect(actionRefusal(issued, { action: 'lower', note: '降级', level: 'orange' })).toMatchObject({ status: 422, field: 'level', code: 'level_not_lower' })
    expect(actionRefusal(issued, { action: 'acknowledge', level: 'red' })).toMatchObject({ status: 422, field: 'level' })
    expect(actionRefusal(acknowledged, { action: 'link' })).toMatchObject({ status: 422, field: 'hazardIds' })
    expect(actionRefusal(issued, { action: 'note', note: '说明', hazardIds: [1] })).toMatchObject({ status: 422, field: 'hazardIds' })
  })

  it('allows what the table allows', () => {
    expect(actionRefusal(issued, { action: 'acknowledge' })).toBeUndefined()
    expect(actionRefusal(issued, { action: 'raise', note: '升级', level: 'orange' })).toBeUndefined()
    expect(actionRefusal(acknowledged, { action: 'respond', note: '已部署排查', hazardIds: [3], inspectionIds: [4] })).toBeUndefined()
    expect(actionRefusal(acknowledged, { action: 'link', inspectionIds: [4] })).toBeUndefined()
    expect(actionRefusal(issued, { action: 'lift', note: '经核实已消除' })).toBeUndefined()
  })
})

describe('a warning replayed from its actions', () => {
  const at = (action: Parameters<typeof replay>[1][number]['action'], on: string, extra: Partial<Parameters<typeof replay>[1][number]> = {}) =>
    ({ action, on, fromLevel: null, toLevel: null, note: null, ...extra })

  it('stands as its actions up to a day left it', () => {
    const actions = [
      at('issue', '2026-11-01', { toLevel: 'yellow' }),
      at('acknowledge', '2026-11-02'),
      at('raise', '2026-11-03', { fromLevel: 'yellow', toLevel: 'orange', note: '升级' }),
      at('respond', '2026-11-04', { note: '处置' }),
      at('propose_lift', '2026-12-01'),
      at('lift', '2026-12-02', { note: '已消除' }),
    ]
    expect(replay('yellow', actions.slice(0, 1))).toEqual({ status: 'issued', level: 'yellow', detectedLevel: 'yellow', liftProposed: false, liftedOn: null, liftReason: null })
    expect(replay('yellow', actions.slice(0, 3))).toMatchObject({ status: 'acknowledged', level: 'orange', detectedLevel: 'yellow' })
    expect(replay('yellow', actions.slice(0, 5))).toMatchObject({ status: 'responding', level: 'orange', liftProposed: true })
    expect(replay('yellow', actions)).toMatchObject({ status: 'lifted', liftedOn: '2026-12-02', liftReason: '已消除' })
  })

  it('a refire at a higher level raises the detected level and the level, and withdraws a lift proposal', () => {
    const st = replay('yellow', [at('issue', 'd', { toLevel: 'yellow' }), at('propose_lift', 'd'), at('refire', 'd', { fromLevel: 'yellow', toLevel: 'orange' })])
    expect(st).toMatchObject({ level: 'orange', detectedLevel: 'orange', liftProposed: false })
    // A level the unit raised above the detector's stays.
    expect(replay('yellow', [at('raise', 'd', { toLevel: 'red', note: 'x' }), at('refire', 'd', { toLevel: 'orange' })])).toMatchObject({ level: 'red', detectedLevel: 'orange' })
  })
})
