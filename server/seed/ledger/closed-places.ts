import { REOPEN_DAYS } from '../../domain/accountability'
import type { Spot } from './placement'

/** Read once: an imported binding is a getter call in the transpiled module, and this is read per close-out looked at. */
const WITHIN_DAYS = REOPEN_DAYS

/**
 * Where each item was closed out and when: at its site, and in a cell of about 50 m. A return is
 * sought at the same site or in the cell and its eight neighbours, so nothing within 50 m escapes
 * (accountability.ts pairs the same site or within REOPEN_METRES; a little farther is no harm here).
 *
 * The ledger asks in order of the day found, so reopens() takes found days that never decrease
 * (it throws otherwise): a close-out more than REOPEN_DAYS before the day asked about can match no
 * later question either, and is dropped from its list. Each list is kept in order of the day, so a
 * question reads one close-out past the dropped ones, where it read every close-out before.
 */
export class ClosedPlaces {
  /** item → site id → the days it was closed out there, in order */
  private readonly atSite = new Map<string, Map<string, number[]>>()
  /** item → cell (cell()) → the days it was closed out there, in order */
  private readonly inCell = new Map<string, Map<number, number[]>>()
  private lastFound = -Infinity
  /** The last question and its answer, until a close-out is added. */
  private readonly last: { item: string; spot: Spot | null; day: number; answer: boolean } = { item: '', spot: null, day: 0, answer: false }
  private static readonly LON = 0.0006
  private static readonly LAT = 0.00045
  /** The first cell placed: cells are counted from it, so a cell's key is a small integer. */
  private x0 = NaN
  private y0 = NaN
  /**
   * A cell's column and row as one number, looked up nine times a hazard without making strings: each
   * counted from the first cell's, within ±8,190 (about 4° either way, many times the county), so
   * the key stays a small integer that a Map hashes unboxed, and no two cells share one.
   */
  private cell(lon: number, lat: number): number {
    const x = Math.round(lon / ClosedPlaces.LON)
    const y = Math.round(lat / ClosedPlaces.LAT)
    if (Number.isNaN(this.x0)) [this.x0, this.y0] = [x, y]
    const cx = x - this.x0 + 8192
    const cy = y - this.y0 + 8192
    if (cx < 1 || cx > 16382 || cy < 1 || cy > 16382) throw new Error(`a place at ${lon}, ${lat} is more than 4° from the first: beyond what ClosedPlaces counts cells in`)
    return cx * 16384 + cy
  }
  private static push<K>(byItem: Map<string, Map<K, number[]>>, item: string, key: K, closedDay: number): void {
    let places = byItem.get(item)
    if (!places) byItem.set(item, (places = new Map()))
    const list = places.get(key)
    if (!list) {
      places.set(key, [closedDay])
      return
    }
    // Kept in order of the day: a close-out is mostly the latest, so it is placed from the end.
    let i = list.length
    list.push(closedDay)
    for (; i > 0 && list[i - 1]! > closedDay; i--) list[i] = list[i - 1]!
    list[i] = closedDay
  }
  /**
   * Whether a close-out in `days` (in order of the day) lies within REOPEN_DAYS before `found`,
   * that day included. Those before that can match no later question, and are dropped first: the
   * first left is the earliest that could match, and matches unless it is after `found`.
   */
  private static within(days: number[] | undefined, found: number): boolean {
    if (days === undefined) return false
    let stale = 0
    while (stale < days.length && found - days[stale]! > WITHIN_DAYS) stale++
    if (stale > 0) days.splice(0, stale)
    return days.length > 0 && days[0]! <= found
  }
  add(item: string, spot: Spot, closedDay: number): void {
    this.last.spot = null
    if (spot.site) ClosedPlaces.push(this.atSite, item, spot.site.id, closedDay)
    ClosedPlaces.push(this.inCell, item, this.cell(spot.location[0], spot.location[1]), closedDay)
  }
  /** Whether `item` was closed out at the spot's site or within about 50 m in the REOPEN_DAYS before `foundDay`; found days never decrease. */
  reopens(item: string, spot: Spot, foundDay: number): boolean {
    const { last } = this
    // A hazard asks the same question again as it is placed (before and after drawing anew): answered once.
    if (last.spot === spot && last.item === item && last.day === foundDay) return last.answer
    last.answer = this.answer(item, spot, foundDay)
    last.item = item
    last.spot = spot
    last.day = foundDay
    return last.answer
  }
  private answer(item: string, spot: Spot, foundDay: number): boolean {
    if (foundDay < this.lastFound) throw new Error(`closed places asked about day ${foundDay} after day ${this.lastFound}`)
    this.lastFound = foundDay
    if (spot.site && ClosedPlaces.within(this.atSite.get(item)?.get(spot.site.id), foundDay)) return true
    const cells = this.inCell.get(item)
    if (!cells) return false
    const key = this.cell(spot.location[0], spot.location[1])
    for (let dx = -16384; dx <= 16384; dx += 16384) for (let dy = -1; dy <= 1; dy++) if (ClosedPlaces.within(cells.get(key + dx + dy), foundDay)) return true
    return false
  }
}
