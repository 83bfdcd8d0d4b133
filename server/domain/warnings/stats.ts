/**
 * The numbers the early-warning detectors (issue 14) stand on: tail probabilities, the false-discovery
 * rate, Mann–Kendall and Sen, Getis-Ord Gi*, and a seeded generator for simulations. Pure, no I/O,
 * deterministic; each is tested against textbook and scipy values (tests/server/warnings/stats.test.ts).
 */

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)
const EPS = 1e-16
const TINY = 1e-300

// ---------------------------------------------------------------------------------------------
// Gamma function and the regularised incomplete gamma
// ---------------------------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]

/** ln Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const y = x - 1
  let a = LANCZOS[0]!
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (y + i)
  const t = y + 7.5
  return LN_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The series for P(a, x), good while x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let ap = a
  let del = 1 / a
  let sum = del
  for (let i = 0; i < 100_000; i++) {
    ap += 1
    del *= x / ap
    sum += del
    if (Math.abs(del) < Math.abs(sum) * EPS) break
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a))
}

/** Lentz's continued fraction for Q(a, x), good while x ≥ a + 1; relative-accurate in the far tail. */
function gammaFraction(a: number, x: number): number {
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < EPS) break
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h
}

/** The regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x)
}

/** The regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in its own tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x)
}

// ---------------------------------------------------------------------------------------------
// Normal and Poisson tails
// ---------------------------------------------------------------------------------------------

/** P(Z > z) for a standard normal Z: the one-sided p of a z-score (erfc(z/√2)/2 = Q(½, z²/2)/2). */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN
  if (z === Infinity) return 0
  if (z === -Infinity) return 1
  const upper = 0.5 * gammaQ(0.5, (z * z) / 2)
  return z >= 0 ? upper : 1 - upper
}

/** Two-sided p of a z-score. */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)))
}

/** ln n! exactly summed for small n (Loader's Stirling error needs it where the series is poor). */
const LN_FACTORIAL_SMALL: number[] = (() => {
  const out = [0]
  for (let n = 1; n <= 15; n++) out.push(out[n - 1]! + Math.log(n))
  return out
})()

/** ln n! − ((n + ½) ln n − n + ln √(2π)): the error of Stirling's formula (Loader 2000). */
function stirlingError(n: number): number {
  if (n <= 15) return LN_FACTORIAL_SMALL[n]! - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI
  const nn = n * n
  const S0 = 1 / 12, S1 = 1 / 360, S2 = 1 / 1260, S3 = 1 / 1680, S4 = 1 / 1188
  if (n > 500) return (S0 - S1 / nn) / n
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
}

/** x ln(x/m) + m − x without cancellation when x ≈ m (Loader 2000). */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m)
    let s = (x - m) * v
    let ej = 2 * x * v
    v *= v
    for (let j = 1; j < 1000; j++) {
      ej *= v
      const s1 = s + ej / (2 * j + 1)
      if (s1 === s) return s1
      s = s1
    }
    return s
  }
  return x * Math.log(x / m) + m - x
}

/** P(X = x) for X ~ Poisson(λ), x a whole number; Loader's saddle-point form, accurate to the last digits. */
export function poissonPmf(x: number, lambda: number): number {
  if (x < 0 || !Number.isInteger(x)) return 0
  if (lambda <= 0) return x === 0 ? 1 : 0
  if (x === 0) return Math.exp(-lambda)
  return Math.exp(-stirlingError(x) - deviance(x, lambda)) / Math.sqrt(2 * Math.PI * x)
}

/**
 * The exact Poisson upper tail P(X ≥ x | λ). Summed outward from the nearer end so every term is
 * positive and no tail is a difference of near-equal numbers: above the mean the terms after x fall
 * (ratio λ/k < 1); at or below it, 1 − P(X ≤ x − 1) where that lower tail is itself at most about ½.
 */
