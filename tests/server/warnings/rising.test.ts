import { describe, expect, it } from 'vitest'
import { toDay } from '../../../server/domain/days'
import { binDays } from '../../../server/domain/warnings/model'
import {
  TABLE_BINS, THRESHOLDS, cusumThreshold, detectRisingTrends, simulateThresholds, windowCusum,
} from '../../../server/domain/warnings/rising'
import { mulberry32 } from '../../../server/domain/warnings/stats'
import { type HazardSpec, buildLedger, gridGeography, poissonLedger } from './ledger-builder'

const AS_OF = toDay('2026-11-30')
const BINS = 12
/** 4 villages of 2 × 2 cells (V00: cells 0,1,4,5; V01: 2,3,6,7; V02: 8,9,12,13; V03: 10,11,14,15), 12 bins of campaign. */
const geo = gridGeography({ cols: 4, rows: 4, since: binDays(AS_OF, BINS - 1)[0] })
const FIRST_CELL = [0, 2, 8, 10]

/** `n` hazards of an item in a village's first cell in bin k, on the bin's last days; ids from `from`. */
function put(village: number, item: string, k: number, n: number, from: number): HazardSpec[] {
  return Array.from({ length: n }, (_, j) => ({ grid: FIRST_CELL[village]!, item, discovered: binDays(AS_OF, k)[1] - (n - 1 - j), id: from + j }))
}

/** Every village: two fire hazards every bin; villages 0–2 one labour dispute every bin (village 3 none). */
function background(): HazardSpec[] {
  const out: HazardSpec[] = []
  for (let k = 0; k < BINS; k++) {
    for (let v = 0; v < 4; v++) {
      out.push(...put(v, 'fire', k, 2, 100_000 + k * 1000 + v * 100))
      if (v < 3) out.push(...put(v, 'labour_disputes', k, 1, 200_000 + k * 1000 + v * 100))
    }
  }
  return out
}

describe('the CUSUM and its threshold table', () => {
  it('S of the window, oldest bin first: [bin0 6, bin1 3, bin2 0] at λ0 = 2 is 9·ln 2 − 4', () => {
    // bin 2: max(0, 0 − 2) = 0; bin 1: 3 ln 2 − 2 = 0.0794; bin 0: + 6 ln 2 − 2
    expect(windowCusum([6, 3, 0], 2)).toBeCloseTo(9 * Math.LN2 - 4, 12)
    expect(windowCusum([0, 0, 9], 2)).toBeCloseTo(9 * Math.LN2 - 2 - 4, 12)
    expect(windowCusum([1, 1, 1], 2)).toBe(0)
  })

  it('reads the table at its grid points, interpolates between them and clamps beyond', () => {
    // λ0 = 2 is row 8; B = 8 column 1; rate 1e-3 the third target
    expect(cusumThreshold(2, 8, 1e-3)).toBe(THRESHOLDS[8]![1]![2])
    // a baseline of 11 bins lies between the 8- and 16-bin columns in 1/B; 20 bins reads the 16-bin one
    const f = (1 / 8 - 1 / 11) / (1 / 8 - 1 / 16)
    expect(cusumThreshold(2, 11, 1e-3)).toBeCloseTo(THRESHOLDS[8]![1]![2]! + f * (THRESHOLDS[8]![2]![2]! - THRESHOLDS[8]![1]![2]!), 12)
    expect(cusumThreshold(2, 20, 1e-3)).toBe(THRESHOLDS[8]![2]![2])
    // halfway between λ0 = 2 and 3 in ln λ0
    const mid = Math.sqrt(6)
    expect(cusumThreshold(mid, 8, 1e-3)).toBeCloseTo((THRESHOLDS[8]![1]![2]! + THRESHOLDS[9]![1]![2]!) / 2, 12)
    // rates beyond the table's take its ends; a tiny λ0 the first row
    expect(cusumThreshold(2, 8, 1e-6)).toBe(THRESHOLDS[8]![1]![4])
    expect(cusumThreshold(2, 8, 0.5)).toBe(THRESHOLDS[8]![1]![0])
    expect(cusumThreshold(0.001, 8, 1e-3)).toBe(THRESHOLDS[0]![1]![2])
  })

  it('the table is what the seeded simulation gives (two entries made again)', () => {
    expect(simulateThresholds(2, 8, TABLE_BINS, 1000 * 8 + 1 + 1)).toEqual(THRESHOLDS[8]![1])
    expect(simulateThresholds(16, 16, TABLE_BINS, 1000 * 14 + 2 + 1)).toEqual(THRESHOLDS[14]![2])
  })

  it('the thresholds rise as the alarm rate falls', () => {
    for (const row of THRESHOLDS) for (const column of row) for (let i = 1; i < column.length; i++) expect(column[i]).toBeGreaterThanOrEqual(column[i - 1]!)
  })
})

