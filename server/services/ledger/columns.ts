import { CLOSED, itemCode, levelCode, sourceCode, statusCode } from './codes'
import { toDay } from '../../domain/days'
import type { IndexedHazard } from '../../store/types'

/** The fields of a hazard the index needs (typed by the store port, from the domain). */
export type { IndexedHazard }

/** Seconds since 1970 of an ISO instant; the store's own form (China time, whole seconds) without Date.parse. */
export function instantSeconds(iso: string): number {
  if (iso.length === 25 && iso.endsWith('+08:00') && iso[10] === 'T')
    return toDay(iso) * 86_400 + (+iso.slice(11, 13) - 8) * 3600 + +iso.slice(14, 16) * 60 + +iso.slice(17, 19)
  return Math.floor(Date.parse(iso) / 1000)
}

/** Whole minutes from found (发现) to reported (登记), never negative: what 上报及时率 is judged on. */
export function reportDelayMinutes(foundAt: string, reportedAt: string): number {
  return Math.max(0, Math.floor((instantSeconds(reportedAt) - instantSeconds(foundAt)) / 60))
}

/**
 * Key sites as small numbers for a typed column: ordinal 1, 2, … in the order first met, 0 for
 * none; both ways. A copied row (copyRow) keeps its ordinal: read it through the source table's.
 */
export class SiteOrdinals {
  private readonly ords = new Map<string, number>()
  private readonly ids: string[] = ['']

  /** The site's ordinal, given one on first sight. */
  ordOf(siteId: string | null): number {
    if (siteId === null) return 0
    let ord = this.ords.get(siteId)
    if (ord === undefined) {
      ord = this.ids.push(siteId) - 1
      this.ords.set(siteId, ord)
    }
    return ord
  }

  /** The ordinal of a site already met, without giving one (0 when none). */
  find(siteId: string): number {
    return this.ords.get(siteId) ?? 0
  }

  /** The site of an ordinal; null for 0 or one never given. */
  idOf(ord: number): string | null {
    return ord > 0 ? (this.ids[ord] ?? null) : null
  }

  get size(): number {
    return this.ids.length - 1
  }
}

/**
 * The ledger as typed columns in memory (≈ 56 bytes a hazard), so any combination of the
 * list filters is one tight pass: 500,000 hazards scan in a few milliseconds, and every list,
 * statistic and tile answers from the same predicate.
 */
export class HazardColumns {
  n = 0
  id = new Int32Array(0)
  grid = new Uint16Array(0)
  item = new Uint8Array(0)
  status = new Uint8Array(0)
  level = new Uint8Array(0)
  source = new Uint8Array(0)
  escalated = new Uint8Array(0)
  discovered = new Int32Array(0)
  deadline = new Int32Array(0)
  closed = new Int32Array(0)
  campaign = new Int32Array(0)
  lon = new Float32Array(0)
  lat = new Float32Array(0)
  /** whole minutes from found to reported (≥ 0): 迟报 and 瞒报 are judged on it (domain/accountability.ts) */
  reportDelay = new Int32Array(0)
  /** the China day (toDay) it was reported (登记): early warning reads a hazard as known from then */
  reported = new Int32Array(0)
  /** the day (toDay) of rectifiedAt; 0 while it has none */
  rectified = new Int32Array(0)
  /** the key site's ordinal in `sites`; 0 when it lies at none */
  site = new Int32Array(0)
  readonly sites = new SiteOrdinals()
  private readonly slot = new Map<number, number>()

  constructor(private readonly gridOrd: (areaId: string) => number) {}

  private grow(min: number): void {
    const cap = Math.max(min, Math.ceil(this.id.length * 1.5), 1024)
    const g = <T extends Int32Array | Uint16Array | Uint8Array | Float32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap)
      b.set(a)
      return b
    }
    this.id = g(this.id); this.grid = g(this.grid); this.item = g(this.item); this.status = g(this.status)
    this.level = g(this.level); this.source = g(this.source); this.escalated = g(this.escalated)
    this.discovered = g(this.discovered); this.deadline = g(this.deadline); this.closed = g(this.closed)
    this.campaign = g(this.campaign); this.lon = g(this.lon); this.lat = g(this.lat)
    this.reportDelay = g(this.reportDelay); this.reported = g(this.reported); this.rectified = g(this.rectified); this.site = g(this.site)
  }

  /** Adds a hazard or replaces its columns after a change. */
  upsert(h: IndexedHazard): void {
    let i = this.slot.get(h.id)
    if (i === undefined) {
      if (this.n === this.id.length) this.grow(this.n + 1)
      i = this.n++
      this.slot.set(h.id, i)
    }
    const grid = this.gridOrd(h.areaId)
    if (grid < 0) throw new Error(`hazard ${h.id} lies in unknown grid cell ${h.areaId}`)
    this.id[i] = h.id
    this.grid[i] = grid
    this.item[i] = itemCode.get(h.item) ?? 0
    this.status[i] = statusCode.get(h.status) ?? 0
    this.level[i] = h.level ? (levelCode.get(h.level) ?? 0) : 0
    this.source[i] = sourceCode.get(h.source) ?? 0
    this.escalated[i] = h.escalated ? 1 : 0
    this.discovered[i] = toDay(h.discoveredAt)
    this.deadline[i] = h.deadline ? toDay(h.deadline) : 0
    // A hazard closed without a date (imported) counts as closed on its discovery day.
    this.closed[i] = this.status[i] === CLOSED ? (h.closedAt ? toDay(h.closedAt) : this.discovered[i]!) : 0
    this.campaign[i] = h.campaignId ?? 0
    this.lon[i] = h.location[0]
    this.lat[i] = h.location[1]
    this.reportDelay[i] = reportDelayMinutes(h.foundAt, h.reportedAt)
    this.reported[i] = Math.floor((instantSeconds(h.reportedAt) + 8 * 3600) / 86_400)
    this.rectified[i] = h.rectifiedAt ? toDay(h.rectifiedAt) : 0
    this.site[i] = this.sites.ordOf(h.siteId)
  }

  has(id: number): boolean {
    return this.slot.has(id)
  }

  /** The row holding a hazard, if any. */
  slotOf(id: number): number | undefined {
    return this.slot.get(id)
  }

  /** Appends a copy of another table's row (a journal of changes keeps rows this way); its new row. */
  copyRow(from: HazardColumns, i: number): number {
    if (this.n === this.id.length) this.grow(this.n + 1)
    const k = this.n++
    this.id[k] = from.id[i]!; this.grid[k] = from.grid[i]!; this.item[k] = from.item[i]!; this.status[k] = from.status[i]!
    this.level[k] = from.level[i]!; this.source[k] = from.source[i]!; this.escalated[k] = from.escalated[i]!
    this.discovered[k] = from.discovered[i]!; this.deadline[k] = from.deadline[i]!; this.closed[k] = from.closed[i]!
    this.campaign[k] = from.campaign[i]!; this.lon[k] = from.lon[i]!; this.lat[k] = from.lat[i]!
    this.reportDelay[k] = from.reportDelay[i]!; this.reported[k] = from.reported[i]!; this.rectified[k] = from.rectified[i]!; this.site[k] = from.site[i]!
    return k
  }
}
