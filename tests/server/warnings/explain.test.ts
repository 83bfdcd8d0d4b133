import { describe, expect, it } from 'vitest'
import { explain, formatP } from '../../../server/domain/warnings/explain'
import { runDetectors } from '../../../server/domain/warnings/index'
import { DEFAULT_CALENDAR, type Signal } from '../../../server/domain/warnings/model'
import { buildLedger, gridGeography } from './ledger-builder'

const nancun = { area: { zh: '南村庄', en: 'Nancun' }, cleared: true }

/** A hot spot as detector 1 writes one (numbers as the example). */
const hotSpot: Signal = {
  key: 'hot_spot|cells:G0001|safety_accident|', detector: 'hot_spot', level: 'yellow', ruleId: 'R5',
  area: { kind: 'cells', id: 'G0001', cells: ['G0001'], villageId: 'V00', districtId: 'D0' }, category: 'safety_accident', item: 'road_traffic',
  window: { from: '2026-11-14', to: '2026-11-28' }, observed: 9, expected: 2.1, ratio: 4.29, stats: { z: 3.42, p: 3.2e-4, q: 0.012, tau: 0.62, tauP: 0.0011 },
  streak: 3, slope: 0.8, pattern: 'consecutive', evidence: [], parameters: {}, responsible: { kind: 'lead_unit', id: 'safety' },
}

