import { describe, expect, it } from 'vitest'
import {
  benjaminiHochberg, benjaminiHochbergRejects, binomialLowerTail, binomialUpperTail, gammaP, gammaQ, giStar, giStarZ, lnGamma, mannKendall, meanAndSd, mulberry32, normalSf,
  normalTwoSided, poissonPmf, poissonSample, poissonUpperTail, senSlope,
} from '../../../server/domain/warnings/stats'

/** |got − want| ≤ rel·|want| */
function close(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want))
}

describe('ln Γ and the regularised incomplete gamma', () => {
  it('lnGamma of whole and half numbers: ln (n−1)! and ln(√π)', () => {
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-15)
    close(lnGamma(11), Math.log(3_628_800), 1e-15)
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14)
    // ln 170! summed term by term, an independent way
    let sum = 0
    for (let k = 2; k <= 170; k++) sum += Math.log(k)
    close(lnGamma(171), sum, 1e-14)
  })

  it('P and Q add up to one, and P(1, x) = 1 − e^−x', () => {
    for (const [a, x] of [[0.5, 0.3], [3, 2], [3, 9], [50, 60], [1000, 990]]) close(gammaP(a!, x!) + gammaQ(a!, x!), 1, 1e-14)
    close(gammaP(1, 0.7), 1 - Math.exp(-0.7), 1e-14)
    close(gammaQ(1, 30), Math.exp(-30), 1e-13)
  })
})

describe('normal survival function', () => {
  // scipy.stats.norm.sf; far tails by mpmath erfc(z/√2)/2 at 40 digits
  const cases: Array<[number, number]> = [
    [0, 0.5],
    [1, 0.15865525393145707],
    [1.6448536269514722, 0.05],
    [1.959963984540054, 0.025],
    [3, 0.0013498980316300945],
    [6, 9.865876450376981e-10],
    [10, 7.619853024160526e-24],
    [20, 2.7536241186062337e-89],
    [-1.5, 0.9331927987311419],
  ]
  it.each(cases)('P(Z > %d)', (z, p) => close(normalSf(z), p, 1e-12))
  it('two-sided p doubles the smaller tail', () => {
    close(normalTwoSided(-1.959963984540054), 0.05, 1e-12)
    expect(normalTwoSided(0)).toBe(1)
  })
})

describe('exact Poisson upper tail P(X ≥ x | λ)', () => {
  // mpmath.gammainc(x, 0, λ, regularized=True) at 40 digits (= P(X ≥ x) for X ~ Poisson(λ))
  const cases: Array<[number, number, number]> = [
    [1, 1, 0.6321205588285577],
    [10, 2, 4.6498075017263808e-5],
    [15, 1, 3.0000106665252021e-13],
    [20, 3, 8.3144235881916989e-11],
    [30, 2, 5.855318609378577e-25],
    [40, 5.5, 2.3798741168551638e-21],
    [3, 0.05, 2.0067493624397946e-5],
    [150, 100, 1.88421046603867e-6],
    [900, 1000, 0.99937740221572495],
    [1000, 1000, 0.5042052441802155],
    [1001, 1000, 0.491590632831494],
    [1100, 1000, 9.6263040586655716e-4],
    [1200, 1000, 4.6842038558722808e-10],
    [1300, 1000, 6.8870866654301652e-20],
  ]
  it.each(cases)('P(X ≥ %d | λ = %d) to 1e-10 relative', (x, lambda, p) => close(poissonUpperTail(x, lambda), p, 1e-10))

  it('agrees with the regularised gamma P(x, λ), a second way, over a grid', () => {
    for (const lambda of [0.3, 2, 7.5, 40, 250, 1000]) {
      for (const factor of [0.5, 1, 1.3, 2, 3]) {
        const x = Math.max(1, Math.round(lambda * factor))
        close(poissonUpperTail(x, lambda), gammaP(x, lambda), 1e-10)
      }
    }
  })

  it('edges: P(X ≥ 0) = 1, nothing above a zero mean, the pmf sums to one', () => {
    expect(poissonUpperTail(0, 3)).toBe(1)
    expect(poissonUpperTail(2, 0)).toBe(0)
    let sum = 0
    for (let k = 0; k < 200; k++) sum += poissonPmf(k, 37.5)
    close(sum, 1, 1e-13)
    close(poissonPmf(3, 2), (Math.exp(-2) * 8) / 6, 1e-14)
  })
})

