import { createRoute, z } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import { PhotoAnswerSchema, PhotoUploadSchema } from '../domain/contract/photos'
import { addPhoto, readPhoto } from '../services/photos'
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

/** Hazard photos: uploaded as multipart, checked by their bytes, re-encoded without metadata, served only to those who may see the hazard. */
export const photoRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/photos',
      summary: 'Attach a photo (JPEG, PNG or WebP by content; at most PHOTO_MAX_MB); EXIF, GPS included, is stripped',
      middleware: [uploadLimit((env) => env.PHOTO_MAX_MB)] as const,
      request: { params: IdParamSchema, body: { content: { 'multipart/form-data': { schema: PhotoUploadSchema } }, required: true } },
      responses: {
        201: json(PhotoAnswerSchema, 'the stored photo and where it is served'),
        400: { description: 'no photo field, or an unknown stage' }, 403: { description: 'role may not add photos' },
        404: { description: 'no such hazard here' }, 413: { description: 'over the size limit' },
        415: { description: 'not a JPEG, PNG or WebP image' }, 422: { description: 'closed out, or too many photos' },
      },
    }),
    async (c) => {
      const form = c.req.valid('form')
      const photo = await addPhoto(c.var.services, c.var.actor, c.req.valid('param').id, form.stage, await bytesOf(form.photo))
      return c.json({ photo }, 201)
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
