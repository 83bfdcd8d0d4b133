import { along, distanceToLine, lineLength } from './lines'
import { type Parts, type Pt, inParts, metres } from './planar'
import type { Rng } from './random'
import { blob, offset } from './terrain'

export interface Reservoir {
  name: string
  parts: Parts
  /** where the dam holds the water back: the downstream end */
  dam: Pt
}

/**
 * A river from its source, wandering about its general direction in 250 m steps until it leaves the
 * county, then smoothed. The same course serves both scopes; each clips it to its own root.
 */
export function traceRiver(source: Pt, flowBearing: number, county: Parts, rng: Rng): Pt[] {
  const walk: Pt[] = [source]
  let heading = flowBearing
  for (let step = 0; step < 400 && inParts(walk[walk.length - 1] as Pt, county); step++) {
    heading = flowBearing + 0.75 * (heading - flowBearing) + rng.normal() * 14
    walk.push(offset(walk[walk.length - 1] as Pt, heading, 250))
  }
  return smooth(walk, 3)
}

/** Chaikin corner cutting: turns a random walk into a river-like curve. */
function smooth(line: Pt[], rounds: number): Pt[] {
  let out = line
  for (let r = 0; r < rounds; r++) {
    const next: Pt[] = [out[0] as Pt]
    for (let i = 0; i + 1 < out.length; i++) {
      const a = out[i] as Pt
      const b = out[i + 1] as Pt
      next.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]], [0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]])
    }
    next.push(out[out.length - 1] as Pt)
    out = next
  }
  return out
}

/** On the river's upper course, as far from villages and the trunk road as the valley allows. */
export function placeReservoir(river: Pt[], town: Parts, villages: { name: string; at: Pt }[], mainLines: Pt[][], rng: Rng): Reservoir | null {
  const len = lineLength(river)
  if (len < 2000) return null
  let best: { p: Pt; bearing: number; room: number } | null = null
  for (let m = 800; m < len * 0.6; m += 200) {
    const { p, bearing } = along(river, m)
    const room = Math.min(...villages.map((v) => metres(v.at, p)), ...mainLines.map((l) => distanceToLine(p, l)))
    if (!best || room > best.room) best = { p, bearing, room }
  }
  if (!best) return null
  let size = Math.min(900, Math.max(300, best.room * 0.45))
  const wobble = rng.range(0.08, 0.16)
  const phase = rng.fork('reservoir')
  for (let tries = 0; tries < 8; tries++, size *= 0.8) {
    const ring = blob(best.p, size, size * 0.4, best.bearing, phase.fork(String(tries)), wobble)
    const parts: Parts = [[ring]]
    if (!ring.every((q) => inParts(q, town)) || villages.some((v) => inParts(v.at, parts))) continue
    const nearest = villages.slice().sort((a, b) => metres(a.at, best.p) - metres(b.at, best.p))[0]
    const dam = offset(best.p, best.bearing, size * 0.75)
    return { name: `${nearest?.name ?? ''}水库`, parts, dam }
  }
  return null
}
