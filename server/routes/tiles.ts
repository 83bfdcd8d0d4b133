import { createRoute, z } from '@hono/zod-openapi'
import { hazardTile } from '../services/hazard-tiles'
import { filterFields, filterOf } from './support/filters'
import { router } from './support/router'

const TileParams = z.object({
  z: z.coerce.number().int().min(0).max(22).openapi({ param: { name: 'z', in: 'path', required: true } }),
  x: z.coerce.number().int().min(0).openapi({ param: { name: 'x', in: 'path', required: true } }),
  y: z.coerce.number().int().min(0).openapi({ param: { name: 'y', in: 'path', required: true } }),
})

export const tileRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/hazards/{z}/{x}/{y}',
    summary: 'Hazards as a Mapbox Vector Tile (layer "hazards"), for the list filters; binned by category where a tile holds many',
    request: { params: TileParams, query: z.strictObject({ ...filterFields, v: z.string().max(40).optional() }) },
    responses: { 200: { description: 'a vector tile', content: { 'application/x-protobuf': { schema: z.string() } } }, 304: { description: 'the tile the client holds (If-None-Match) is current' } },
  }),
  (c) => {
    const { z: zoom, x, y } = c.req.valid('param')
    const { etag, bytes } = hazardTile(c.var.services, c.var.actor, filterOf(c.req.valid('query')), zoom, x, y, c.req.header('if-none-match'))
    if (!bytes) return c.body(null, 304, { etag })
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/x-protobuf', etag, 'cache-control': 'private, no-cache' })
  },
)
