import { chinaDateOf } from '../../../server/domain/days'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Signal } from '../../../server/domain/warnings/model'
import type { Sequenced, Services } from '../../../server/services/context'
import { issueWarnings, startWarningEngine } from '../../../server/services/warnings/engine'
import type { TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'
import { fakeDetect, hotSpot, overdue, placeOf } from './signals'

/**
 * The engine's reconciliation (issue 14), over hand-made findings: a new finding is issued once
 * (编号, deadline, audit, notifications to its unit, live), the same run twice issues nothing, a
 * higher level is a refire, two quiet half-months propose lifting once.
 */

let t: TestApp
let s: Services
let found: Signal[] = []
const detect = fakeDetect(() => found)
const heard: Sequenced[] = []
let first: number

beforeAll(async () => {
  t = await openSeededApp()
  s = t.services
  s.live.on('live', (e) => heard.push(e))
  first = s.store.warnings.lastNumber('2026') + 1
})
afterAll(() => t.close())

const code = (n: number) => `YJ-2026-${String(first + n).padStart(4, '0')}`
/** The test's own warnings, apart from the demo's (server/seed/warnings.ts). */
const ours = (w: { key: string }) => w.key.startsWith('test:')
const ourIds = () => new Set(s.store.warnings.list().filter(ours).map((w) => w.id))
const auditOf = (action: string) => {
  const codes = new Set(s.store.warnings.list().filter(ours).map((w) => w.code))
  return s.store.audit.list(500).filter((a) => a.action === action && codes.has(a.target))
}

describe('issuing', () => {
  it('issues each new finding once, with its code, responsible unit and response deadline', async () => {
    found = [hotSpot(s), overdue(s)]
    const report = await issueWarnings(s, '2026-11-28', detect)
    expect(report.issued.map((w) => [w.code, w.level, w.status, w.responsible, w.responseDeadline, w.issuedOn, w.lastFiredOn])).toEqual([
      [code(0), 'yellow', 'issued', { kind: 'lead_unit', id: 'safety' }, '2026-12-05', '2026-11-28', '2026-11-28'],
      [code(1), 'red', 'issued', { kind: 'district', id: placeOf(s).districtId }, '2026-11-29', '2026-11-28', '2026-11-28'],
    ])
    expect(report.issued[0]!.signal).toEqual(found[0])
    expect(report.issued[0]!.ruleVersion).toBe('YJ-2026.1')
    expect(s.store.warnings.actions(report.issued[0]!.id).map((a) => [a.action, a.actor, a.toLevel, a.on])).toEqual([['issue', 'system', 'yellow', '2026-11-28']])
    // stamped on the day it is as of, in China time, whatever the clock's date
    expect(chinaDateOf(Date.parse(report.issued[0]!.issuedAt))).toBe('2026-11-28')
  })

  it('writes one audit row per warning, naming its code and no free text', () => {
    expect(auditOf('warning.issue').map((a) => [a.username, a.target, a.reason]).reverse()).toEqual([
      ['system', code(0), null],
      ['system', code(1), null],
    ])
  })

  it('notifies every account of the responsible unit, in the app and live', () => {
    const district = s.store.users.list().find((u) => u.role === 'district' && u.areaId === placeOf(s).districtId)!
    const safety = s.store.notifications.list('safety', { limit: 5 })
    expect(safety[0]).toMatchObject({ warningId: s.store.warnings.latestByKey().get(found[0]!.key)!.id, hazardId: null })
    expect(safety[0]!.message).toBe(`黄色预警 ${code(0)}：${s.ledger.areas.byId.get(placeOf(s).villageId)!.name}等3个网格 消防安全，请于 2026-12-05 前签收处置`)
    const own = s.store.notifications.list(district.username, { limit: 5 })
    expect(own[0]!.message).toBe(`红色预警 ${code(1)}：${s.ledger.areas.byId.get(placeOf(s).districtId)!.name} 各类，请于 2026-11-29 前签收处置`)
    // Nobody else was told.
    const mine = ourIds()
    expect(s.store.notifications.list('police', { limit: 50 }).some((n) => mine.has(n.warningId ?? 0))).toBe(false)
    const live = heard.filter((e) => e.type === 'notification' && mine.has(e.warningId ?? 0)).map((e) => e.type === 'notification' && e.username)
    expect(live).toEqual(['safety', district.username])
    expect(heard.filter((e) => e.type === 'warning' && mine.has(e.id)).map((e) => e.type === 'warning' && e.kind)).toEqual(['issued', 'issued'])
  })

  it('issues nothing new when run again as of the same day', async () => {
    const before = { warnings: s.store.warnings.list().length, actions: s.store.warnings.actionsUntil('2099-01-01').length, heard: heard.length }
    const report = await issueWarnings(s, '2026-11-28', detect)
    expect([report.issued.length, report.raised.length, report.proposed.length]).toEqual([0, 0, 0])
    expect(s.store.warnings.list().length).toBe(before.warnings)
    expect(s.store.warnings.actionsUntil('2099-01-01').length).toBe(before.actions)
    expect(heard.length).toBe(before.heard)
  })
})

describe('the next runs', () => {
  it('a finding firing again at the same level only moves its last firing', async () => {
    const report = await issueWarnings(s, '2026-12-01', detect)
    expect([report.issued.length, report.raised.length]).toEqual([0, 0])
    const w = s.store.warnings.latestByKey().get(found[0]!.key)!
    expect([w.lastFiredOn, w.level, s.store.warnings.actions(w.id).length]).toEqual(['2026-12-01', 'yellow', 1])
  })

  it('a finding firing at a higher level raises the warning with one refire, audited', async () => {
    found = [hotSpot(s, { level: 'orange', ruleId: 'R4', observed: 14 }), overdue(s)]
    const report = await issueWarnings(s, '2026-12-02', detect)
    expect(report.raised.map((w) => [w.code, w.level, w.detectedLevel, w.signal.observed])).toEqual([[code(0), 'orange', 'orange', 14]])
    expect(s.store.warnings.actions(report.raised[0]!.id).map((a) => [a.action, a.fromLevel, a.toLevel])).toEqual([['issue', null, 'yellow'], ['refire', 'yellow', 'orange']])
    expect(auditOf('warning.refire').map((a) => a.target)).toEqual([code(0)])
  })

  it('a warning whose detector has been quiet for two half-months is proposed for lifting, once', async () => {
    found = [hotSpot(s, { level: 'orange', ruleId: 'R4' })]
    // Last fired on 2026-12-02: 29 days quiet on 12-31, 30 on 2027-01-01.
    expect((await issueWarnings(s, '2026-12-31', detect)).proposed.filter(ours)).toEqual([])
    const proposed = (await issueWarnings(s, '2027-01-01', detect)).proposed.filter(ours)
    expect(proposed.map((w) => [w.code, w.liftProposed, w.status])).toEqual([[code(1), true, 'issued']])
    expect((await issueWarnings(s, '2027-01-02', detect)).proposed.filter(ours)).toEqual([])
    const actions = s.store.warnings.actions(proposed[0]!.id).map((a) => [a.action, a.on])
    expect(actions).toEqual([['issue', '2026-11-28'], ['propose_lift', '2027-01-01']])
  })

  it('a proposal is withdrawn when the detector fires again', async () => {
    found = [hotSpot(s, { level: 'orange', ruleId: 'R4' }), overdue(s)]
    await issueWarnings(s, '2027-01-03', detect)
    const w = s.store.warnings.latestByKey().get(overdue(s).key)!
    expect([w.liftProposed, w.lastFiredOn, w.code]).toEqual([false, '2027-01-03', code(1)])
    expect(s.store.warnings.actions(w.id).at(-1)!.action).toBe('refire')
  })

  it('a lifted finding that goes on firing stays lifted; after a quiet spell it is issued anew', async () => {
    const w = s.store.warnings.latestByKey().get(overdue(s).key)!
    s.store.warnings.update(w.id, { status: 'lifted', liftedAt: new Date().toISOString(), liftReason: '已整改' })
    expect((await issueWarnings(s, '2027-01-04', detect)).issued).toEqual([])
    found = [hotSpot(s, { level: 'orange', ruleId: 'R4' })]
    await issueWarnings(s, '2027-01-20', detect)
    found = [hotSpot(s, { level: 'orange', ruleId: 'R4' }), overdue(s)]
    const report = await issueWarnings(s, '2027-02-05', detect)
    expect(report.issued.map((x) => [x.code, x.key, x.issuedOn])).toEqual([['YJ-2027-0001', overdue(s).key, '2027-02-05']])
  })
})

describe('when it runs', () => {
  it('at start, then once after a burst of hazard writes, never two runs at once', async () => {
    let runs = 0
    let running = 0
    let overlapped = false
    let release: (() => void) | undefined
    const slow: typeof detect = async (sv, asOf, calendar) => {
      runs++
      running++
      if (running > 1) overlapped = true
      await new Promise<void>((done) => (release = done))
      running--
      return detect(sv, asOf, calendar)
    }
    found = []
    const stop = startWarningEngine(s, slow, 10)
    try {
      await vi.waitFor(() => expect(runs).toBe(1))
      // Writes during the run make one more run after it, not a second at once.
      for (let i = 0; i < 3; i++) s.live.publish({ type: 'stats' })
      s.live.publish(hazardEvent())
      s.live.publish(hazardEvent())
      await new Promise((done) => setTimeout(done, 50))
      expect(runs).toBe(1)
      release!()
      await vi.waitFor(() => expect(runs).toBe(2))
      release!()
      await vi.waitFor(() => expect(running).toBe(0))
      expect([runs, overlapped]).toEqual([2, false])
    } finally {
      stop()
      release?.()
    }
  })

  it('runs within the longest wait even while writes keep coming faster than the debounce', async () => {
    let runs = 0
    const counting: typeof detect = async (sv, asOf, calendar) => {
      runs++
      return detect(sv, asOf, calendar)
    }
    found = []
    const stop = startWarningEngine(s, counting, 200, 400)
    try {
      await vi.waitFor(() => expect(runs).toBe(1))
      // a write every 50 ms for 1.2 s: the debounce alone would never fire
      for (let i = 0; i < 24; i++) {
        s.live.publish(hazardEvent())
        await new Promise((done) => setTimeout(done, 50))
      }
      expect(runs).toBeGreaterThanOrEqual(2)
    } finally {
      stop()
    }
  })
})

function hazardEvent(): Parameters<Services['live']['publish']>[0] {
  return {
    type: 'hazard', id: 1, status: 'reported', version: 1, level: null, escalated: false, areaId: placeOf(s).cells[0]!, villageId: placeOf(s).villageId,
    districtId: placeOf(s).districtId, category: 'safety_accident', item: 'fire', kind: 'created',
  }
}
