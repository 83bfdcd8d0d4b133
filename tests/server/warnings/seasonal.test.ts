import { describe, expect, it } from 'vitest'
import { toDay } from '../../../server/domain/days'
import { activeSeason, detectSeasonal } from '../../../server/domain/warnings/seasonal'
import { DEFAULT_CALENDAR, type SeasonEntry, type WarningGeography, type WarningLedger } from '../../../server/domain/warnings/model'
import { buildLedger, gridGeography } from './ledger-builder'

const entry = (id: string) => DEFAULT_CALENDAR.find((e) => e.id === id)!
const run = (l: WarningLedger, geo: WarningGeography, asOf: string, calendar: readonly SeasonEntry[] = DEFAULT_CALENDAR) =>
  detectSeasonal(l, geo, { asOf, calendar })

describe('detector 5: seasonal reminders', () => {
  it('is active from its lead days before the season to its last day, across the new year', () => {
    const winter = entry('winter_gas') // 11-15 … 03-15, 15 days ahead
    const active = (d: string) => activeSeason(winter, toDay(d)) !== null
    expect(['2026-10-30', '2026-10-31', '2027-01-10', '2027-03-15', '2027-03-16'].map(active)).toEqual([false, true, true, true, false])
    const fireworks = entry('fireworks') // 01-15 … 02-28, 15 days ahead: the reminder starts on 12-31
    expect(['2026-12-30', '2026-12-31'].map((d) => activeSeason(fireworks, toDay(d)) !== null)).toEqual([false, true])
  })

  it("reminds each lead unit of its items in the season, with the last half-month's finds and the same half-month a year before", () => {
    const geo = gridGeography({ cols: 2, rows: 2, since: '2025-01-01' })
    const l = buildLedger([
      { id: 1, grid: 0, item: 'natural_disasters', discovered: '2026-05-10' },
      { id: 2, grid: 3, item: 'natural_disasters', discovered: '2026-05-19' },
      { id: 3, grid: 3, item: 'natural_disasters', discovered: '2026-05-18', reported: '2026-05-21' }, // not known yet
      { id: 4, grid: 3, item: 'natural_disasters', discovered: '2026-05-01' }, // before the half-month
      { id: 5, grid: 1, item: 'natural_disasters', discovered: '2025-05-12' },
      { id: 6, grid: 1, item: 'natural_disasters', discovered: '2025-05-14' },
      { id: 7, grid: 1, item: 'fire', discovered: '2026-05-12' }, // not the season's item
    ])
    // 2026-05-20: flood season (06-01, 15 days ahead) has begun its reminder; drowning (06-15) not yet
    const signals = run(l, geo, '2026-05-20')
    expect(signals).toEqual([
      {
        key: 'seasonal|town:town|safety_accident|flood', detector: 'seasonal', level: 'blue', ruleId: 'R10',
        area: { kind: 'town', id: 'town' }, category: 'safety_accident', item: 'natural_disasters',
        window: { from: '2026-05-06', to: '2026-05-20' }, observed: 2, expected: 2, ratio: 1, stats: {}, streak: null, slope: null,
        evidence: [2, 1],
        parameters: {
          season: 'flood', seasonZh: '汛期防汛', seasonEn: 'Flood season', from: '2026-06-01', to: '2026-09-30', leadDays: 15,
          items: 'natural_disasters', phase: 'ahead', binDays: 15,
        },
        responsible: { kind: 'lead_unit', id: 'safety' },
      },
    ])
  })

  it('expects nothing when the ledger does not reach back a year', () => {
    const geo = gridGeography({ cols: 2, rows: 2, since: '2026-01-01' })
    const [s] = run(buildLedger([{ grid: 0, item: 'fire', discovered: '2026-06-20' }]), geo, '2026-06-25', [entry('straw_burning')])
    expect([s!.observed, s!.expected, s!.ratio, s!.parameters.phase]).toEqual([1, null, null, 'in_season'])
  })

  it('one reminder per town and lead unit: items of one category share it, items of two get one each', () => {
    const base = gridGeography({ cols: 2, rows: 2, villagesPerDistrict: 2, villageSize: 1, since: '2026-01-01' })
    const geo: WarningGeography = {
      ...base,
      towns: [{ id: 'T1', name: '甲镇' }, { id: 'T2', name: '乙镇' }],
      districts: base.districts.map((d, k) => ({ ...d, townId: k === 0 ? 'T1' : 'T2' })),
    }
    const calendar: SeasonEntry[] = [
      entry('winter_gas'),
      { id: 'exam_season', zh: '考试季', en: 'Exam season', from: '06-01', to: '06-10', leadDays: 0, items: ['doctor_education_disputes', 'public_health'] },
    ]
    const l = buildLedger([
      { grid: 0, item: 'production', discovered: '2026-11-20' },
      { grid: 3, item: 'fire', discovered: '2026-11-21' },
      { grid: 3, item: 'fire', discovered: '2026-11-22' },
    ])
    const winter = run(l, geo, '2026-11-25', calendar)
    expect(winter.map((s) => [s.key, s.item, s.observed, s.parameters.items])).toEqual([
      ['seasonal|town:T1|safety_accident|winter_gas', null, 1, 'production,fire'],
      ['seasonal|town:T2|safety_accident|winter_gas', null, 2, 'production,fire'],
    ])
    const exams = run(l, geo, '2027-06-05', calendar)
    expect(exams.map((s) => [s.key, s.responsible.id])).toEqual([
      ['seasonal|town:T1|mass_incident|exam_season', 'masswork'],
      ['seasonal|town:T2|mass_incident|exam_season', 'masswork'],
      ['seasonal|town:T1|safety_accident|exam_season', 'safety'],
      ['seasonal|town:T2|safety_accident|exam_season', 'safety'],
    ])
  })
})