describe('explanations', () => {
  it('prints p-values as a×10⁻ᵇ below 0.001', () => {
    expect([0.5, 0.012, 0.0042, 0.001, 3.2e-4, 9.7e-5, 2.5e-12, 1e-20].map(formatP)).toEqual(['0.5', '0.012', '0.0042', '0.001', '3×10⁻⁴', '1×10⁻⁴', '3×10⁻¹²', '<10⁻¹⁶'])
  })

  it('explains a hot spot with its counts, Poisson tail, Gi* and pattern, in both languages', () => {
    expect(explain(hotSpot, nancun)).toEqual({
      zh: '南村庄 道路交通安全隐患 近半月 9 起，预期 2.1 起（4.3倍，泊松 p≈3×10⁻⁴），时空检验 z=3.4（q=0.012），连续第 3 个半月为热点',
      en: 'Nancun: road traffic hazards, 9 in the last half-month against 2.1 expected (4.3×, Poisson p ≈ 3×10⁻⁴); space-time z = 3.4 (q = 0.012); a hot spot for 3 half-months running',
    })
    expect(explain({ ...hotSpot, pattern: 'intensifying' }, nancun).zh).toMatch(/，热点持续加剧（Mann-Kendall τ=0.62，p≈0.0011），连续第 3 个半月为热点$/)
    expect(explain({ ...hotSpot, pattern: 'new', streak: 1 }, nancun).en).toMatch(/; a new hot spot$/)
    const everyCategory = explain({ ...hotSpot, category: null, item: null }, nancun)
    expect([everyCategory.zh.slice(0, 16), everyCategory.en.slice(0, 39)]).toEqual(['南村庄 各类隐患 近半月 9 起', 'Nancun: hazards of every category, 9 in'])
  })

  it('explains a rising trend with its CUSUM, streak and Sen slope', () => {
    const rising: Signal = { ...hotSpot, detector: 'rising_trend', ruleId: 'R6', pattern: undefined, stats: { p: 3.2e-5, cusum: 7.31, threshold: 4.2 }, slope: 0.8 }
    expect(explain(rising, nancun)).toEqual({
      zh: '南村庄 道路交通安全隐患 近半月 9 起，预期 2.1 起（4.3倍，泊松 p≈3×10⁻⁵），CUSUM 7.3 超过阈值 4.2，连续第 3 个半月上升，Sen 斜率 +0.8 起/半月',
      en: 'Nancun: road traffic hazards, 9 in the last half-month against 2.1 expected (4.3×, Poisson p ≈ 3×10⁻⁵); CUSUM 7.3 above its threshold 4.2; rising 3 half-months running; Sen slope +0.8 a half-month',
    })
  })

  it('names a confidential item only to a cleared reader; others read its category', () => {
    const keyPersons: Signal = { ...hotSpot, category: 'violent_terror', item: 'key_persons' }
    expect(explain(keyPersons, nancun).zh).toMatch(/^南村庄 重点人员隐患 近半月 9 起/)
    const uncleared = explain(keyPersons, { ...nancun, cleared: false })
    expect(uncleared.zh).toMatch(/^南村庄 暴力恐怖事件类隐患 近半月 9 起/)
    expect(uncleared.en).toMatch(/^Nancun: violent terror hazards, 9 in/)
    expect(JSON.stringify(uncleared)).not.toMatch(/重点人员|Key persons/i)
  })

  it("explains detectors 3–5 from a run's own signals", () => {
    const geo = gridGeography({ cols: 2, rows: 2, since: '2026-01-01' })
    const at = (dx: number) => ({ lon: 120 + dx * 1e-4, lat: 36.8 })
    const l = buildLedger([
      { id: 11, grid: 0, item: 'fire', discovered: '2026-06-01', closed: '2026-06-05', ...at(0) },
      { id: 12, grid: 0, item: 'fire', discovered: '2026-06-10', closed: '2026-06-12', ...at(1) },
      { id: 13, grid: 0, item: 'fire', discovered: '2026-06-20', ...at(2) },
      { id: 21, grid: 1, item: 'food_drug', level: 1, discovered: '2026-06-01', deadline: '2026-06-08' },
      { id: 31, grid: 1, item: 'natural_disasters', discovered: '2026-06-25' },
    ])
    const run = runDetectors(l, geo, { asOf: '2026-06-30', calendar: DEFAULT_CALENDAR, only: ['repeat_site', 'overdue', 'seasonal'] })
    const reasons = Object.fromEntries(run.signals.map((s) => [s.key, explain(s, nancun)]))
    expect(reasons['overdue|hazard:21|safety_accident|food_drug']).toEqual({
      zh: '南村庄 重大食品药品安全隐患 #21 逾期 22 天未整改（整改期限 2026-06-08）',
      en: 'Nancun: major hazard #21 (food and drugs) is 22 days past its rectification deadline (2026-06-08)',
    })
    expect(reasons['repeat_site|site:p:11|safety_accident|fire']).toEqual({
      zh: '南村庄 消防安全隐患 销号后 60 天内在 50 米内（或同一重点部位）复发 2 次（隐患 #11→#12→#13），疑似虚假销号或整改不到位',
      en: 'Nancun: fire safety hazards came back 2 times within 50 m (or at the same key site) within 60 days of a close-out (hazards #11 → #12 → #13): a suspected false close-out or a failed fix',
    })
    expect(reasons['seasonal|town:town|safety_accident|flood']).toEqual({
      zh: '汛期防汛（2026-06-01 至 2026-09-30）进行中：南村庄 自然灾害隐患近半月 1 起，请安监办组织针对性排查',
      en: 'Flood season (2026-06-01 to 2026-09-30) is under way: Nancun found 1 natural disasters hazard in the last half-month; the safety-supervision office to lead focused checks',
    })
    expect(reasons['seasonal|town:town|safety_accident|drowning']!.zh).toBe('夏季防溺水（2026-06-15 至 2026-08-31）进行中：南村庄 自然灾害、公共卫生安全隐患近半月 1 起，请安监办组织针对性排查')
  })

  it('explains a build-up of overdue hazards with its weeks, percentile and what falls due', () => {
    const buildUp: Signal = {
      ...hotSpot, key: 'overdue|unit:safety|safety_accident|', detector: 'overdue', ruleId: 'R3', area: { kind: 'unit', id: 'safety' }, item: null, pattern: undefined,
      observed: 6, expected: 1.8, ratio: 3.43, stats: {}, streak: 3, slope: null, upcoming: [{ id: 2, deadline: '2026-10-02' }],
      parameters: { weekAgo: 4, twoWeeksAgo: 3, percentile: 75, p75: 1.8, weeks: 18, minOverdue: 3, upcomingDays: 7, upcomingCount: 2 },
    }
    expect(explain(buildUp, { area: { zh: '安监办', en: 'Safety-supervision office' }, cleared: true })).toEqual({
      zh: '安监办 逾期未整改隐患 6 起，一周前 4 起、两周前 3 起，连续 3 周上升，高于自身 75% 分位（1.8 起）；未来 7 天另有 2 起到期',
      en: 'Safety-supervision office: 6 hazards overdue, up from 4 a week ago and 3 two weeks ago, rising 3 weeks running and above its own 75th percentile (1.8); 2 more fall due within 7 days',
    })
  })
})
