import type { BoundaryImport, Crs, ImportLevel } from '../api/boundaries'

export type MatchBy = 'name' | 'code'

export interface BoundaryDraft {
  file: File | null
  level: ImportLevel
  matchBy: MatchBy
  field: string
  /** '' reads the CRS from the file (.prj or GeoJSON's own), else WGS 84 */
  crs: Crs | ''
}

export function boundaryDraft(): BoundaryDraft {
  return { file: null, level: 'village', matchBy: 'name', field: 'name', crs: '' }
}

/** GeoJSON, or a Shapefile's .shp/.dbf/.prj zipped together. */
export const boundaryFileTypes = '.geojson,.json,.zip'

export type BoundaryProblem = 'file' | 'fileType' | 'field'

/** What must be fixed before the upload; the server checks the file itself feature by feature. */
export function boundaryProblems(d: BoundaryDraft): BoundaryProblem[] {
  const problems: BoundaryProblem[] = []
  if (!d.file) problems.push('file')
  else if (!/\.(geojson|json|zip)$/i.test(d.file.name)) problems.push('fileType')
  if (!d.field.trim()) problems.push('field')
  return problems
}

/** The request: one of nameField or codeField, never both, as the server demands. */
export function boundaryRequest(d: BoundaryDraft & { file: File }): BoundaryImport {
  const field = d.field.trim()
  return {
    file: d.file,
    level: d.level,
    ...(d.matchBy === 'code' ? { codeField: field } : { nameField: field }),
    ...(d.crs && { crs: d.crs }),
  }
}
