/** Where the server cuts hazard vector tiles; {z}/{x}/{y} are filled in by MapLibre. */
export const HAZARD_TILES_PATH = '/api/tiles/hazards/{z}/{x}/{y}'

/**
 * The hazard tile template for a filter (the filter store's stable `queryString`) at a live
 * revision. The revision goes in as `v=`, which the server ignores: a new revision is a new URL,
 * so neither MapLibre nor the browser serves a tile cut before the change. Same-origin and
 * path-only: the map resolves it against the page (see create-map.ts).
 */
export function hazardTileUrl(queryString: string, revision: number): string {
  const params = new URLSearchParams(queryString)
  params.delete('v')
  params.set('v', String(revision))
  return `${HAZARD_TILES_PATH}?${params.toString()}`
}
