import { createRoute, z } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import { IDEMPOTENCY_KEY, UuidSchema, idempotencyKeyParameter } from '../domain/contract/hazards'
import { PhotoAnswerSchema, PhotoUploadSchema } from '../domain/contract/photos'
import { ApiError } from '../services/errors'
import { readPhoto, uploadPhoto } from '../services/photos'
import { json, router } from './support/router'
import { bytesOf, uploadLimit } from './support/upload'

/** What a served image is described as (hazards' and inspections' photos). */
export const imageContent = { 'image/jpeg': { schema: z.string() }, 'image/png': { schema: z.string() }, 'image/webp': { schema: z.string() } }

/** A kept image served inline, never sniffed or run as a page, cached only by the reader. */
export function imageHeaders(mime: string, length: number, name: string): Record<string, string> {
  return {
    'content-type': mime,
    'content-length': String(length),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private',
    'content-security-policy': "default-src 'none'; sandbox",
    'content-disposition': `inline; filename="${name}.${mime.slice(6).replace('jpeg', 'jpg')}"`,
  }
}

/** The photo's client id: the form's field, else the Idempotency-Key header; 400 when they differ or the header is no UUID. */
function clientIdOf(field: string | undefined, header: string | undefined): string | undefined {
  if (header === undefined) return field
  const refuse = (name: string, message: string) => new ApiError(400, 'invalid_input', `${name}: ${message}.`, [{ field: name, message }])
  if (!UuidSchema.safeParse(header).success) throw refuse(IDEMPOTENCY_KEY, 'not a UUID')
  if (field !== undefined && field.toLowerCase() !== header.toLowerCase()) throw refuse('clientId', `not the ${IDEMPOTENCY_KEY} sent with it`)
  return header
}

/** Hazard photos: uploaded as multipart, checked by their bytes, re-encoded without metadata, served only to those who may see the hazard. */
export const photoRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/photos',
      summary: 'Attach a photo (JPEG, PNG or WebP by content; at most PHOTO_MAX_MB); EXIF, GPS included, is stripped; a resend under its clientId is recognised',
      middleware: [uploadLimit((env) => env.PHOTO_MAX_MB)] as const,
      parameters: [{ ...idempotencyKeyParameter, description: 'the photo’s clientId, for a client that sends it as a header (as api.md names it); the form field clientId, when given, must be the same' }],
      request: { params: IdParamSchema, body: { content: { 'multipart/form-data': { schema: PhotoUploadSchema } }, required: true } },
      responses: {
        201: json(PhotoAnswerSchema, 'the stored photo and where it is served'),
        200: json(PhotoAnswerSchema, 'a resend: the photo already stored under this clientId (no second photo)'),
        400: { description: 'no photo field, an unknown stage, a clientId that is not a UUID, or takenAt not an instant' }, 403: { description: 'role may not add photos' },
        404: { description: 'no such hazard here' }, 409: { description: 'idempotency_conflict: the clientId was used for a photo of another hazard' },
        413: { description: 'over the size limit' }, 415: { description: 'not a JPEG, PNG or WebP image' },
        422: { description: 'closed out, too many photos, or takenAt in the future (bad_time)' },
      },
    }),
    async (c) => {
      const form = c.req.valid('form')
      const clientId = clientIdOf(form.clientId, c.req.header(IDEMPOTENCY_KEY))
      const upload = { stage: form.stage, bytes: await bytesOf(form.photo), clientId, takenAt: form.takenAt }
      const { photo, created } = await uploadPhoto(c.var.services, c.var.actor, c.req.valid('param').id, upload)
      return created ? c.json({ photo }, 201) : c.json({ photo }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/photos/{id}', summary: 'A hazard photo, to roles that may see the hazard in full',
      request: { params: IdParamSchema },
      responses: {
        200: { description: 'the image', content: imageContent },
        404: { description: 'no such photo, or its hazard is not shown in full to this role' },
      },
    }),
    (c) => {
      const { photo, data } = readPhoto(c.var.services, c.var.actor, c.req.valid('param').id)
      return c.body(new Uint8Array(data), 200, imageHeaders(photo.mime, data.length, `photo-${photo.id}`))
    },
  )
