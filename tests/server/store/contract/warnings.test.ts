import { afterEach, describe, expect, it } from 'vitest'
import type { Signal } from '../../../../server/domain/warnings/model'
import type { NewWarning, NewWarningAction } from '../../../../server/store/types'
import { type BareStore, openBareStore } from '../../../postgres/store'

let open: BareStore | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})

const signal = (key: string, level: Signal['level']): Signal => ({
  key, detector: 'rising_trend', level, ruleId: 'trend.orange', area: { kind: 'village', id: 'v1', districtId: 'd1' },
  category: 'safety_accident', item: 'fire', window: { from: '2026-09-01', to: '2026-10-31' }, observed: 12, expected: 4.25, ratio: 2.8235294117647056,
  stats: { tau: 0.71, tauP: 0.0123 }, streak: 3, slope: 0.5, evidence: [7, 3, 9], parameters: { alpha: 0.05, bins: 8, note: '半月' },
  responsible: { kind: 'lead_unit', id: 'safety' },
})

const warning = (n: number, key: string, issuedOn: string, level: Signal['level'] = 'orange'): NewWarning => {
  const sig = signal(key, level)
  return {
    code: `YJ-${issuedOn.slice(0, 4)}-${String(n).padStart(4, '0')}`, key, detector: sig.detector, level, detectedLevel: level, status: 'issued',
    category: sig.category, item: sig.item, area: sig.area, signal: sig, ruleId: sig.ruleId, ruleVersion: '3', responsible: sig.responsible,
    issuedAt: `${issuedOn}T01:00:00.000Z`, issuedOn, responseDeadline: issuedOn, lastFiredOn: issuedOn,
  }
}

const act = (warningId: number, on: string, over: Partial<NewWarningAction> = {}): NewWarningAction => ({
  warningId, at: `${on}T02:00:00.000Z`, on, actor: 'system', action: 'issue', fromLevel: null, toLevel: 'orange', note: null,
  hazardIds: [], inspectionIds: [], ...over,
})

