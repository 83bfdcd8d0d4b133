import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDetectors } from '../../../server/domain/warnings/index'
import { DEFAULT_CALENDAR, type DetectorRun, type Signal } from '../../../server/domain/warnings/model'
import { generateGeography } from '../../../server/seed/geography'
import { demoStructure } from '../../../server/seed/ledger'
import type { DemoStructure } from '../../../server/seed/ledger/structure'
import { demoWarningDays } from '../../../server/seed/warnings'
import { warningInput } from '../../../server/services/warnings/input'
import { AS_OF, type TestApp } from '../support/app'
import { openSeededApp } from '../support/seeded'

/**
 * The demo town's ledger has the structure real ledgers have (server/seed/ledger/structure.ts), and
 * the detectors find it as of the demo's day: the planted hot spots with their category, the planted
 * repeat sites, the district that fell behind, the season's reminder — and not much else. The counts
 * are the seed's (2026, 3,000 hazards, as of 2026-11-28); a change to the generator or a detector
 * that moves them should say why.
 */

let t: TestApp
let run: DetectorRun
let plan: DemoStructure
const count = (signals: readonly Signal[], detector: string, level?: string) =>
  signals.filter((s) => s.detector === detector && (level === undefined || s.level === level)).length

beforeAll(async () => {
  t = await openSeededApp()
  const { ledger, geography } = warningInput(t.services)
  run = runDetectors(ledger, geography, { asOf: AS_OF, calendar: DEFAULT_CALENDAR })
  plan = demoStructure(generateGeography({ seed: 2026, scope: 'town' }), 2026, AS_OF)
}, 120_000)
afterAll(() => t?.close())

describe('the demo as of its day: the detectors find what the ledger was given', () => {
  it('warns of both emerging hot spots, each in its cells with its category', () => {
    expect(plan.hotSpots.map((h) => [h.id, h.category, h.village.name, h.cells.length])).toEqual([
      ['road', 'safety_accident', '清河村', 3],
      ['land', 'mass_incident', '陆台村', 4],
    ])
    for (const h of plan.hotSpots) {
      const cells = new Set(h.cells.map((c) => c.id))
      const found = run.signals.filter((s) => s.detector === 'hot_spot' && s.category === h.category && s.area.kind === 'cells' && s.area.cells.some((c) => cells.has(c)))
      expect(found, h.id).toHaveLength(1)
      // Built up over the last half-months: hot in the last two bins running.
      expect(found[0]!.pattern).toBe('consecutive')
    }
    // Nothing else is hot: no hot spot outside the planted cells.
    const planted = new Set(plan.hotSpots.flatMap((h) => h.cells.map((c) => c.id)))
    expect(run.signals.filter((s) => s.detector === 'hot_spot' && s.area.kind === 'cells' && !s.area.cells.some((c) => planted.has(c)))).toEqual([])
    // And the build-up shows for all categories together in the road's cells.
    expect(run.signals.filter((s) => s.detector === 'hot_spot').map((s) => [s.category, s.area.kind === 'cells' ? s.area.villageId : null, s.pattern])).toEqual([
      // named after its busiest cell's village: the cluster reaches into the next village's cell
      ['mass_incident', '370283122251', 'consecutive'],
      ['safety_accident', '370283122273', 'consecutive'],
      [null, '370283122273', 'consecutive'],
    ])
  })

  it('sees the same build-up as rising trends in the hot spots’ villages only', () => {
    const villages = new Set(plan.hotSpots.map((h) => h.village.id))
    const rising = run.signals.filter((s) => s.detector === 'rising_trend')
    expect(rising.map((s) => [s.area.id, s.category, s.item, s.level])).toEqual([
      ['370283122273', 'safety_accident', 'road_traffic', 'orange'],
      ['370283122273', 'safety_accident', null, 'yellow'],
      ['370283122361', 'mass_incident', null, 'yellow'],
    ])
    for (const s of rising) expect(villages.has(s.area.id)).toBe(true)
  })

  it('flags every planted repeat site: twice back (yellow), or once for a major or significant hazard (orange)', () => {
    expect(plan.repeats.map((r) => [r.site.name, r.item, r.level, r.returns])).toEqual([
      ['司家庄出租房屋聚集区', 'fire', 'general', 2],
      ['天裕小学食堂', 'food_drug', 'general', 2],
      ['祝沟大集', 'fire', 'general', 2],
      ['中国石化东山加油站', 'production', 'significant', 1],
      ['富涧液化气站', 'production', 'major', 1],
    ])
    for (const r of plan.repeats) {
      const found = run.signals.filter((s) => s.detector === 'repeat_site' && s.area.id === r.site.id && s.item === r.item)
      expect(found, r.site.name).toHaveLength(1)
      expect(found[0]!.level).toBe(r.returns === 2 ? 'yellow' : 'orange')
      expect(found[0]!.observed).toBeGreaterThanOrEqual(r.returns)
    }
    // Beside them the ledger's few kept false close-outs (server/seed/ledger/index.ts REOPENINGS_KEPT) of the last 60 days.
    expect([count(run.signals, 'repeat_site', 'orange'), count(run.signals, 'repeat_site', 'yellow')]).toEqual([8, 5])
  })

  it('sees the district that stopped closing: its overdue count rising (yellow), its major (red) and significant (orange) hazards overdue', () => {
    const district = plan.stall.district
    expect(district.name).toBe('大田管区')
    const own = run.signals.filter((s) => s.detector === 'overdue' && (s.area.kind === 'district' ? s.area.id : 'districtId' in s.area ? s.area.districtId : null) === district.id)
    const yellow = own.find((s) => s.level === 'yellow')!
    expect(yellow.area).toEqual({ kind: 'district', id: district.id })
    expect([yellow.observed, yellow.streak]).toEqual([39, 5])
    // Days overdue: the major and the significant one it stalled on (29 and 22 days), and a major one a day late.
    expect(own.filter((s) => s.level === 'red').map((s) => s.observed)).toEqual([29, 1])
    expect(own.filter((s) => s.level === 'orange').map((s) => s.observed)).toEqual([22])
    // The town as a whole: three major hazards overdue, four significant; the district and three lead units building up.
    expect([count(run.signals, 'overdue', 'red'), count(run.signals, 'overdue', 'orange'), count(run.signals, 'overdue', 'yellow')]).toEqual([3, 4, 4])
  })

  it('reminds of the winter season (gas and coal-fire poisoning) in blue, and of nothing out of season', () => {
    const seasonal = run.signals.filter((s) => s.detector === 'seasonal')
    expect(seasonal.map((s) => [s.level, s.category, s.key.split('|').at(-1)])).toEqual([['blue', 'safety_accident', 'winter_gas']])
  })

  it('raises 31 warnings in all, each explained by what the ledger was given or by its ordinary overdue and reopened hazards', () => {
    expect(run.signals).toHaveLength(31)
  })
})

