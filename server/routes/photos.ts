import { createRoute, z } from '@hono/zod-openapi'
import { addPhoto, photoStages, readPhoto } from '../services/photos'
import { json, router } from './support/router'
import { FileField, bytesOf, uploadLimit } from './support/upload'

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) })
const PhotoForm = z.object({ photo: FileField, stage: z.enum(photoStages).default('found') }).openapi('PhotoUpload')
const Photo = z.object({ id: z.number(), url: z.string(), stage: z.enum(photoStages) }).openapi('Photo')

/** Hazard photos: uploaded as multipart, checked by their bytes, re-encoded without metadata, served only to those who may see the hazard. */
export const photoRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/photos',
      summary: 'Attach a photo (JPEG, PNG or WebP by content; at most PHOTO_MAX_MB); EXIF, GPS included, is stripped',
      middleware: [uploadLimit((env) => env.PHOTO_MAX_MB)] as const,
      request: { params: IdParam, body: { content: { 'multipart/form-data': { schema: PhotoForm } }, required: true } },
      responses: {
        201: json(z.object({ photo: Photo }), 'the stored photo and where it is served'),
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
      request: { params: IdParam },
      responses: {
        200: { description: 'the image', content: { 'image/jpeg': { schema: z.string() }, 'image/png': { schema: z.string() }, 'image/webp': { schema: z.string() } } },
        404: { description: 'no such photo, or its hazard is not shown in full to this role' },
      },
    }),
    (c) => {
      const { photo, data } = readPhoto(c.var.services, c.var.actor, c.req.valid('param').id)
      return c.body(new Uint8Array(data), 200, {
        'content-type': photo.mime,
        'content-length': String(data.length),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private',
        'content-security-policy': "default-src 'none'; sandbox",
        'content-disposition': `inline; filename="photo-${photo.id}.${photo.mime.slice(6).replace('jpeg', 'jpg')}"`,
      })
    },
  )