describe('detectRisingTrends', () => {
  it('a village whose fire hazards jump from 2 to 8 a half-month for two half-months: a yellow rising trend (R7)', () => {
    const hazards = [...background(), ...put(0, 'fire', 1, 6, 1000), ...put(0, 'fire', 0, 6, 2000)]
    const signals = detectRisingTrends(buildLedger(hazards), geo, AS_OF)
    expect(signals.map((s) => s.key).sort()).toEqual(['rising_trend|village:V00|safety_accident|', 'rising_trend|village:V00|safety_accident|fire'])
    const category = signals.find((s) => s.item === null)!
    // baseline bins 4–11 (B = 8): 16 fire hazards; the town's rate 2 a village a bin → λ0 = (16 + 2) / 9 = 2
    // S = 2·(8 ln 2 − 2) = 7.09; series: 16 (village × category) + 4 fire + 3 labour-dispute items = 23
    expect(category).toMatchObject({
      detector: 'rising_trend',
      level: 'yellow',
      ruleId: 'R7',
      area: { kind: 'village', id: 'V00', districtId: 'D0' },
      category: 'safety_accident',
      item: null,
      window: { from: '2026-11-16', to: '2026-11-30' },
      observed: 8,
      expected: 2,
      ratio: 4,
      streak: 2,
      slope: 0,
      responsible: { kind: 'lead_unit', id: 'safety' },
      parameters: { window: 3, guardBins: 1, baselineBins: 8, shift: 2, priorBins: 1, series: 23, alarmRate: 0.0217, minHazards: 3 },
    })
    expect(category.stats.cusum).toBeCloseTo(2 * (8 * Math.LN2 - 2), 2)
    // 1/46 a bin is above the table's highest rate, 1e-2: its threshold at λ0 = 2, B = 8
    expect(category.stats.threshold).toBe(THRESHOLDS[8]![1]![0])
    // P(X ≥ 8 | 2) (scipy.stats.poisson.sf(7, 2))
    expect(category.stats.p).toBeCloseTo(0.0010967189678587025, 15)
    // the newest ten of bin 0's fire hazards in V00: by day, then id: the background's two share the last two days with the jump's
    expect(category.evidence).toEqual([100_001, 2005, 100_000, 2004, 2003, 2002, 2001, 2000])
  })

  it('from nothing to three: a village with no labour disputes before expects the town\'s rate shrunk, and is orange (R6)', () => {
    const hazards = [...background(), ...put(3, 'labour_disputes', 0, 3, 3000)]
    const signals = detectRisingTrends(buildLedger(hazards), geo, AS_OF)
    expect(signals).toHaveLength(1)
    // town rate: 24 disputes in the baseline over 4 villages × 8 bins = 0.75 → λ0 = 0.75 / 9
    expect(signals[0]).toMatchObject({ key: 'rising_trend|village:V03|mass_incident|', level: 'orange', ruleId: 'R6', observed: 3, expected: 0.08, ratio: 36, streak: 1 })
    expect(signals[0]!.stats.p).toBeLessThan(1e-4)
    expect(signals[0]!.responsible).toEqual({ kind: 'lead_unit', id: 'masswork' })
  })

  it('two hazards are no alarm however quiet the past (at least three in the latest half-month)', () => {
    const two = detectRisingTrends(buildLedger([...background(), ...put(3, 'labour_disputes', 0, 2, 3000)]), geo, AS_OF)
    expect(two).toEqual([])
    expect(detectRisingTrends(buildLedger([...background(), ...put(3, 'labour_disputes', 0, 2, 3000)]), geo, AS_OF, { minHazards: 2 })).toHaveLength(1)
  })

  it('a steady town raises nothing, and hazards reported after the day change nothing', () => {
    expect(detectRisingTrends(buildLedger(background()), geo, AS_OF)).toEqual([])
    const late = put(0, 'fire', 0, 9, 5000).map((h) => ({ ...h, reported: AS_OF + 1 }))
    expect(detectRisingTrends(buildLedger([...background(), ...late]), geo, AS_OF)).toEqual([])
  })

  it('needs eight bins of campaign: three to watch, a gap, four of baseline', () => {
    const young = gridGeography({ cols: 4, rows: 4, since: binDays(AS_OF, 6)[0] })
    expect(detectRisingTrends(buildLedger([...background(), ...put(0, 'fire', 0, 20, 5000)]), young, AS_OF)).toEqual([])
    const eight = gridGeography({ cols: 4, rows: 4, since: binDays(AS_OF, 7)[0] })
    expect(detectRisingTrends(buildLedger([...background(), ...put(0, 'fire', 0, 20, 5000)]), eight, AS_OF).length).toBeGreaterThan(0)
  })
})

