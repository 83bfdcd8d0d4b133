import type { RasterBasemap } from './map/style'

/**
 * Build-time settings. Without a raster basemap (the default) the map draws its own base from
 * the town's data and the app makes no request outside its own server. The server's BASEMAP_URL
 * does not reach the browser yet; until it does, a build can name a tile server with
 * VITE_RASTER_BASEMAP_URL.
 */
function rasterBasemapFromEnv(env: ImportMetaEnv): RasterBasemap | undefined {
  const url = env.VITE_RASTER_BASEMAP_URL?.trim()
  return url ? { tiles: [url], attribution: env.VITE_RASTER_BASEMAP_ATTRIBUTION ?? '' } : undefined
}

export const appConfig = {
  rasterBasemap: rasterBasemapFromEnv(import.meta.env),
}
