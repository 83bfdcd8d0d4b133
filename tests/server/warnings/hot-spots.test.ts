import { describe, expect, it } from 'vitest'
import { toDay } from '../../../server/domain/days'
import { type BinSignificance, binsSince, classifyHotSpot, detectHotSpots, emergingPattern } from '../../../server/domain/warnings/hot-spots'
import { BIN_DAYS, binDays } from '../../../server/domain/warnings/model'
import { type HazardSpec, buildLedger, gridGeography } from './ledger-builder'

const AS_OF = toDay('2026-11-30')
const BINS = 12
/** An 8 × 8 grid, 16 villages of 2 × 2, campaign started exactly 12 bins before the as-of day. */
const geo = gridGeography({ cols: 8, rows: 8, since: binDays(AS_OF, BINS - 1)[0] })
/** cell ordinal at row r, column c */
const at = (r: number, c: number) => r * 8 + c
const BLOCK = [at(2, 2), at(2, 3), at(3, 2), at(3, 3)]

/** Every cell: one fire hazard a bin (the middle day), a quiet uniform town. */
function background(): HazardSpec[] {
  const out: HazardSpec[] = []
  for (let k = 0; k < BINS; k++) for (let c = 0; c < 64; c++) out.push({ grid: c, item: 'fire', discovered: binDays(AS_OF, k)[0] + 7 })
  return out
}

/** `n` road-traffic hazards in a cell in bin k, on its last days (the newest last). */
function burst(cell: number, k: number, n: number, from = 0): HazardSpec[] {
  return Array.from({ length: n }, (_, j) => ({ grid: cell, item: 'road_traffic', discovered: binDays(AS_OF, k)[1] - (n - 1 - j) % BIN_DAYS, id: from + j }))
}

const sig = (s: string): BinSignificance[] => [...s].map((ch) => (ch === 'H' ? 1 : ch === 'C' ? -1 : 0))

describe('emerging hot spot patterns (Esri)', () => {
  const none = null
  const up = { tau: 0.6, p: 0.001 }
  const down = { tau: -0.6, p: 0.001 }
  const flat = { tau: 0.1, p: 0.6 }
  it.each([
    ['..........H', none, 'new'],
    ['.........HH', none, 'consecutive'],
    ['......HHHHH', flat, 'consecutive'],
    ['..H......HH', flat, 'sporadic'],
    ['HHHHHHHHHHH', up, 'intensifying'],
    ['.HHHHHHHHHH', up, 'intensifying'],
    ['HHHHHHHHHHH', flat, 'persistent'],
    ['HHHHHHHHHHH', down, 'diminishing'],
    ['HHHHHHHHHH.', flat, 'persistent'],
    ['HHHHHHHHHH.', down, 'historical'],
    ['H.H.H.H...H', flat, 'sporadic'],
    ['C.H.....H.H', flat, 'oscillating'],
    ['..H.......C', flat, null],
    ['...........', flat, null],
  ] as const)('%s with trend %o is %s', (series, trend, pattern) => {
    expect(classifyHotSpot(sig(series), trend)).toBe(pattern)
  })
})

describe('the emerging layer judges new and consecutive over the last QUIET_BINS bins', () => {
  const flat = { tau: 0.1, p: 0.6 }
  it.each([
    // a chance hot bin long ago no longer hides the present run
    ['..H......HH', 'consecutive'],
    ['..H.......H', 'new'],
    ['C.H.....H.H', 'oscillating'], // two bins apart: not after four quiet ones
    ['C.......HHH', 'consecutive'], // a cold bin before the quiet ones
    ['.H....H...H', 'sporadic'], // only three quiet bins before the last
    ['.H....H....H', 'new'],
    // Esri's other patterns stand
    ['..........H', 'new'],
    ['HHHHHHHHHHH', 'persistent'],
    ['..H.......C', null],
  ] as const)('%s is %s', (series, pattern) => {
    expect(emergingPattern(sig(series), flat)).toBe(pattern)
  })
})

