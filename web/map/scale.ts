/**
 * The zoom at which the whole town fills the window. Label and line thresholds are set relative
 * to it, so a small town and a large one both open with districts and villages named, whatever
 * the screen.
 */
export interface TownScale {
  townZoom: number
}

export const defaultTownScale: TownScale = { townZoom: 12 }

/** Zoom bands of the area labels, in zoom levels relative to the town's. */
export function labelZooms({ townZoom }: TownScale) {
  return {
    /** Districts name the town as a whole; they give way once villages fill the screen. */
    districtMax: townZoom + 1.5,
    villageMin: townZoom - 0.5,
    /** Grid cells are ~10 per village: named only when a village spans much of the screen. */
    gridMin: townZoom + 1.5,
    basemapMin: townZoom + 0.5,
  }
}
