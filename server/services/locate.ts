import { booleanPointInPolygon } from '@turf/turf'
import Flatbush from 'flatbush'
import type { AreaRecord } from '../store/types'

/**
 * Finds the grid cell holding a point: an R-tree over the cells' boxes, then an exact
 * point-in-polygon test on the few candidates. Areas come from the point, never from the client.
 */
export class GridLocator {
  private readonly index: Flatbush | null
  constructor(private readonly grids: readonly AreaRecord[]) {
    if (grids.length === 0) {
      this.index = null
      return
    }
    this.index = new Flatbush(grids.length)
    for (const g of grids) this.index.add(...g.bbox)
    this.index.finish()
  }

  locate(point: [number, number]): AreaRecord | undefined {
    if (!this.index) return undefined
    const [x, y] = point
    for (const i of this.index.search(x, y, x, y)) {
      const grid = this.grids[i]!
      if (booleanPointInPolygon(point, grid.geometry)) return grid
    }
    return undefined
  }
}
