/**
 * Source ids of the town map (not the domain's discovery sources, server/domain/sources.ts); layers name
 * their source through these, never a literal.
 */
export const mapSourceIds = {
  areas: 'areas',
  areaLabels: 'area-labels',
  basemap: 'basemap',
  rasterBasemap: 'raster-basemap',
  /** Vector tiles cut by the server for the current filter (see api/tiles.ts). */
  hazards: 'hazards',
  /** Key sites, clustered when zoomed out. */
  sites: 'sites',
} as const
export type MapSourceId = (typeof mapSourceIds)[keyof typeof mapSourceIds]

/** The source of one drawing from the overlay store (a panel's buffers or hits). */
export const overlaySourceId = (overlayId: string) => `overlay-${overlayId}`
