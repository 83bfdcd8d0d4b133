import type { InspectionPhoto } from '../domain/contract/inspections'
import { type ActingUser, type Actor, mayReport, seesInspectionText } from '../domain/roles'
import type { InspectionPhotoRecord, StoredInspection } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { ApiError, forbidden, notFound } from './errors'
import { inspectionFor } from './inspections'
import { checkImage, keepImage, readImage } from './photos'

/** A check's photos show what was seen (often: nothing wrong); the report form's limit. */
const MAX_PHOTOS = 5
/** Photos belong to the visit: they are added while it is fresh, not weeks later to mend the record. */
const ADD_WITHIN_MS = 24 * 3600 * 1000

/** The recorder themselves, or an account of the same unit: the same lead unit, or the same role over the same area. */
function sameUnit(s: Services, actor: ActingUser, i: StoredInspection): boolean {
  if (actor.username === i.createdBy) return true
  const recorder = s.store.users.byUsername(i.createdBy)
  if (!recorder || recorder.role !== actor.role) return false
  return actor.role === 'lead_unit' ? recorder.leadUnit === (actor.leadUnit ?? null) : recorder.areaId === (actor.areaId ?? null)
}

/**
 * Attaches a photo to an inspection (a site where nothing was found, say): the same checks, limits
 * and stripping of metadata as a hazard's photo (services/photos.ts). Only its recorder or their
 * unit, within a day of recording it; others who reach it get 403, those who do not 404.
 */
export async function addInspectionPhoto(s: Services, actor: ActingUser, inspectionId: number, bytes: Uint8Array): Promise<InspectionPhoto> {
  const i = inspectionFor(s, actor, inspectionId)
  if (!mayReport(actor) || !sameUnit(s, actor, i)) throw forbidden('Only the inspection’s recorder or their unit may add its photos.')
  if (!i.createdAt || Date.now() - Date.parse(i.createdAt) > ADD_WITHIN_MS)
    throw new ApiError(422, 'not_allowed_now', 'Photos are added within a day of recording the inspection.')
  const image = await checkImage(s, bytes)
  if ((s.store.inspections.photosOf([i.id]).get(i.id) ?? []).length >= MAX_PHOTOS)
    throw new ApiError(422, 'too_many_photos', `An inspection holds at most ${MAX_PHOTOS} photos.`)
  const row = keepImage(s, image, (file) =>
    s.store.inspections.insertPhoto({
      inspectionId: i.id, mime: image.mime, bytes: image.data.length, width: image.width, height: image.height, file,
      createdBy: actor.username, createdAt: new Date().toISOString(),
    }),
  )
  return { id: row.id, url: `/api/inspection-photos/${row.id}` }
}

/** A photo to a caller who reaches its inspection and reads its text in full; 404 otherwise. Confidential reads are audited. */
export function readInspectionPhoto(s: Services, actor: ActingUser & Actor, id: number): { photo: InspectionPhotoRecord; data: Buffer } {
  const photo = s.store.inspections.photo(id)
  if (!photo) throw notFound('photo')
  let i: StoredInspection
  try {
    i = inspectionFor(s, actor, photo.inspectionId)
  } catch {
    throw notFound('photo')
  }
  if (!seesInspectionText(actor, i.category)) throw notFound('photo')
  const data = readImage(s, photo.file)
  if (!data) throw notFound('photo')
  if (!seesInspectionText({ role: 'analyst' }, i.category)) audit(s, actor, 'read_inspection_photo', `${i.id}/${photo.id}`)
  return { photo, data }
}
