/** Source ids of the town map; layers name their source through these, never a literal. */
export const sourceIds = {
  areas: 'areas',
  areaLabels: 'area-labels',
  basemap: 'basemap',
  rasterBasemap: 'raster-basemap',
  /** Vector tiles cut by the server for the current filter (see api/tiles.ts). */
  hazards: 'hazards',
  /** Key sites, clustered when zoomed out. */
  sites: 'sites',
} as const
export type SourceId = (typeof sourceIds)[keyof typeof sourceIds]

/** The source of one drawing from the overlay store (a panel's buffers or hits). */
export const overlaySourceId = (overlayId: string) => `overlay-${overlayId}`
