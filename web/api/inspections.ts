import type { InspectionPhoto, InspectionQuery, InspectionView, NewInspection } from '../../server/domain/contract/inspections'
import { api, call } from './client'

// The shapes are defined once, by the contract (server/domain/contract/inspections.ts).
export type { InspectionPhoto, InspectionQuery, InspectionView, NewInspection } from '../../server/domain/contract/inspections'

/** `GET /api/inspections` — the inspections in the caller's reach, newest first (the server's limit when none is given). */
export async function fetchInspections(q: Partial<InspectionQuery> = {}): Promise<InspectionView[]> {
  const query: { area?: string; from?: string; to?: string; source?: string; limit?: string } = {}
  if (q.area?.length) query.area = q.area.join(',')
  if (q.from) query.from = q.from
  if (q.to) query.to = q.to
  if (q.source?.length) query.source = q.source.join(',')
  if (q.limit) query.limit = String(q.limit)
  return (await call(api.inspections.$get({ query }))).inspections
}

/** `POST /api/inspections` — records one inspection, possibly one that found nothing. */
export async function recordInspection(input: NewInspection): Promise<InspectionView> {
  return (await call(api.inspections.$post({ json: input }))).inspection
}

/** `POST /api/inspections/:id/photos` (multipart `photo`) — by the recorder or their unit, within a day; 415 not an image, 413 too large, 422 too many or too late. */
export async function uploadInspectionPhoto(inspectionId: number, file: Blob): Promise<InspectionPhoto> {
  const photo = file instanceof File ? file : new File([file], 'photo', { type: file.type })
  return (await call(api.inspections[':id'].photos.$post({ param: { id: String(inspectionId) }, form: { photo } }))).photo
}
