import { postForm } from './client'

/** The levels an import may replace, and the coordinate systems it reads (as the server names them). */
export const importLevels = ['district', 'village', 'grid'] as const
export type ImportLevel = (typeof importLevels)[number]
export const crsIds = ['wgs84', 'cgcs2000', 'gcj02'] as const
export type Crs = (typeof crsIds)[number]

/** A feature the import refused, with its position in the file (from 0) and its name or code. */
export interface FeatureRejection {
  feature: number
  key: string | null
  errors: Array<{ field: string; message: string }>
}

export interface BoundaryImport {
  file: File
  level: ImportLevel
  /** exactly one of the two names the property that matches a feature to an area */
  nameField?: string
  codeField?: string
  /** omitted: read from the file (.prj, or GeoJSON's own), else WGS 84 */
  crs?: Crs
}

export interface BoundaryImportResult {
  imported: number
  level: ImportLevel
  crs: Crs
  format: 'geojson' | 'shapefile'
  rejected: FeatureRejection[]
  reparented: number
  hazards: { moved: number; unplaced: number }
  sites: { moved: number }
}

/** `POST /api/areas/import` (admin) — all or nothing: rejected features come back as a 422 whose details list them. */
export function importBoundaries(input: BoundaryImport): Promise<BoundaryImportResult> {
  const form = new FormData()
  form.append('file', input.file)
  form.append('level', input.level)
  if (input.nameField) form.append('nameField', input.nameField)
  if (input.codeField) form.append('codeField', input.codeField)
  if (input.crs) form.append('crs', input.crs)
  return postForm<BoundaryImportResult>('/api/areas/import', form)
}