export function poissonUpperTail(x: number, lambda: number): number {
  const k0 = Math.ceil(x)
  if (k0 <= 0) return 1
  if (lambda <= 0) return 0
  if (k0 > lambda) {
    let term = poissonPmf(k0, lambda)
    let sum = term
    for (let k = k0 + 1; term > sum * 1e-17; k++) {
      term *= lambda / k
      sum += term
    }
    return sum
  }
  let term = poissonPmf(k0 - 1, lambda)
  let lower = term
  for (let k = k0 - 1; k > 0 && term > lower * 1e-17; k--) {
    term *= k / lambda
    lower += term
  }
  return Math.max(0, 1 - lower)
}

/** The continued fraction of the incomplete beta (modified Lentz; Numerical Recipes' betacf). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < EPS) break
  }
  return h
}

/** The regularised incomplete beta I_x(a, b), each side from the fraction that converges there (relative-accurate in the near tail). */
export function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x))
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/** P(X ≥ k) for X ~ Binomial(n, p) = I_p(k, n − k + 1). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1
  if (k > n) return 0
  return betaI(k, n - k + 1, p)
}

/** P(X ≤ k) for X ~ Binomial(n, p) = I_{1−p}(n − k, k + 1). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k < 0) return 0
  if (k >= n) return 1
  return betaI(n - k, k + 1, 1 - p)
}

// ---------------------------------------------------------------------------------------------
// Multiple testing
// ---------------------------------------------------------------------------------------------

/**
 * Benjamini–Hochberg q-values (R's p.adjust(p, "BH")): q of the i-th smallest of m p-values is
 * min over j ≥ i of m·p(j)/j, at most 1. NaN p-values count as 1.
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const m = p.length
  const q = new Float64Array(m)
  if (m === 0) return q
  // A numeric typed-array sort (no comparator: the detectors call this for every bin of every cube).
  const sorted = Float64Array.from(p, (v) => (Number.isNaN(v) ? 1 : v)).sort()
  const qSorted = new Float64Array(m)
  let running = 1
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (m * sorted[r]!) / (r + 1))
    qSorted[r] = running
  }
  // Tied p-values share one q (the running minimum makes it so), so any rank of a value will do.
  for (let i = 0; i < m; i++) {
    const v = Number.isNaN(p[i]!) ? 1 : p[i]!
    let lo = 0
    let hi = m - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid]! < v) lo = mid + 1
      else hi = mid
    }
    q[i] = qSorted[lo]!
  }
  return q
}

/**
 * Which of m tests the Benjamini–Hochberg procedure rejects at level α (q < α), without the
 * q-values: the step-up rule on the p-values below α alone (only they can have q < α, as q ≥ p),
 * so the cost is that of sorting the few small ones. 1 rejected, 0 not.
 */
export function benjaminiHochbergRejects(p: ArrayLike<number>, alpha: number): Uint8Array {
  const m = p.length
  const rejects = new Uint8Array(m)
  const small: number[] = []
  for (let i = 0; i < m; i++) if (p[i]! < alpha) small.push(i)
  small.sort((a, b) => p[a]! - p[b]! || a - b)
  // the largest rank r with m·p(r)/r < α: every test up to it is rejected
  let last = -1
  for (let r = 0; r < small.length; r++) if ((m * p[small[r]!]!) / (r + 1) < alpha) last = r
  for (let r = 0; r <= last; r++) rejects[small[r]!] = 1
  return rejects
}

// ---------------------------------------------------------------------------------------------
// Trend: Mann–Kendall and Sen
// ---------------------------------------------------------------------------------------------

export interface MannKendall {
  /** Σ sign(x_j − x_i) over i < j */
  s: number
  /** Var(S) with the tie correction: [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 */
  variance: number
  /** Kendall's τ-b against time: S / √((n₀ − n₁)·n₀), n₀ = n(n−1)/2, n₁ = Σ t(t−1)/2 over tied groups */
  tau: number
  /** the continuity-corrected z: (S − sign S)/√Var(S) */
  z: number
  /** two-sided p of z */
  p: number
}

/**
 * The Mann–Kendall trend test of a series in time order (oldest first), with the normal
 * approximation, the continuity correction and the tie correction (Hipel & McLeod 1994; the same
 * as pymannkendall's original_test). A flat or too-short series gives S = 0, τ = 0, p = 1.
 */