describe('Benjamini–Hochberg q-values', () => {
  it('equal R p.adjust(…, "BH") and scipy false_discovery_control', () => {
    expect(Array.from(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]))).toEqual([0.02, 0.04, 0.04, 0.02])
    const q = benjaminiHochberg([0.2, 0.001, 0.04, 0.04, 0.6, 0.01])
    const want = [0.24, 0.006, 0.06, 0.06, 0.6, 0.03]
    want.forEach((w, i) => close(q[i]!, w, 1e-12))
  })
  it('tied p-values share a q: p.adjust(c(.01, .01, .03, .5), "BH") = .02 .02 .04 .5', () => {
    expect(Array.from(benjaminiHochberg([0.01, 0.01, 0.03, 0.5]))).toEqual([0.02, 0.02, 0.04, 0.5])
  })
  it('the rejections alone are those with q < α', () => {
    const p = [0.2, 0.001, 0.04, 0.04, 0.6, 0.01, 0.0125]
    const q = benjaminiHochberg(p)
    for (const alpha of [0.01, 0.05, 0.07, 0.5]) {
      expect(Array.from(benjaminiHochbergRejects(p, alpha))).toEqual(Array.from(q, (v) => (v < alpha ? 1 : 0)))
    }
  })
  it('never above one, and empty stays empty', () => {
    expect(Array.from(benjaminiHochberg([0.9, 0.95]))).toEqual([0.95, 0.95])
    expect(benjaminiHochberg([]).length).toBe(0)
  })
})

describe('Mann–Kendall and Sen', () => {
  // S and Var(S) by hand; τ-b = scipy.stats.kendalltau(time, x); p = 2·norm.sf(|(S − sign S)/√Var|)
  it('a strictly rising series: S = 15, Var = 28.33, τ = 1, p = 0.00853', () => {
    const mk = mannKendall([1, 2, 3, 4, 5, 6])
    expect(mk.s).toBe(15)
    close(mk.variance, 85 / 3, 1e-15)
    close(mk.tau, 1, 1e-15)
    close(mk.z, 2.630142022557628, 1e-12)
    close(mk.p, 0.008534920414227074, 1e-10)
  })
  it('ties lower the variance: [1,2,2,3,3,3] has S = 11, Var = 23.67, τ-b = 0.8563', () => {
    const mk = mannKendall([1, 2, 2, 3, 3, 3])
    expect(mk.s).toBe(11)
    close(mk.variance, 71 / 3, 1e-15)
    close(mk.tau, 0.8563488385776752, 1e-12)
    close(mk.z, 2.055566129482595, 1e-12)
    close(mk.p, 0.039824355364810694, 1e-10)
  })
  it('a falling series with ties', () => {
    const mk = mannKendall([5, 3, 4, 1, 2, 2, 0, 1])
    expect(mk.s).toBe(-18)
    close(mk.tau, -0.667124384994991, 1e-12)
    close(mk.p, 0.032666787501214156, 1e-10)
  })
  it('a flat series has no trend', () => {
    expect(mannKendall([2, 2, 2, 2, 2, 2])).toMatchObject({ s: 0, tau: 0, z: 0, p: 1 })
  })
  it('Sen slope = scipy.stats.theilslopes', () => {
    expect(senSlope([1, 2, 3, 4, 5, 6])).toBe(1)
    close(senSlope([1, 2, 2, 3, 3, 3]), 0.4, 1e-15)
    close(senSlope([5, 3, 4, 1, 2, 2, 0, 1]), -0.5857142857142856, 1e-12)
    expect(senSlope([4])).toBe(0)
  })
})