describe('the demo’s warnings: a history of three months', () => {
  it('runs the engine as of every half-month end since August and on the demo’s day', () => {
    expect(demoWarningDays(AS_OF)).toEqual(['2026-08-31', '2026-09-15', '2026-09-30', '2026-10-15', '2026-10-31', '2026-11-15', '2026-11-28'])
    const issuedOn = new Set(t.services.store.warnings.list().map((w) => w.issuedOn))
    expect([...issuedOn].sort()).toEqual(demoWarningDays(AS_OF))
  })

  it('holds warnings signed for, responded to with a note and a linked hazard, lifted with a reason, and new ones to sign for', () => {
    const ws = t.services.store.warnings.list()
    const by = (status: string) => ws.filter((w) => w.status === status)
    expect(ws.length).toBeGreaterThan(0)
    for (const status of ['issued', 'acknowledged', 'responding', 'lifted']) expect(by(status).length, status).toBeGreaterThan(0)
    // What the last run found waits to be signed for.
    expect(by('issued').every((w) => w.issuedOn >= '2026-11-15')).toBe(true)
    for (const w of by('lifted')) {
      expect(w.liftReason).toBe('连续两个半月未再触发，经复查风险已消除，予以解除')
      const actions = t.services.store.warnings.actions(w.id).map((a) => a.action)
      expect(actions).toEqual(expect.arrayContaining(['issue', 'acknowledge', 'respond', 'propose_lift', 'lift']))
    }
    for (const w of by('responding')) {
      const respond = t.services.store.warnings.actions(w.id).find((a) => a.action === 'respond')!
      expect(respond.note).toBeTruthy()
      expect(respond.actor).not.toBe('system')
      expect(respond.on > w.issuedOn).toBe(true)
    }
    // A response links one of the warning's evidence hazards (as it stood then) where its unit can read one: of its category.
    const linked = by('responding').filter((w) => t.services.store.warnings.actions(w.id).some((a) => a.hazardIds.length > 0))
    expect(linked.length).toBeGreaterThan(0)
    for (const w of linked)
      for (const a of t.services.store.warnings.actions(w.id))
        for (const id of a.hazardIds) if (w.category) expect(t.services.store.hazards.get(id)!.category).toBe(w.category)
  })

  it('issues nothing new when the engine runs again as of the demo’s day (the server does at start)', async () => {
    const { issueWarnings } = await import('../../../server/services/warnings/engine')
    const { detect } = await import('../../../server/services/warnings/run')
    const before = t.services.store.warnings.list().length
    const report = await issueWarnings(t.services, AS_OF, (s, asOf, calendar) => detect(s, asOf, calendar, { inProcess: true }))
    expect(report.issued).toEqual([])
    expect(t.services.store.warnings.list()).toHaveLength(before)
  })
})