export function mannKendall(series: ArrayLike<number>): MannKendall {
  const n = series.length
  let s = 0
  for (let i = 0; i < n - 1; i++) {
    const xi = series[i]!
    for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - xi)
  }
  // Tied groups: sort a copy and count runs of equal values.
  const sorted = Float64Array.from(series).sort()
  let tieVar = 0
  let tiePairs = 0
  for (let i = 0; i < n; ) {
    let j = i + 1
    while (j < n && sorted[j] === sorted[i]) j++
    const t = j - i
    if (t > 1) {
      tieVar += t * (t - 1) * (2 * t + 5)
      tiePairs += (t * (t - 1)) / 2
    }
    i = j
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieVar) / 18
  const pairs = (n * (n - 1)) / 2
  const tauDenominator = Math.sqrt((pairs - tiePairs) * pairs)
  const tau = tauDenominator > 0 ? s / tauDenominator : 0
  const z = variance > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(variance) : 0
  return { s, variance, tau, z, p: normalTwoSided(z) }
}

/** Sen's slope: the median of (x_j − x_i)/(j − i) over all pairs i < j; 0 for fewer than two points. */
export function senSlope(series: ArrayLike<number>): number {
  const n = series.length
  if (n < 2) return 0
  const slopes = new Float64Array((n * (n - 1)) / 2)
  let k = 0
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) slopes[k++] = (series[j]! - series[i]!) / (j - i)
  slopes.sort()
  const mid = slopes.length >> 1
  return slopes.length % 2 ? slopes[mid]! : (slopes[mid - 1]! + slopes[mid]!) / 2
}

// ---------------------------------------------------------------------------------------------
// Getis-Ord Gi*
// ---------------------------------------------------------------------------------------------

/** The mean and the (population) standard deviation of all n values, as Gi* uses them. */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number; n: number } {
  const n = values.length
  let sum = 0
  let squares = 0
  for (let i = 0; i < n; i++) {
    sum += values[i]!
    squares += values[i]! * values[i]!
  }
  const mean = n ? sum / n : 0
  return { mean, sd: n ? Math.sqrt(Math.max(0, squares / n - mean * mean)) : 0, n }
}

/**
 * Getis-Ord Gi* z for binary weights that include the feature itself (Getis & Ord 1995; ArcGIS's
 * Hot Spot Analysis): (Σ_j w_ij x_j − X̄·W) / (S·√((n·W − W²)/(n − 1))), where the neighbourhood
 * holds `weight` = W features whose values sum to `sum`, and X̄, S are the mean and population
 * standard deviation over all n features. 0 when nothing varies.
 */
export function giStarZ(sum: number, weight: number, mean: number, sd: number, n: number): number {
  const spread = sd * Math.sqrt((n * weight - weight * weight) / (n - 1))
  return spread > 0 ? (sum - mean * weight) / spread : 0
}

/** Gi* z of every feature, given each one's neighbours (itself included by the caller or not: it is added). */
export function giStar(values: ArrayLike<number>, neighbours: ReadonlyArray<readonly number[]>): Float64Array {
  const { mean, sd, n } = meanAndSd(values)
  const z = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sum = values[i]!
    let weight = 1
    for (const j of neighbours[i]!) {
      if (j === i) continue
      sum += values[j]!
      weight++
    }
    z[i] = giStarZ(sum, weight, mean, sd, n)
  }
  return z
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness for simulations
// ---------------------------------------------------------------------------------------------

export type Random = () => number

/** mulberry32: a small, fast 32-bit generator; uniform on [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A Poisson(λ) draw: Knuth's product of uniforms below λ = 10, Hörmann's transformed rejection
 * (PTRS, 1993) above, which costs about one and a half uniforms a draw whatever λ.
 */
export function poissonSample(random: Random, lambda: number): number {
  if (lambda <= 0) return 0
  if (lambda < 10) {
    const limit = Math.exp(-lambda)
    let k = 0
    let product = random()
    while (product > limit) {
      k++
      product *= random()
    }
    return k
  }
  const slam = Math.sqrt(lambda)
  const loglam = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invalpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = random() - 0.5
    const v = random()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lnGamma(k + 1)) return k
  }
}
