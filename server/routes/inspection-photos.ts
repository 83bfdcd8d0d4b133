import { createRoute } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import { InspectionPhotoAnswerSchema, InspectionPhotoUploadSchema } from '../domain/contract/inspections'
import { addInspectionPhoto, readInspectionPhoto } from '../services/inspection-photos'
import { imageContent, imageHeaders } from './photos'
import { json, router } from './support/router'
import { bytesOf, uploadLimit } from './support/upload'

/** Inspections' photos: the same upload checks and stripping as hazards' photos, served to those who reach the inspection. */
export const inspectionPhotoRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/inspections/{id}/photos',
      summary: 'Attach a photo to an inspection (its recorder or their unit, within a day of recording; JPEG, PNG or WebP by content; EXIF stripped)',
      middleware: [uploadLimit((env) => env.PHOTO_MAX_MB)] as const,
      request: { params: IdParamSchema, body: { content: { 'multipart/form-data': { schema: InspectionPhotoUploadSchema } }, required: true } },
      responses: {
        201: json(InspectionPhotoAnswerSchema, 'the stored photo and where it is served'),
        400: { description: 'no photo field' }, 403: { description: 'not the recorder or their unit' },
        404: { description: 'no such inspection here' }, 413: { description: 'over the size limit' },
        415: { description: 'not a JPEG, PNG or WebP image' }, 422: { description: 'more than a day after recording, or too many photos' },
      },
    }),
    async (c) => {
      const photo = await addInspectionPhoto(c.var.services, c.var.actor, c.req.valid('param').id, await bytesOf(c.req.valid('form').photo))
      return c.json({ photo }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/inspection-photos/{id}', summary: 'An inspection’s photo, to roles that reach the inspection and read it in full',
      request: { params: IdParamSchema },
      responses: {
        200: { description: 'the image', content: imageContent },
        404: { description: 'no such photo, or its inspection is not shown in full to this role' },
      },
    }),
    (c) => {
      const { photo, data } = readInspectionPhoto(c.var.services, c.var.actor, c.req.valid('param').id)
      return c.body(new Uint8Array(data), 200, imageHeaders(photo.mime, data.length, `inspection-photo-${photo.id}`))
    },
  )
