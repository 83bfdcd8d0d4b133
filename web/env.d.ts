/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** XYZ tile template of an optional raster basemap, e.g. an intranet tile server. Empty: none. */
  readonly VITE_RASTER_BASEMAP_URL?: string
  readonly VITE_RASTER_BASEMAP_ATTRIBUTION?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
