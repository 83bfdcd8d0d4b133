import { REOPEN_DAYS } from '../../domain/accountability'
import type { Spot } from './placement'

/**
 * Where each item was closed out and when: at its site, and in a cell of about 50 m. A return is
 * sought at the same site or in the cell and its eight neighbours, so nothing within 50 m escapes
 * (accountability.ts pairs the same site or within REOPEN_METRES; a little farther is no harm here).
 */
export class ClosedPlaces {
  /** item → site id → the days it was closed out there */
  private readonly atSite = new Map<string, Map<string, number[]>>()
  /** item → cell (cellKey) → the days it was closed out there */
  private readonly inCell = new Map<string, Map<number, number[]>>()
  private static readonly LON = 0.0006
  private static readonly LAT = 0.00045
  /**
   * A cell as one number, looked up nine times a hazard without making strings: the row (under
   * 2²¹ in size: any latitude) below 2²², the column above it, exactly (well under 2⁵³).
   */
  private static cellKey(x: number, y: number): number {
    return x * 4_194_304 + y
  }
  private static push<K>(byItem: Map<string, Map<K, number[]>>, item: string, key: K, closedDay: number): void {
    let places = byItem.get(item)
    if (!places) byItem.set(item, (places = new Map()))
    const list = places.get(key)
    if (list) list.push(closedDay)
    else places.set(key, [closedDay])
  }
  add(item: string, spot: Spot, closedDay: number): void {
    if (spot.site) ClosedPlaces.push(this.atSite, item, spot.site.id, closedDay)
    const x = Math.round(spot.location[0] / ClosedPlaces.LON)
    const y = Math.round(spot.location[1] / ClosedPlaces.LAT)
    ClosedPlaces.push(this.inCell, item, ClosedPlaces.cellKey(x, y), closedDay)
  }
  reopens(item: string, spot: Spot, foundDay: number): boolean {
    const within = (days: number[] | undefined) => !!days?.some((closed) => foundDay >= closed && foundDay - closed <= REOPEN_DAYS)
    if (spot.site && within(this.atSite.get(item)?.get(spot.site.id))) return true
    const cells = this.inCell.get(item)
    if (!cells) return false
    const x = Math.round(spot.location[0] / ClosedPlaces.LON)
    const y = Math.round(spot.location[1] / ClosedPlaces.LAT)
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) if (within(cells.get(ClosedPlaces.cellKey(x + dx, y + dy)))) return true
    return false
  }
}
