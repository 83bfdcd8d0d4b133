import type { HazardPhoto, PhotoStage } from '../../server/domain/contract/photos'
import { api, call } from './client'

export type { HazardPhoto, PhotoStage }

/** The formats the server accepts; it judges them by their bytes, the browser's type is a first check only. */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
/** The report form's limit (the server keeps at most this many found photos per hazard). */
export const MAX_REPORT_PHOTOS = 5
/** After-photos a hazard may hold: room for a second round after a failed verification (services/photos.ts). */
export const MAX_RECTIFIED_PHOTOS = 10
export const PHOTO_MAX_MB = 10

export type PhotoProblem = 'type' | 'size'

/** What is wrong with a chosen file before it is sent, or undefined. */
export function photoProblem(file: Pick<File, 'type' | 'size'>, maxMb = PHOTO_MAX_MB): PhotoProblem | undefined {
  if (!(photoTypes as readonly string[]).includes(file.type)) return 'type'
  if (file.size > maxMb * 1024 * 1024) return 'size'
  return undefined
}

/** `POST /api/hazards/:id/photos` (multipart `photo`, `stage`) — 415 not an image, 413 too large, 422 closed or too many. */
export async function uploadPhoto(hazardId: number, file: Blob, stage: PhotoStage): Promise<HazardPhoto> {
  const photo = file instanceof File ? file : new File([file], 'photo', { type: file.type })
  return (await call(api.hazards[':id'].photos.$post({ param: { id: String(hazardId) }, form: { photo, stage } }))).photo
}