describe('the store (each adapter): warnings', () => {
  it('returns a warning as it was written, its signal and area unchanged', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    const row = warning(1, 'rising_trend|v1|safety_accident|fire', '2026-10-31')
    const w = warnings.insert(row)
    expect(w).toEqual({ ...row, id: w.id, liftProposed: false, liftedAt: null, liftReason: null })
    expect(Object.keys(w.signal)).toEqual(Object.keys(row.signal))
    expect(warnings.get(w.id)).toEqual(w)
    expect(warnings.get(w.id + 1)).toBeUndefined()
    expect(warnings.list()).toEqual([w])
  })

  it('changes only the fields a patch gives, and says when the warning is gone', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    const w = warnings.insert(warning(1, 'k1', '2026-10-31'))
    const raised = signal('k1', 'red')
    expect(warnings.update(w.id, { level: 'red', detectedLevel: 'red', signal: raised, liftProposed: true, lastFiredOn: '2026-11-15' })).toBe(true)
    expect(warnings.get(w.id)).toEqual({ ...w, level: 'red', detectedLevel: 'red', signal: raised, liftProposed: true, lastFiredOn: '2026-11-15' })
    expect(warnings.update(w.id, { status: 'lifted', liftProposed: false, liftedAt: '2026-11-20T01:00:00.000Z', liftReason: '已消除', level: undefined })).toBe(true)
    expect(warnings.get(w.id)).toMatchObject({ level: 'red', status: 'lifted', liftProposed: false, liftedAt: '2026-11-20T01:00:00.000Z', liftReason: '已消除' })
    expect(warnings.update(w.id, {})).toBe(true)
    expect(warnings.update(w.id + 1, { status: 'acknowledged' })).toBe(false)
    expect(warnings.update(w.id + 1, {})).toBe(false)
  })

  it('keeps one open warning per key, reconciles against the newest of each key, and numbers by year', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    expect(warnings.latestByKey()).toEqual(new Map())
    expect(warnings.lastNumber('2026')).toBe(0)
    const a = warnings.insert(warning(1, 'k1', '2026-10-01'))
    const b = warnings.insert(warning(2, 'k2', '2026-10-02'))
    expect(() => warnings.insert(warning(3, 'k1', '2026-10-03'))).toThrow()
    expect(() => warnings.insert(warning(2, 'k3', '2026-10-03'))).toThrow()
    warnings.update(a.id, { status: 'lifted' })
    const a2 = warnings.insert(warning(12, 'k1', '2026-12-20'))
    const c = warnings.insert(warning(1, 'k3', '2027-01-02'))
    expect([...warnings.latestByKey()]).toEqual([['k2', b], ['k1', a2], ['k3', c]])
    expect(warnings.lastNumber('2026')).toBe(12)
    expect(warnings.lastNumber('2027')).toBe(1)
    expect(warnings.lastNumber('2025')).toBe(0)
    expect(warnings.list().map((w) => w.id)).toEqual([a.id, b.id, a2.id, c.id])
  })

  it('hands out the same list until a warning is written, and a fresh one after', async () => {
    open = await openBareStore()
    const { store } = open
    const { warnings } = store
    const a = warnings.insert(warning(1, 'k1', '2026-10-01'))
    const first = warnings.list()
    expect(warnings.list()).toBe(first)
    warnings.update(a.id, { status: 'acknowledged' })
    const second = warnings.list()
    expect(second).not.toBe(first)
    expect(second[0]!.status).toBe('acknowledged')
    // a transaction's writes show inside it, and none of them outlives its rollback
    expect(() =>
      store.transaction(() => {
        warnings.insert(warning(2, 'k2', '2026-10-02'))
        expect(warnings.list().map((w) => w.key)).toEqual(['k1', 'k2'])
        throw new Error('refused')
      }),
    ).toThrow('refused')
    expect(warnings.list().map((w) => w.key)).toEqual(['k1'])
    expect(warnings.list()).toEqual(second)
  })

  it('keeps a warning’s actions in order and replays them up to a day', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    const a = warnings.insert(warning(1, 'k1', '2026-10-01'))
    const b = warnings.insert(warning(2, 'k2', '2026-10-02'))
    const issued = warnings.addAction(act(a.id, '2026-10-01'))
    expect(issued).toEqual({ ...act(a.id, '2026-10-01'), id: issued.id })
    const bIssued = warnings.addAction(act(b.id, '2026-10-02'))
    const responded = warnings.addAction(
      act(a.id, '2026-10-03', { actor: 'safety1', action: 'respond', toLevel: null, note: '已排查', hazardIds: [4, 2], inspectionIds: [9] }),
    )
    const raised = warnings.addAction(act(a.id, '2026-10-05', { actor: 'leader', action: 'raise', fromLevel: 'orange', toLevel: 'red' }))
    expect(responded.hazardIds).toEqual([4, 2])
    expect(warnings.actions(a.id)).toEqual([issued, responded, raised])
    expect(warnings.actions(b.id + 1)).toEqual([])
    expect(warnings.actionsUntil('2026-10-03')).toEqual([issued, bIssued, responded])
    expect(warnings.actionsUntil('2026-09-30')).toEqual([])
  })

  it('notifies an account of a warning', async () => {
    open = await openBareStore()
    const { store } = open
    const w = store.warnings.insert(warning(1, 'k1', '2026-10-01'))
    store.warnings.notify({ username: 'safety1', warningId: w.id, message: '橙色预警 YJ-2026-0001', createdAt: '2026-10-01T01:00:00.000Z' })
    expect(store.notifications.list('safety1', { limit: 10 })).toEqual([
      { id: expect.any(Number), username: 'safety1', hazardId: null, warningId: w.id, message: '橙色预警 YJ-2026-0001', createdAt: '2026-10-01T01:00:00.000Z', readAt: null },
    ])
  })

  it('keeps every version of the seasonal calendar, the newest in force', async () => {
    open = await openBareStore()
    const { warnings } = open.store
    expect(warnings.calendar()).toBeUndefined()
    const entries = [{ id: 'flood', zh: '汛期防汛', en: 'Flood season', from: '06-01', to: '09-30', leadDays: 15, items: ['natural_disasters'] }]
    const v1 = warnings.saveCalendar({ entries, reason: '初始', updatedBy: 'admin', updatedAt: '2026-01-01T00:00:00.000Z' })
    expect(v1).toEqual({ version: 1, entries, reason: '初始', updatedBy: 'admin', updatedAt: '2026-01-01T00:00:00.000Z' })
    const v2 = warnings.saveCalendar({ entries: [], reason: '清空', updatedBy: 'admin', updatedAt: '2026-02-01T00:00:00.000Z' })
    expect(v2.version).toBe(2)
    expect(warnings.calendar()).toEqual(v2)
  })
})