describe('detectRisingTrends by simulation: a town of 28 villages, 24 bins of history', () => {
  const town = gridGeography({ cols: 14, rows: 8, villageSize: 2, since: AS_OF - 36 * 15 + 1 })
  const villageOf = new Map(town.villages.map((v, i) => [v.id, i]))
  /** Safety accidents `perVillage` a village a bin on average (villages differ up to 2×), other categories a quarter of it. */
  function ledger(seed: number, perVillage: number, step: { village: number; fromBin: number } | null) {
    const random = mulberry32(seed)
    const villageRate = town.villages.map(() => Math.exp(random() * 1.4 - 0.7))
    return poissonLedger({
      geo: town,
      asOf: AS_OF,
      bins: 36,
      seed,
      items: ['fire', 'road_traffic', 'land_disputes', 'petitioners', 'key_places'],
      rate: (cell, item, bin) => {
        const v = villageOf.get(town.cells[cell]!.villageId)!
        const safety = item === 'fire' || item === 'road_traffic'
        const base = (villageRate[v]! * perVillage) / 4 / (safety ? 2 : 4)
        return base * (step && safety && v === step.village && bin <= step.fromBin ? 2.5 : 1)
      },
    })
  }

  it('a 2.5× step in one village\'s safety accidents (8 a bin) is found within two bins of its start in ≥ 90 % of 20 seeds', () => {
    let found = 0
    for (let seed = 1; seed <= 20; seed++) {
      const village = seed % town.villages.length
      const l = ledger(seed, 8, { village, fromBin: 2 })
      const hit = [2, 1, 0].some((k) => detectRisingTrends(l, town, AS_OF - k * 15).some((s) => s.area.id === town.villages[village]!.id && s.category === 'safety_accident'))
      if (hit) found++
    }
    expect(found).toBeGreaterThanOrEqual(18)
  })

  it('with no step, at most one new alarm a town a month over 20 seeds × 6 months', () => {
    let alarms = 0
    for (let seed = 1; seed <= 20; seed++) {
      const l = ledger(seed + 500, 8, null)
      let before = new Set<string>()
      for (let k = 11; k >= 0; k--) {
        const keys = new Set(detectRisingTrends(l, town, AS_OF - k * 15).map((s) => s.key))
        for (const key of keys) if (!before.has(key)) alarms++
        before = keys
      }
    }
    expect(alarms / (20 * 6)).toBeLessThanOrEqual(1)
  })
})
