import { createPinia, setActivePinia } from 'pinia'
import { nextTick, shallowRef } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultIndicatorTable } from '../../../server/domain/scorecards'
import type { ScorecardRow, Scorecards } from '../../../web/api/scorecards'
import { CallError } from '../../../web/api/client'
import { useLiveStore } from '../../../web/stores/live'
import { useIndicatorEditor, useScoreDrill, useScorecards } from '../../../web/scorecards/useScorecards'

const api = vi.hoisted(() => ({ fetchScorecards: vi.fn(), fetchScorecardDrill: vi.fn(), fetchIndicatorTable: vi.fn(), saveIndicatorTable: vi.fn() }))
vi.mock('../../../web/api/scorecards', () => api)

const row = (id: string): ScorecardRow => ({ id, name: id, score: 70, rank: 1, previousScore: null, change: null, redList: false, recomputed: null, indicators: [], deductions: [] })
const answer = (month: string, level: Scorecards['level'] = 'village'): Scorecards => ({
  month, level, period: { start: `${month}-01`, end: `${month}-28` }, frozen: false, frozenAt: null, table: defaultIndicatorTable, rows: [row('v1')],
})
/** A promise settled from outside, to answer requests out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

beforeEach(() => {
  setActivePinia(createPinia())
  for (const fn of Object.values(api)) fn.mockReset()
})

describe('useScorecards', () => {
  it('asks for the month and level, and keeps the latest question’s answer when an older one comes later', async () => {
    const may = deferred<Scorecards>()
    const june = deferred<Scorecards>()
    api.fetchScorecards.mockReturnValueOnce(may.promise).mockReturnValueOnce(june.promise)
    const month = shallowRef<string | undefined>('2026-05')
    const level = shallowRef<Scorecards['level']>('village')
    const s = useScorecards(month, level)
    month.value = '2026-06'
    await settle()
    expect(api.fetchScorecards.mock.calls).toEqual([['village', '2026-05'], ['village', '2026-06']])
    june.resolve(answer('2026-06'))
    await settle()
    may.resolve(answer('2026-05'))
    await settle()
    expect(s.answer.value?.month).toBe('2026-06')
    expect(s.loading.value).toBe(false)
  })

  it('asks nothing before a month is known, and again when the ledger moves', async () => {
    api.fetchScorecards.mockResolvedValue(answer('2026-06', 'district'))
    const month = shallowRef<string | undefined>()
    useScorecards(month, shallowRef('district'))
    await settle()
    expect(api.fetchScorecards).not.toHaveBeenCalled()
    month.value = '2026-06'
    await settle()
    useLiveStore().revision++
    await settle()
    expect(api.fetchScorecards.mock.calls).toEqual([['district', '2026-06'], ['district', '2026-06']])
  })

  it('says what the server refused', async () => {
    api.fetchScorecards.mockRejectedValue(new CallError(400, 'invalid_input', 'The campaign began in 2025-12.'))
    const s = useScorecards(shallowRef('2025-07'), shallowRef('village'))
    await settle()
    expect(s.failure.value).toBe('The campaign began in 2025-12.')
  })
})

describe('useScoreDrill', () => {
  it('opens a row’s breakdown without asking, a figure’s records with the answer’s month and level, and goes back', async () => {
    const scored = shallowRef<Scorecards | undefined>(answer('2026-05', 'district'))
    const records = { month: '2026-05', level: 'district', id: 'd1', name: 'd1', measure: 'overdue', numerator: 2, denominator: 2, records: [] }
    api.fetchScorecardDrill.mockResolvedValue(records)
    const drill = useScoreDrill(scored)
    await drill.open(row('d1'))
    expect(drill.target.value).toEqual({ row: row('d1') })
    expect(api.fetchScorecardDrill).not.toHaveBeenCalled()
    await drill.open(row('d1'), 'overdue')
    expect(api.fetchScorecardDrill).toHaveBeenCalledWith({ month: '2026-05', level: 'district', id: 'd1', measure: 'overdue' })
    expect(drill.records.value).toEqual(records)
    await drill.back()
    expect(drill.target.value).toEqual({ row: row('d1') })
    expect(drill.records.value).toBeUndefined()
  })

  it('closes when another month comes in: the open row was the old month’s', async () => {
    const scored = shallowRef<Scorecards | undefined>(answer('2026-05'))
    const drill = useScoreDrill(scored)
    await drill.open(row('v1'))
    scored.value = answer('2026-05')
    await settle()
    expect(drill.target.value).toBeDefined()
    scored.value = answer('2026-04')
    await settle()
    expect(drill.target.value).toBeUndefined()
  })
})

describe('useIndicatorEditor', () => {
  it('drafts the current table, saves the draft as the next version and tells the tab to score again', async () => {
    api.fetchIndicatorTable.mockResolvedValue(defaultIndicatorTable)
    const saved = { ...defaultIndicatorTable, version: 2, redLine: 65 }
    api.saveIndicatorTable.mockResolvedValue(saved)
    const onSaved = vi.fn()
    const editor = useIndicatorEditor(onSaved)
    await editor.load()
    expect(editor.draft.value).toEqual({ weights: defaultIndicatorTable.weights, points: defaultIndicatorTable.points, redLine: 60 })
    await editor.save({ ...editor.draft.value!, redLine: 65 })
    expect(api.saveIndicatorTable).toHaveBeenCalledWith({ weights: defaultIndicatorTable.weights, points: defaultIndicatorTable.points, redLine: 65 })
    expect(editor.savedVersion.value).toBe(2)
    expect(editor.table.value).toEqual(saved)
    expect(onSaved).toHaveBeenCalledTimes(1)
  })

  it('keeps the table and names the field the server refused', async () => {
    api.fetchIndicatorTable.mockResolvedValue(defaultIndicatorTable)
    api.saveIndicatorTable.mockRejectedValue(new CallError(400, 'invalid_input', 'Invalid table.', [{ field: 'weights.coverage', message: 'at most 100' }]))
    const onSaved = vi.fn()
    const editor = useIndicatorEditor(onSaved)
    await editor.load()
    await editor.save({ ...editor.draft.value!, weights: { ...defaultIndicatorTable.weights, coverage: 500 } })
    expect(editor.failure.value).toBe('Invalid table. (weights.coverage: at most 100)')
    expect(editor.table.value).toEqual(defaultIndicatorTable)
    expect(onSaved).not.toHaveBeenCalled()
  })
})