describe('the bins a detector counts', () => {
  it('only whole bins after the campaign began, at most 24', () => {
    expect(binsSince(AS_OF, AS_OF - 14)).toBe(1)
    expect(binsSince(AS_OF, AS_OF - 13)).toBe(0)
    expect(binsSince(AS_OF, binDays(AS_OF, 11)[0])).toBe(12)
    expect(binsSince(AS_OF, AS_OF - 5000)).toBe(24)
  })
})

describe('detectHotSpots', () => {
  it('a block of four cells with 6 road-traffic hazards each in the latest half-month is ONE new hot spot', () => {
    const ledger = buildLedger([...background(), ...BLOCK.flatMap((c, i) => burst(c, 0, 6, 1000 + i * 10))])
    const { signals, persistent } = detectHotSpots(ledger, geo, AS_OF)
    expect(persistent).toEqual([])
    const traffic = signals.find((s) => s.category === 'safety_accident')!
    expect(traffic).toMatchObject({
      key: 'hot_spot|cells:G0018|safety_accident|',
      detector: 'hot_spot',
      level: 'yellow',
      ruleId: 'R5',
      area: { kind: 'cells', id: 'G0018', cells: ['G0018', 'G0019', 'G0026', 'G0027'], villageId: 'V05', districtId: 'D1' },
      item: null,
      window: { from: '2026-11-16', to: '2026-11-30' },
      observed: 28, // 24 road-traffic + the 4 cells' own fire hazards, all safety accidents
      pattern: 'new',
      streak: 1,
      responsible: { kind: 'lead_unit', id: 'safety' },
    })
    // expected: the cells' 44 earlier hazards + one bin at the cube's mean (792 / 768 a cell-bin) × 4, over 12 bins
    expect(traffic.expected).toBeCloseTo((44 + (792 / 768) * 4) / 12, 2)
    expect(traffic.ratio).toBeCloseTo(28 / ((44 + (792 / 768) * 4) / 12), 2)
    expect(traffic.stats.z).toBeGreaterThan(3)
    expect(traffic.stats.q).toBeLessThan(0.05)
    // the newest ten of bin 0: each block cell's burst ends on the as-of day; ties by id, highest first
    expect(traffic.evidence).toEqual([1035, 1025, 1015, 1005, 1034, 1024, 1014, 1004, 1033, 1023])
    expect(traffic.parameters).toMatchObject({ alpha: 0.05, bins: 12, minHazards: 3 })
    // All categories: the same cells, answered for by the district
    const all = signals.find((s) => s.category === null)!
    expect(all.key).toBe('hot_spot|cells:G0018|all|')
    expect(all.responsible).toEqual({ kind: 'district', id: 'D1' })
    expect(signals).toHaveLength(2)
  })

  it('counts only hazards known as of the day: reported after it, they change nothing', () => {
    const base = [...background(), ...BLOCK.flatMap((c, i) => burst(c, 0, 6, 1000 + i * 10))]
    const late = BLOCK.flatMap((c, i) => burst(c, 0, 9, 5000 + i * 10)).map((h) => ({ ...h, reported: AS_OF + 1 }))
    const before = detectHotSpots(buildLedger(base), geo, AS_OF)
    const after = detectHotSpots(buildLedger([...base, ...late]), geo, AS_OF)
    expect(after).toEqual(before)
  })

  it('a quiet town warns of nothing; two hazards alone are sparse noise, not a hot spot', () => {
    expect(detectHotSpots(buildLedger(background()), geo, AS_OF)).toEqual({ signals: [], persistent: [] })
    const two = detectHotSpots(buildLedger([...background(), ...burst(at(5, 5), 0, 2)]), geo, AS_OF)
    expect(two.signals.filter((s) => s.category === 'safety_accident')).toEqual([])
  })

  it('nothing before a whole bin of the campaign has passed', () => {
    const young = gridGeography({ cols: 8, rows: 8, since: AS_OF - 10 })
    expect(detectHotSpots(buildLedger(burst(at(2, 2), 0, 9)), young, AS_OF)).toEqual({ signals: [], persistent: [] })
  })

  it('a block hot in every half-month is a persistent hot spot, a standing layer and no warning', () => {
    const hazards = [...background()]
    for (let k = 0; k < BINS; k++) BLOCK.forEach((c, i) => hazards.push(...burst(c, k, 5, 10_000 + k * 100 + i * 10)))
    const { signals, persistent } = detectHotSpots(buildLedger(hazards), geo, AS_OF)
    expect(signals).toEqual([])
    const traffic = persistent.find((s) => s.category === 'safety_accident')!
    expect(traffic).toMatchObject({ pattern: 'persistent', ruleId: '', streak: 12, observed: 24, area: { cells: ['G0018', 'G0019', 'G0026', 'G0027'] } })
    expect(traffic.slope).toBe(0)
  })

  it('a block rising above its own past in every half-month is intensifying: orange at three times its own past (R4)', () => {
    // a busier town (ten fire hazards a cell a half-month), so the block stays a small part of it:
    // the emerging layer measures a block against its own past at the town's level
    const hazards: HazardSpec[] = Array.from({ length: 10 }, () => background()).flat().map((h, i) => ({ ...h, id: 100_000 + i }))
    // oldest → newest, per cell: growing by a quarter or more every half-month, so each half-month
    // stands above the block's own past (a block merely busy throughout is standing, not emerging)
    const perCell = [10, 11, 13, 16, 20, 26, 34, 45, 60, 80, 107, 160]
    perCell.forEach((n, i) => {
      const k = BINS - 1 - i
      BLOCK.forEach((c, j) => hazards.push(...burst(c, k, n, 20_000 + k * 100 + j * 40)))
    })
    const { signals } = detectHotSpots(buildLedger(hazards), geo, AS_OF)
    const traffic = signals.find((s) => s.category === 'safety_accident')!
    // all 7 tested bins hot (a bin is tested against at least 4 bins of its own past before its 2-bin window);
    // observed: 4 × (160 + 10 fire hazards) in bin 0
    expect(traffic).toMatchObject({ pattern: 'intensifying', level: 'orange', ruleId: 'R4', streak: 7, observed: 680 })
    expect(traffic.ratio).toBeGreaterThanOrEqual(3)
    expect(traffic.stats.tau).toBeGreaterThan(0)
    expect(traffic.stats.tauP).toBeLessThan(0.05)
    expect(traffic.slope).toBeGreaterThan(0)
  })

  it('keeps its key while the cluster grows by a cell with a lower id: named after the busiest cell', () => {
    // bin 1: the block's two lower cells hot (consecutive from then); bin 0: the upper two join
    const lower = [at(3, 2), at(3, 3)]
    const upper = [at(2, 2), at(2, 3)]
    const hazards = [...background()]
    lower.forEach((c, i) => hazards.push(...burst(c, 1, 7, 30_000 + i * 10), ...burst(c, 0, 8, 31_000 + i * 10)))
    upper.forEach((c, i) => hazards.push(...burst(c, 0, 6, 32_000 + i * 10)))
    const ledger = buildLedger(hazards)
    const before = detectHotSpots(ledger, geo, AS_OF - BIN_DAYS).signals.find((s) => s.category === 'safety_accident')!
    const now = detectHotSpots(ledger, geo, AS_OF).signals.find((s) => s.category === 'safety_accident')!
    expect(before.area).toMatchObject({ kind: 'cells' })
    expect(before.area.kind === 'cells' && before.area.cells).toEqual(['G0026', 'G0027'])
    expect(now.area.kind === 'cells' && now.area.cells).toEqual(['G0018', 'G0019', 'G0026', 'G0027'])
    expect(now.key).toBe(before.key)
    expect(now.key).toBe('hot_spot|cells:G0026|safety_accident|')
  })
})
