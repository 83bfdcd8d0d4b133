import { createHash } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { ApiError } from '../services/errors'
import { HazardTiles } from '../services/tiles'
import { filterFields, filterOf } from './support/filters'
import { router } from './support/router'

const TileParams = z.object({
  z: z.coerce.number().int().min(0).max(22).openapi({ param: { name: 'z', in: 'path', required: true } }),
  x: z.coerce.number().int().min(0).openapi({ param: { name: 'x', in: 'path', required: true } }),
  y: z.coerce.number().int().min(0).openapi({ param: { name: 'y', in: 'path', required: true } }),
})

/** One tile cutter per server, built on first use. */
const cutters = new WeakMap<object, HazardTiles>()

export const tileRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/hazards/{z}/{x}/{y}',
    summary: 'Hazards as a Mapbox Vector Tile (layer "hazards"), for the list filters; binned by category where a tile holds many',
    request: { params: TileParams, query: z.strictObject({ ...filterFields, v: z.string().max(40).optional() }) },
    responses: { 200: { description: 'a vector tile', content: { 'application/x-protobuf': { schema: z.string() } } } },
  }),
  (c) => {
    const { z: zoom, x, y } = c.req.valid('param')
    if (x >= 2 ** zoom || y >= 2 ** zoom) throw new ApiError(400, 'invalid_input', 'No such tile.', [{ field: 'x', message: 'outside the zoom level' }])
    const s = c.var.services
    let cutter = cutters.get(s)
    if (!cutter) cutters.set(s, (cutter = new HazardTiles(s)))
    const actor = c.var.actor
    const filter = filterOf(c.req.valid('query'))
    const etag = `"${createHash('sha1').update(`${cutter.key(actor, filter)}/${zoom}/${x}/${y}`).digest('base64url')}"`
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    const bytes = cutter.tile(actor, filter, zoom, x, y)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/x-protobuf', etag, 'cache-control': 'private, no-cache',
    })
  },
)
