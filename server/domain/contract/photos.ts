import { z } from '@hono/zod-openapi'
import { DateTimeSchema } from '../schemas'
import { FileSchema } from './common'
import { HazardPhotoSchema, UuidSchema } from './hazards'

/** Hazard photos: what `POST /api/hazards/:id/photos` takes and answers (`GET /api/photos/:id` answers the image). */

// A photo as the API shows it is the hazard detail's (contract/hazards.ts): one definition.
export { HazardPhotoSchema, type HazardPhoto } from './hazards'

/** found: taken when the hazard was reported; rectified: the evidence of its rectification. */
export const PhotoStageSchema = HazardPhotoSchema.shape.stage
export type PhotoStage = z.infer<typeof PhotoStageSchema>
export const photoStages = PhotoStageSchema.options

export const PhotoUploadSchema = z
  .object({
    photo: FileSchema,
    stage: PhotoStageSchema.default('found'),
    /** the photo's id made on the phone: the same id again (same account, same hazard) → 200 with the photo already stored */
    clientId: UuidSchema.optional(),
    /** when it was taken (the camera's time), an instant with its offset; 422 in the future */
    takenAt: DateTimeSchema.optional(),
  })
  .openapi('PhotoUpload')
export const PhotoAnswerSchema = z.object({ photo: HazardPhotoSchema })
