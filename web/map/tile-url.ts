import type { Map as MaplibreMap, VectorTileSource } from 'maplibre-gl'

/**
 * A vector source's tile URL, changed one load at a time.
 *
 * Since MapLibre keeps a source's tiles on screen while a new URL loads (setTiles reloads them in
 * place), a second setTiles while tiles are still loading sends a second request for the same tile,
 * and whichever answer comes last is drawn: two filter changes in a row (清空 then 仅超期) could leave
 * the first filter's hazards on the map for good. So a new URL is applied only once the source has
 * loaded what it was last asked for; until then only the latest wish is kept.
 */
export interface TileUrlQueue {
  /** The URL to show; applied now if the source is at rest, else when it is. */
  set(url: string): void
  /** Resolves once no URL waits to be applied (the tiles of the last one may still be loading). */
  applied(): Promise<void>
}

type SourceMap = Pick<MaplibreMap, 'getSource' | 'isSourceLoaded' | 'on'>

export function tileUrlQueue(map: SourceMap, sourceId: string): TileUrlQueue {
  let wanted: string | undefined
  const waiters: Array<() => void> = []

  const apply = () => {
    if (wanted === undefined) return
    const source = map.getSource<VectorTileSource>(sourceId)
    if (!source || !map.isSourceLoaded(sourceId)) return
    const url = wanted
    wanted = undefined
    if (source.tiles?.[0] !== url) source.setTiles([url])
    for (const resolve of waiters.splice(0)) resolve()
  }
  // A tile of the source loaded (the last one leaves it at rest), or the whole map came to rest.
  map.on('sourcedata', (e) => {
    if (e.sourceId === sourceId) apply()
  })
  map.on('idle', apply)

  return {
    set(url) {
      wanted = url
      apply()
    },
    applied() {
      return wanted === undefined ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))
    },
  }
}
