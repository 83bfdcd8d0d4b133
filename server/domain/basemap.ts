/** What the town's own base layer draws; a raster basemap is optional (BASEMAP_URL). */
export const basemapKinds = ['main_road', 'road', 'river', 'reservoir'] as const
export type BasemapKind = (typeof basemapKinds)[number]
