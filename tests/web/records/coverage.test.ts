import { describe, expect, it } from 'vitest'
import type { Coverage } from '../../../server/domain/stats'
import { uninspectedVillages } from '../../../web/records/coverage'

type Village = Coverage['villages'][number]
const village = (v: Partial<Village> & { villageId: string }): Village => ({
  name: v.villageId, districtId: 'd1', inspected: false, inspections: 0, lastDate: null, ...v,
})
const coverageOf = (villages: Village[]): Coverage => ({
  period: { start: '2026-06-01', end: '2026-06-15' }, villages, covered: villages.filter((v) => v.inspected).length, total: villages.length, rate: 0,
})
const districts: Record<string, string> = { d1: '一管区', d2: '二管区' }

describe('villages not yet inspected', () => {
  it('leaves out the villages already inspected this cycle', () => {
    const rows = uninspectedVillages(coverageOf([village({ villageId: 'a', inspected: true, inspections: 1 }), village({ villageId: 'b' })]), (id) => districts[id])
    expect(rows.map((r) => r.villageId)).toEqual(['b'])
  })

  it('groups them by district name, then by village name', () => {
    const rows = uninspectedVillages(
      coverageOf([village({ villageId: 'x', name: '乙村', districtId: 'd2' }), village({ villageId: 'y', name: '丙村' }), village({ villageId: 'z', name: '甲村' })]),
      (id) => districts[id],
    )
    expect(rows.map((r) => `${r.district}/${r.name}`)).toEqual(['二管区/乙村', '一管区/丙村', '一管区/甲村'].sort((a, b) => a.localeCompare(b, 'zh-CN')))
  })

  it('keeps a village whose district is unknown, with no district name', () => {
    const rows = uninspectedVillages(coverageOf([village({ villageId: 'q', districtId: null })]), () => undefined)
    expect(rows).toEqual([{ villageId: 'q', name: 'q', district: '', lastDate: null }])
  })
})