describe('Getis-Ord Gi*', () => {
  it('a chain of five with a peak in the middle, by the formula worked by hand', () => {
    // x = [0, 0, 6, 0, 0]: X̄ = 1.2, S = √(36/5 − 1.44) = 2.4; cell 2 with both neighbours: W = 3, Σ = 6
    // z = (6 − 3.6) / (2.4·√((5·3 − 9)/4)) = 2.4 / (2.4·√1.5) = 0.8165
    const z = giStar([0, 0, 6, 0, 0], [[1], [0, 2], [1, 3], [2, 4], [3]])
    close(z[2]!, 1 / Math.sqrt(1.5), 1e-14)
    // cell 0 (W = 2, Σ = 0): (0 − 2.4) / (2.4·√((10 − 4)/4)) = −1/√1.5
    close(z[0]!, -1 / Math.sqrt(1.5), 1e-14)
    // cell 1 (W = 3, Σ = 6) is as hot as the peak
    close(z[1]!, z[2]!, 1e-14)
  })
  it('the summary form equals the full one; nothing varying gives 0', () => {
    const { mean, sd, n } = meanAndSd([0, 0, 6, 0, 0])
    close(giStarZ(6, 3, mean, sd, n), 1 / Math.sqrt(1.5), 1e-14)
    expect(giStar([2, 2, 2], [[1], [0, 2], [1]])[1]).toBe(0)
  })
})

describe('seeded randomness', () => {
  it('mulberry32 repeats its sequence for a seed and differs across seeds', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect(mulberry32(43)()).not.toBe(first[0])
    for (const u of first) expect(u >= 0 && u < 1).toBe(true)
  })

  it.each([0.3, 4, 25, 400])('Poisson(%d) draws have its mean and variance (within 4 standard errors)', (lambda) => {
    const random = mulberry32(7)
    const n = 40_000
    let sum = 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const k = poissonSample(random, lambda)
      sum += k
      squares += k * k
    }
    const mean = sum / n
    const variance = squares / n - mean * mean
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n))
    // Var of the sample variance ≈ (μ4 − σ⁴)/n = (λ + 2λ²)/n for a Poisson
    expect(Math.abs(variance - lambda)).toBeLessThan(4 * Math.sqrt((lambda + 2 * lambda * lambda) / n))
  })

  it('Poisson(25) draws follow its probabilities (χ² over the central values)', () => {
    const random = mulberry32(11)
    const n = 50_000
    const counts = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      const k = poissonSample(random, 25)
      counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    let chi2 = 0
    let cells = 0
    for (let k = 15; k <= 35; k++) {
      const e = n * poissonPmf(k, 25)
      chi2 += ((counts.get(k) ?? 0) - e) ** 2 / e
      cells++
    }
    // 21 cells: the χ²(21) 99.9th percentile is 46.8
    expect(cells).toBe(21)
    expect(chi2).toBeLessThan(46.8)
  })
})

describe('binomial tails (the incomplete beta)', () => {
  /** Σ_{i ≥ k} C(n, i) pⁱ (1 − p)ⁿ⁻ⁱ summed term by term in logs: an independent way */
  function summed(k: number, n: number, p: number): number {
    let lnFact = 0
    const lf = [0]
    for (let i = 1; i <= n; i++) lf.push((lnFact += Math.log(i)))
    let s = 0
    for (let i = Math.max(0, k); i <= n; i++) s += Math.exp(lf[n]! - lf[i]! - lf[n - i]! + i * Math.log(p) + (n - i) * Math.log1p(-p))
    return s
  }
  it.each([
    [3, 10, 0.1],
    [7, 20, 0.125],
    [40, 120, 0.12],
    [30, 200, 0.05],
    [1, 5, 0.3],
    [5, 5, 0.3],
  ])('P(X ≥ %i) and P(X ≤ k) for Binomial(%i, %f)', (k, n, p) => {
    close(binomialUpperTail(k, n, p), summed(k, n, p), 1e-12)
    close(binomialLowerTail(k, n, p), 1 - summed(k + 1, n, p), 1e-12)
  })
  it('the edges: nothing at or below zero, nothing above n', () => {
    expect(binomialUpperTail(0, 5, 0.3)).toBe(1)
    expect(binomialUpperTail(6, 5, 0.3)).toBe(0)
    expect(binomialLowerTail(5, 5, 0.3)).toBe(1)
    expect(binomialLowerTail(-1, 5, 0.3)).toBe(0)
    // P(X ≥ 3 | Binomial(10, 0.1)) = 0.0701908264 (scipy.stats.binom.sf(2, 10, 0.1))
    close(binomialUpperTail(3, 10, 0.1), 0.0701908264, 1e-9)
  })
})
