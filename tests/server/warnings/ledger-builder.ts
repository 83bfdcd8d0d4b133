import { itemIds } from '../../../server/domain/categories'
import { toDay } from '../../../server/domain/days'
import { BIN_DAYS, type WarningGeography, type WarningLedger, binDays } from '../../../server/domain/warnings/model'
import { type Random, mulberry32, poissonSample } from '../../../server/domain/warnings/stats'

/**
 * Tiny synthetic ledgers and geographies for the detectors' tests (issue 14). Shared: H2's tests
 * import it too. Days may be given as YYYY-MM-DD or as days since 1970.
 */

export type DayLike = string | number
const dayOf = (d: DayLike): number => (typeof d === 'number' ? d : toDay(d))

export interface HazardSpec {
  /** grid cell ordinal */
  grid: number
  /** plan item id, e.g. 'road_traffic' */
  item: string
  discovered: DayLike
  /** default: the day it was discovered */
  reported?: DayLike
  closed?: DayLike
  rectified?: DayLike
  deadline?: DayLike
  /** 0 unassessed, 1 major, 2 significant, 3 general, 4 low; default 3 */
  level?: number
  lon?: number
  lat?: number
  site?: number
  /** default: 1-based position in the list */
  id?: number
}

/** A WarningLedger from a list of hazards. */
export function buildLedger(hazards: readonly HazardSpec[]): WarningLedger {
  const n = hazards.length
  const l: WarningLedger & { rectified: Int32Array } = {
    n,
    id: new Int32Array(n),
    grid: new Uint16Array(n),
    item: new Uint8Array(n),
    level: new Uint8Array(n),
    discovered: new Int32Array(n),
    reported: new Int32Array(n),
    closed: new Int32Array(n),
    deadline: new Int32Array(n),
    lon: new Float32Array(n),
    lat: new Float32Array(n),
    site: new Int32Array(n),
    rectified: new Int32Array(n),
  }
  hazards.forEach((h, i) => {
    const code = itemIds.indexOf(h.item)
    if (code < 0) throw new Error(`unknown item ${h.item}`)
    l.id[i] = h.id ?? i + 1
    l.grid[i] = h.grid
    l.item[i] = code
    l.level[i] = h.level ?? 3
    l.discovered[i] = dayOf(h.discovered)
    l.reported[i] = h.reported === undefined ? l.discovered[i] : dayOf(h.reported)
    l.closed[i] = h.closed === undefined ? 0 : dayOf(h.closed)
    l.rectified[i] = h.rectified === undefined ? 0 : dayOf(h.rectified)
    l.deadline[i] = h.deadline === undefined ? 0 : dayOf(h.deadline)
    l.lon[i] = h.lon ?? 0
    l.lat[i] = h.lat ?? 0
    l.site[i] = h.site ?? 0
  })
  return l
}

export interface GridOptions {
  cols: number
  rows: number
  /** a village is a block of this many cells square; default 2 */
  villageSize?: number
  /** villages per district (in village order); default 4 */
  villagesPerDistrict?: number
  since: DayLike
}

/**
 * A rows × cols grid of 1 km² cells, ids G0000… in row order (so id order is ordinal order), each
 * with its 8 surrounding cells as neighbours (sharing a vertex), villages V00… as square blocks,
 * districts D0… grouping villages.
 */
export function gridGeography(o: GridOptions): WarningGeography {
  const size = o.villageSize ?? 2
  const perDistrict = o.villagesPerDistrict ?? 4
  const vCols = Math.ceil(o.cols / size)
  const villageOf = (r: number, c: number) => Math.floor(r / size) * vCols + Math.floor(c / size)
  const nVillages = Math.ceil(o.rows / size) * vCols
  const villages = Array.from({ length: nVillages }, (_, v) => ({
    id: `V${String(v).padStart(2, '0')}`,
    name: `村${v}`,
    districtId: `D${Math.floor(v / perDistrict)}`,
  }))
  const districts = [...new Set(villages.map((v) => v.districtId))].map((id) => ({ id, name: `管区${id.slice(1)}` }))
  const cells = []
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      const neighbours: number[] = []
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr
          const cc = c + dc
          if ((dr || dc) && rr >= 0 && rr < o.rows && cc >= 0 && cc < o.cols) neighbours.push(rr * o.cols + cc)
        }
      }
      const village = villages[villageOf(r, c)]
      cells.push({ id: `G${String(r * o.cols + c).padStart(4, '0')}`, villageId: village!.id, districtId: village!.districtId, neighbours, areaKm2: 1 })
    }
  }
  return { cells, villages, districts, since: dayOf(o.since) }
}

export interface PoissonLedgerOptions {
  geo: WarningGeography
  asOf: DayLike
  /** bins back from the as-of day to generate (bin 0 ends on it) */
  bins: number
  /** mean count of an item in a cell in a bin (bin 0 = latest); may be 0 */
  rate: (cell: number, item: string, bin: number) => number
  /** items to generate; default every item */
  items?: readonly string[]
  seed: number
  /** days between discovery and report: default 0 */
  reportLag?: (random: Random) => number
}

/** A ledger of Poisson counts per cell × item × bin, each hazard on a random day of its bin. */
export function poissonLedger(o: PoissonLedgerOptions): WarningLedger {
  const random = mulberry32(o.seed)
  const asOf = dayOf(o.asOf)
  const specs: HazardSpec[] = []
  const items = o.items ?? itemIds
  for (let bin = o.bins - 1; bin >= 0; bin--) {
    const [first] = binDays(asOf, bin)
    for (let cell = 0; cell < o.geo.cells.length; cell++) {
      for (const item of items) {
        const k = poissonSample(random, o.rate(cell, item, bin))
        for (let j = 0; j < k; j++) {
          const discovered = first + Math.floor(random() * BIN_DAYS)
          specs.push({ grid: cell, item, discovered, reported: discovered + (o.reportLag?.(random) ?? 0) })
        }
      }
    }
  }
  return buildLedger(specs)
}
