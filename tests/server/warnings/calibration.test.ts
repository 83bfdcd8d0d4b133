import { describe, expect, it } from 'vitest'
import {
  CALIBRATION_LEVELS, CALIBRATION_PAST, CALIBRATION_THRESHOLDS, NULL_SHARES, calibratedP,
} from '../../../server/domain/warnings/calibration'
import { hexNeighbourhoods, simulateNullShares } from '../../../server/domain/warnings/calibration-simulation'

/**
 * The emerging layer's calibration (calibration.ts): the table is the null distribution of what the
 * detector computes, read back as a p that means what it says.
 */

describe('the simulated town', () => {
  it('is a hexagonal lattice: six neighbours inside, fewer on the edge, each cell first in its own neighbourhood', () => {
    const hoods = hexNeighbourhoods(5)
    expect(hoods).toHaveLength(25)
    expect(hoods.map((h, c) => h[0] === c)).toEqual(hoods.map(() => true))
    expect(hoods[12]).toHaveLength(7)
    expect(hoods[0]!.length).toBeLessThan(7)
    // adjacency is mutual
    for (const [c, hood] of hoods.entries()) for (const j of hood.slice(1)) expect(hoods[j]).toContain(c)
  })
})

describe('calibratedP', () => {
  it('reads the table at its own entries', () => {
    expect(calibratedP(1e-4, 1)).toBeCloseTo(NULL_SHARES[3]![3]!, 12)
    expect(calibratedP(1e-3, 0.1)).toBeCloseTo(NULL_SHARES[0]![2]!, 12)
    expect(calibratedP(1e-5, 32)).toBeCloseTo(NULL_SHARES[8]![4]!, 12)
  })

  it('is increasing in the statistic, 1 at t = 1, and clamped to the table\'s levels', () => {
    const ts = [1e-12, 1e-9, 1e-7, 3e-6, 1e-4, 0.003, 0.05, 0.3, 0.99, 1]
    for (const level of [0.01, 0.3, 3, 100]) {
      const ps = ts.map((t) => calibratedP(t, level))
      for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeGreaterThan(ps[i - 1]!)
      expect(ps.at(-1)).toBe(1)
    }
    expect(calibratedP(1e-4, 0.01)).toBe(calibratedP(1e-4, CALIBRATION_LEVELS[0]))
    expect(calibratedP(1e-4, 1000)).toBe(calibratedP(1e-4, CALIBRATION_LEVELS.at(-1)!))
  })

  it('costs a statistic far more than its raw p: the looks are many (a raw 10⁻⁵ is a p of about 5 in 10,000)', () => {
    expect(calibratedP(1e-5, 4)).toBeGreaterThan(20 * 1e-5)
    expect(calibratedP(1e-5, 4)).toBeLessThan(1e-3)
  })
})

describe('the table', () => {
  it('is what the simulation gives: a row made again with a tenth of the towns agrees within its noise', () => {
    const row = 4
    const again = simulateNullShares(CALIBRATION_LEVELS[row], CALIBRATION_PAST, 200, 1000 + row, CALIBRATION_THRESHOLDS)
    // the first four columns hold thousands of cells even in 200 towns: within 25 %
    for (let i = 0; i < 4; i++) expect(Math.abs(again[i]! / NULL_SHARES[row]![i]! - 1)).toBeLessThan(0.25)
  }, 60_000)

  it('makes the p valid on towns it was not made from: at most its share of null cells fall below 1 % and 0.1 %', () => {
    // another seed, another level and a shorter past than the table's
    const level = 3
    const shares = simulateNullShares(level, 8, 150, 77, CALIBRATION_THRESHOLDS)
    for (const p of [1e-2, 1e-3]) {
      // the t at which calibratedP reaches p, by bisection in ln t
      let lo = Math.log(1e-12)
      let hi = 0
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2
        if (calibratedP(Math.exp(mid), level) < p) lo = mid
        else hi = mid
      }
      const t = Math.exp(lo)
      const fewer = simulateNullShares(level, 8, 150, 77, [t])[0]!
      expect(fewer).toBeLessThan(p * 1.5)
    }
    expect(shares[0]).toBeGreaterThan(0)
  }, 60_000)
})
