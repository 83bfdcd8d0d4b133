/** Source ids of the town map; layers name their source through these, never a literal. */
export const sourceIds = {
  areas: 'areas',
  areaLabels: 'area-labels',
  basemap: 'basemap',
  rasterBasemap: 'raster-basemap',
} as const
export type SourceId = (typeof sourceIds)[keyof typeof sourceIds]
