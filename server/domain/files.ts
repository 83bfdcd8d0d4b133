/**
 * What the ledger's and the boundaries' files may be, named once for the server that reads and
 * writes them and the web that offers the choice.
 */

/** The ledger export's formats: a workbook, UTF-8 CSV with BOM, or GeoJSON. */
export const ledgerFormats = ['xlsx', 'csv', 'geojson'] as const
export type LedgerFormat = (typeof ledgerFormats)[number]

/** The levels a boundary import may replace. */
export const importLevels = ['district', 'village', 'grid'] as const
export type ImportLevel = (typeof importLevels)[number]

/** The coordinate systems a boundary file may be read in. */
export const crsIds = ['wgs84', 'cgcs2000', 'gcj02'] as const
export type Crs = (typeof crsIds)[number]
