import { type Division, placeName, shortName } from './divisions'
import { partition, relaxedSeeds } from './partition'
import { type Parts, type Pt, inParts, metres, metresPerDegree, partsArea } from './planar'
import { gridCounts, householdsOf, shares, villagePopulation } from './population'
import type { Rng } from './random'
import { type Hills, hilliness, hillsOf } from './terrain'
import type { TownshipSetting } from './townships'

export interface VillagePlan {
  division: Division
  seed: Pt
  parts: Parts
  population: number
  households: number
  grids: { parts: Parts; population: number; households: number }[]
}

export interface TownPlan {
  division: Division
  setting: TownshipSetting
  parts: Parts
  villages: VillagePlan[]
  seatIndex: number
  hills: Hills | null
}

/** 街道 and the development zone are urban; their committees are city communities. */
export const isUrban = (code: string): boolean => /^370283(00\d|400)$/.test(code)

/** Names of villages that sit in the hills (嶅莱山, 冰石涧, 九里夼 …). */
const hillWords = /[山岭涧夼崖峪岗顶]/

/** Villages, their population and grid cells for one township, in floating-point coordinates. */
export function planTown(division: Division, setting: TownshipSetting, parts: Parts, members: Division[], rng: Rng): TownPlan {
  const hills = setting.hills ? hillsOf(parts, setting.seat, setting.hills.bearing, rng.fork('hills')) : null
  const seeds = relaxedSeeds(parts, members.length, rng.fork('village-seeds'))
  const seatTarget = inParts(setting.seat, parts) ? setting.seat : (seeds[0] as Pt)
  const seatSeed = seeds.reduce((best, s, i) => (metres(s, seatTarget) < metres(seeds[best] as Pt, seatTarget) ? i : best), 0)
  const seatVillage = seatDivision(division, members)

  // the seat takes the seed at the township seat; hill-named villages the hilliest seeds; the rest at random
  const free = seeds.map((_, i) => i).filter((i) => i !== seatSeed)
  const byHills = free.slice().sort((a, b) => hilliness(hills, seeds[b] as Pt) - hilliness(hills, seeds[a] as Pt) || a - b)
  const others = members.filter((m) => m !== seatVillage)
  const hilly = hills ? others.filter((m) => hillWords.test(shortName(m.name))) : []
  const seedOf = new Map<Division, number>([[seatVillage, seatSeed]])
  hilly.forEach((m, i) => seedOf.set(m, byHills[i] as number))
  const rest = rng.fork('assign').shuffle(free.filter((i) => ![...seedOf.values()].includes(i)))
  others.filter((m) => !seedOf.has(m)).forEach((m, i) => seedOf.set(m, rest[i] as number))

  const villageSeeds = members.map((m) => seeds[seedOf.get(m) ?? -1] as Pt)
  const cells = partition(parts, villageSeeds)
  const popRng = rng.fork('population')
  const townKm2 = (partsArea(parts) * metresPerDegree ** 2) / 1e6
  const populations = members.map(() => villagePopulation(popRng, isUrban(division.code), townKm2, members.length))
  // the seat (镇驻地) is the township's biggest place
  const seatAt = members.indexOf(seatVillage)
  const largestOther = Math.max(0, ...populations.filter((_, i) => i !== seatAt))
  populations[seatAt] = Math.max(populations[seatAt] ?? 0, Math.round(largestOther * 1.15))
  const { counts } = gridCounts(populations)
  const villages = members.map((m, i): VillagePlan => {
    const vRng = rng.fork(`village-${m.code}`)
    const population = populations[i] ?? 0
    const households = householdsOf(population, vRng)
    const vParts = cells[i] ?? []
    const k = counts[i] ?? 2
    const gridSeeds = relaxedSeeds(vParts, k, vRng, 3)
    const gridParts = partition(vParts, gridSeeds)
    const weights = gridParts.map(() => vRng.range(0.7, 1.3))
    const pops = shares(population, weights)
    const hhs = shares(households, weights)
    return {
      division: m,
      seed: villageSeeds[i] as Pt,
      parts: vParts,
      population,
      households,
      grids: gridParts.map((g, j) => ({ parts: g, population: pops[j] ?? 0, households: hhs[j] ?? 0 })),
    }
  })
  return { division, setting, parts, villages, seatIndex: members.indexOf(seatVillage), hills }
}

/** The village named like the township (旧店村 for 旧店镇); failing that, the first by code. */
function seatDivision(town: Division, members: Division[]): Division {
  const name = placeName(town.name)
  const seat = members.find((m) => placeName(m.name) === name) ?? members.find((m) => placeName(m.name).startsWith(name)) ?? members[0]
  if (!seat) throw new Error(`township ${town.code} has no villages`)
  return seat
}
