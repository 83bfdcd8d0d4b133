import { createHash } from 'node:crypto'
import type { Actor } from '../domain/roles'
import type { Services } from './context'
import { ApiError } from './errors'
import type { HazardFilter } from './ledger'
import { HazardTiles } from './tiles'

/** One tile cutter per server, built on first use. */
const cutters = new WeakMap<object, HazardTiles>()

/** A tile as the route answers it: its validator, and its bytes unless the client holds that version already. */
export interface TileAnswer {
  etag: string
  /** undefined when `ifNoneMatch` named this version (304) */
  bytes?: Uint8Array
}

/**
 * The hazards of a filter in one tile, for the caller's reach. The etag names the caller's filter,
 * reach and the ledger's state, so a client revalidating an unchanged tile is answered without a cut.
 */
export function hazardTile(s: Services, actor: Actor, filter: HazardFilter, z: number, x: number, y: number, ifNoneMatch?: string): TileAnswer {
  if (x >= 2 ** z || y >= 2 ** z) throw new ApiError(400, 'invalid_input', 'No such tile.', [{ field: 'x', message: 'outside the zoom level' }])
  let cutter = cutters.get(s)
  if (!cutter) cutters.set(s, (cutter = new HazardTiles(s)))
  const etag = `"${createHash('sha1').update(`${cutter.key(actor, filter)}/${z}/${x}/${y}`).digest('base64url')}"`
  if (ifNoneMatch === etag) return { etag }
  return { etag, bytes: cutter.tile(actor, filter, z, x, y) }
}
