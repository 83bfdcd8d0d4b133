import { afterEach, describe, expect, it } from 'vitest'
import type { Signal } from '../../../../server/domain/warnings/model'
import type { NewWarning, NewWarningAction } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'

/**
 * The warnings store's batch writes (a run of the engine writes its actions, notifications and
 * refreshed firings at its end, in one go each): the same rows, in the same order, as written one
 * by one.
 */

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const warning = (n: number, key: string, issuedOn: string): NewWarning => {
  const sig: Signal = {
    key, detector: 'rising_trend', level: 'yellow', ruleId: 'trend.yellow', area: { kind: 'village', id: 'v1', districtId: 'd1' },
    category: 'safety_accident', item: null, window: { from: '2026-09-01', to: '2026-10-31' }, observed: 9, expected: 3, ratio: 3,
    stats: { tau: 0.6 }, streak: 2, slope: 0.4, evidence: [5], parameters: {}, responsible: { kind: 'lead_unit', id: 'safety' },
  }
  return {
    code: `YJ-2026-${String(n).padStart(4, '0')}`, key, detector: sig.detector, level: sig.level, detectedLevel: sig.level, status: 'issued',
    category: sig.category, item: sig.item, area: sig.area, signal: sig, ruleId: sig.ruleId, ruleVersion: '3', responsible: sig.responsible,
    issuedAt: `${issuedOn}T01:00:00.000Z`, issuedOn, responseDeadline: issuedOn, lastFiredOn: issuedOn,
  }
}

const act = (warningId: number, over: Partial<NewWarningAction> = {}): NewWarningAction => ({
  warningId, at: '2026-10-15T02:00:00.000Z', on: '2026-10-15', actor: 'system', action: 'refire', fromLevel: null, toLevel: null, note: null,
  hazardIds: [], inspectionIds: [], ...over,
})

describe('the store (each adapter): warnings written in batches', () => {
  it('adds actions in the order given, each as addAction would', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    const a = warnings.insert(warning(1, 'k1', '2026-10-01'))
    const b = warnings.insert(warning(2, 'k2', '2026-10-01'))
    const first = warnings.addAction(act(a.id, { action: 'issue', toLevel: 'yellow', on: '2026-10-01' }))
    const rows = [
      act(b.id, { actor: 'leader', action: 'raise', fromLevel: 'yellow', toLevel: 'orange', note: '升级：连续上升' }),
      act(a.id, { actor: 'safety1', action: 'respond', note: '已排查', hazardIds: [4, 2], inspectionIds: [9] }),
      act(a.id, { action: 'propose_lift', note: '30 天未再触发', on: '2026-11-30' }),
    ]
    warnings.addActions(rows)
    warnings.addActions([])
    const [raised] = warnings.actions(b.id)
    const ofA = warnings.actions(a.id)
    expect(ofA.map(({ id: _, ...row }) => row)).toEqual([act(a.id, { action: 'issue', toLevel: 'yellow', on: '2026-10-01' }), rows[1], rows[2]])
    expect(raised).toEqual({ ...rows[0], id: raised!.id })
    // ids follow the order given, after those written before
    expect(first.id < raised!.id && raised!.id < ofA[1]!.id && ofA[1]!.id < ofA[2]!.id).toBe(true)
    expect(warnings.actionsUntil('2026-10-15').map((x) => x.action)).toEqual(['issue', 'raise', 'respond'])
  })

  it('moves the last firing of the warnings named, and only theirs; the list read after shows it', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    const [a, b, c] = ['k1', 'k2', 'k3'].map((k, i) => warnings.insert(warning(i + 1, k, '2026-10-01')))
    const before = warnings.list()
    warnings.markFired([a!.id, c!.id], '2026-10-15')
    warnings.markFired([], '2026-12-31')
    expect(warnings.list().map((w) => [w.key, w.lastFiredOn])).toEqual([['k1', '2026-10-15'], ['k2', '2026-10-01'], ['k3', '2026-10-15']])
    expect(warnings.get(c!.id)).toEqual({ ...before[2], lastFiredOn: '2026-10-15' })
    expect(warnings.get(b!.id)).toEqual(before[1])
  })

  it('notifies several accounts in the order given, and a rolled-back batch leaves nothing', async () => {
    open = await openBareStore()
    const { store } = open
    const w = store.warnings.insert(warning(1, 'k1', '2026-10-01'))
    const notice = (username: string, message: string) => ({ username, warningId: w.id, message, createdAt: '2026-10-01T01:00:00.000Z' })
    store.warnings.notifyMany([notice('safety1', '黄色预警 YJ-2026-0001'), notice('district1', '黄色预警 YJ-2026-0001（区）'), notice('safety1', '第二条')])
    store.warnings.notifyMany([])
    expect(store.notifications.list('safety1', { limit: 10 }).map((n) => [n.message, n.warningId, n.hazardId]).sort()).toEqual([
      ['第二条', w.id, null], ['黄色预警 YJ-2026-0001', w.id, null],
    ])
    const ids = store.notifications.list('safety1', { limit: 10 }).map((n) => n.id).sort((x, y) => x - y)
    const district = store.notifications.list('district1', { limit: 10 })
    expect(district.map((n) => n.message)).toEqual(['黄色预警 YJ-2026-0001（区）'])
    expect(ids[0]! < district[0]!.id && district[0]!.id < ids[1]!).toBe(true)
    expect(() =>
      store.transaction(() => {
        store.warnings.notifyMany([notice('safety1', '撤回')])
        store.warnings.addActions([act(w.id)])
        throw new Error('refused')
      }),
    ).toThrow('refused')
    expect(store.notifications.list('safety1', { limit: 10 })).toHaveLength(2)
    expect(store.warnings.actions(w.id)).toEqual([])
  })
})
