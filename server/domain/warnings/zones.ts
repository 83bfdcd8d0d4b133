import { binomialUpperTail } from './stats'

/**
 * The emerging layer's grown zones (emerging.ts): a hot spot of several cells is diluted in any one
 * cell's neighbourhood, so from each cell that already leans hot a zone is grown that shows it.
 */

/**
 * A grown zone holds at most this many cells. Each cell more is more zones to choose among, and the
 * calibration (calibration.ts) prices every choice. Measured on the backtest's ledgers at ten times
 * the demo's volume (20 seeds), at about the same false-warning rate 8 cells found the planted hot
 * spot (3–7 cells) later than 4: 60 % within 2 half-months at 1.03 false hot spots a town a month,
 * against 65 % at 0.92. No zone at all (the neighbourhood's looks alone) did as well within the
 * noise of twenty seeds (70 % within 2 but 90 % within 4, against 95 %, at 0.94); zones are kept for
 * hot spots wider than one neighbourhood.
 */
export const ZONE_MAX = 4

/** What growZone reads: a group's counts by cell and bin, each cell's suffix sums of them, the town's. */
export interface ZoneInput {
  counts: Int32Array
  /** per cell, bins + 1 entries: hazards in bins k … bins − 1 */
  past: Float64Array
  neighbourhoods: number[][]
  bins: number
  /** the town's hazards per bin, and its suffix sums */
  town: Float64Array
  townPast: Float64Array
}

/**
 * AMOEBA (Aldstadt & Getis 2006, Geographical Analysis 38:327–343) on the interaction test: from a
 * seed cell, add the adjacent cell that raises the zone's standardised count most, while it rises, up
 * to ZONE_MAX cells, in bin k with a window of w bins against the bins before the window. Returns the
 * final zone's raw one-sided exact binomial p and its z, null when the zone is not above its
 * expectation. The raw p knows nothing of the growth's choices: the caller's calibration does
 * (calibration.ts). `inZone` is scratch space of one byte per cell, left all zero.
 */
export function growZone(seed: number, input: ZoneInput, k: number, w: number, inZone: Uint8Array): { p: number; z: number } | null {
  const { counts, past, neighbourhoods, bins, town, townPast } = input
  const nw = w === 2 ? town[k]! + town[k + 1]! : town[k]!
  const pi = nw / (nw + townPast[k + 2]!)
  if (pi <= 0 || pi >= 1) return null
  const spread = pi * (1 - pi)
  const zone = [seed]
  inZone[seed] = 1
  let o = counts[seed * bins + k]! + (w === 2 ? counts[seed * bins + k + 1]! : 0)
  let n = o + past[seed * (bins + 1) + k + 2]!
  let z = n > 0 ? (o - n * pi) / Math.sqrt(n * spread) : 0
  while (zone.length < ZONE_MAX) {
    let pick = -1
    let pickZ = z
    let pickO = 0
    let pickN = 0
    for (let m = 0; m < zone.length; m++)
      for (const j of neighbourhoods[zone[m]!]!) {
        if (inZone[j]) continue
        const oj = counts[j * bins + k]! + (w === 2 ? counts[j * bins + k + 1]! : 0)
        const nj = n + oj + past[j * (bins + 1) + k + 2]!
        const zj = (o + oj - nj * pi) / Math.sqrt(nj * spread)
        if (zj > pickZ) {
          pick = j
          pickZ = zj
          pickO = o + oj
          pickN = nj
        }
      }
    if (pick < 0) break
    zone.push(pick)
    inZone[pick] = 1
    o = pickO
    n = pickN
    z = pickZ
  }
  for (const c of zone) inZone[c] = 0
  if (n === 0 || o <= n * pi) return null
  return { p: binomialUpperTail(o, n, pi), z }
}
