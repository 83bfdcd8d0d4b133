import { describe, expect, it } from 'vitest'
import type { CheckPlanCoverage, MissedCheck } from '../../../server/domain/contract/check-plans'

type CheckPlanRow = CheckPlanCoverage['rows'][number]
import { missedLines, rowsWorstFirst } from '../../../web/records/coverage'

const row = (r: Partial<CheckPlanRow> & { id: string }): CheckPlanRow => ({ name: r.id, due: 4, done: 4, missed: 0, pending: 0, rate: 1, ...r })
const coverageOf = (rows: CheckPlanRow[]): CheckPlanCoverage => ({
  period: { start: '2026-11-01', end: '2026-11-15' }, bucket: 'half-month', level: 'village', rows,
  totals: { due: 0, done: 0, missed: 0, pending: 0, rate: 0 },
})

describe('coverage rows, worst first', () => {
  it('puts the most missed first, then the lowest share done, then by name; nothing due last', () => {
    const rows = rowsWorstFirst(
      coverageOf([
        row({ id: 'a', name: '甲村' }),
        row({ id: 'none', due: 0, done: 0, rate: 0 }),
        row({ id: 'b', name: '乙村', done: 2, missed: 2, rate: 0.5 }),
        row({ id: 'c', name: '丙村', done: 3, missed: 1, rate: 0.75 }),
        row({ id: 'd', name: '丁村', done: 2, pending: 2, rate: 0.5 }),
      ]),
    )
    expect(rows.map((r) => r.id)).toEqual(['b', 'c', 'd', 'a', 'none'])
  })
})

describe('the 未查 list', () => {
  const missed = (m: Partial<MissedCheck> & { subjectId: string }): MissedCheck => ({
    kind: 'site', subjectName: m.subjectId, villageId: 'v1', districtId: 'd1', unit: 'police', category: 'violent_terror',
    start: '2026-11-02', end: '2026-11-08', rowId: 'v1', ...m,
  })
  const names: Record<string, string> = { v1: '甲村', v2: '乙村', d1: '一管区', d2: '二管区' }

  it('groups the checks by district, village, then period, with the places named', () => {
    const lines = missedLines(
      [
        missed({ subjectId: 's2', villageId: 'v2', districtId: 'd2' }),
        missed({ subjectId: 's1', start: '2026-11-09', end: '2026-11-15' }),
        missed({ subjectId: 'v1', kind: 'self_check', subjectName: '甲村' }),
      ],
      (id) => names[id],
    )
    expect(lines.map((l) => [l.district, l.village, l.kind, l.subject, l.start])).toEqual(
      [
        ['一管区', '甲村', 'self_check', '甲村', '2026-11-02'],
        ['一管区', '甲村', 'site', 's1', '2026-11-09'],
        ['二管区', '乙村', 'site', 's2', '2026-11-02'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!, 'zh-CN') || a[1]!.localeCompare(b[1]!, 'zh-CN') || a[4]!.localeCompare(b[4]!)),
    )
  })

  it('leaves the place empty for a lead unit’s town-wide check', () => {
    const [line] = missedLines([missed({ subjectId: 'police', kind: 'focused', villageId: null, districtId: null, subjectName: '派出所' })], (id) => names[id])
    expect(line).toMatchObject({ village: '', district: '', kind: 'focused', subject: '派出所' })
  })
})
