import type { BoundaryImport, BoundaryImportResult } from '../../server/domain/contract/boundaries'
import { api, call } from './client'

// The form and the answer are defined once, by the contract (server/domain/contract/boundaries.ts);
// the levels and coordinate systems by the domain (server/domain/files.ts).
export type { BoundaryImport, BoundaryImportResult, BoundaryOptions, FeatureRejection } from '../../server/domain/contract/boundaries'
export { type Crs, crsIds, type ImportLevel, importLevels } from '../../server/domain/files'

/** `POST /api/areas/import` (admin) — all or nothing: rejected features come back as a 422 whose details list them. */
export function importBoundaries(input: BoundaryImport): Promise<BoundaryImportResult> {
  const { file, level, nameField, codeField, crs } = input
  // Fields left out stay out of the form: the server reads an empty one as given.
  const form = { file, level, ...(nameField && { nameField }), ...(codeField && { codeField }), ...(crs && { crs }) }
  return call(api.areas.import.$post({ form }))
}
