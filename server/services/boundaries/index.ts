import { area as areaOf, bbox as bboxOf, booleanPointInPolygon, booleanValid, kinks, rewind } from '@turf/turf'
import { type AreaLevel, areaLevelIds } from '../../domain/areas'
import type { Actor } from '../../domain/roles'
import { labelPoint } from '../../seed/geography/label'
import type { AreaRecord, AreaShape } from '../../store/types'
import type { Services } from '../context'
import { ApiError, forbidden } from '../errors'
import { AreaIndex, LedgerIndex } from '../ledger'
import { GridLocator } from '../locate'
import { type Crs, toWgs84 } from './crs'
import { type RawFeature, crsFor, readBoundaryFile } from './read'

export { crsIds, type Crs } from './crs'

export const importLevels = ['district', 'village', 'grid'] as const
export type ImportLevel = (typeof importLevels)[number]

export interface BoundaryOptions {
  level: ImportLevel
  nameField?: string
  codeField?: string
  crs?: Crs
}

export interface FeatureRejection {
  /** the feature's position in the file, from 0 */
  feature: number
  /** its name or code, where it had one */
  key: string | null
  errors: Array<{ field: string; message: string }>
}

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon

const parentLevel = (level: ImportLevel): AreaLevel => areaLevelIds[areaLevelIds.indexOf(level) - 1]!
const childLevel = (level: ImportLevel): AreaLevel | undefined => areaLevelIds[areaLevelIds.indexOf(level) + 1]

const finite = (g: Polygonal) => (g.coordinates as unknown[]).flat(4).every((n) => typeof n === 'number' && Number.isFinite(n))
const lonLat = (g: Polygonal) => {
  const [x0, y0, x1, y1] = bboxOf(g)
  return x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90
}
const parts = (g: Polygonal): Array<Array<Array<[number, number]>>> =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Array<Array<Array<[number, number]>>>
const inside = (p: [number, number], a: AreaRecord) => booleanPointInPolygon(p, a.geometry)

/** One feature checked whole: a sound polygon, in longitude/latitude, naming one existing area of the level, inside a parent. */
function checkFeature(f: RawFeature, i: number, o: BoundaryOptions, crs: Crs, candidates: readonly AreaRecord[], parents: readonly AreaRecord[]) {
  const field = (o.codeField ?? o.nameField)!
  const errors: FeatureRejection['errors'] = []
  const value = f.properties[field]
  const key = value === undefined || value === null || String(value).trim() === '' ? null : String(value).trim()
  const rejection = (): FeatureRejection => ({ feature: i, key, errors })
  if (key === null) errors.push({ field, message: `has no ${field}` })
  const matches = key === null ? [] : candidates.filter((a) => (o.codeField ? a.code === key || a.id === key : a.name === key))
  if (key !== null && matches.length === 0) errors.push({ field, message: `no ${o.level} ${o.codeField ? 'coded' : 'named'} "${key}"` })
  if (matches.length > 1) errors.push({ field, message: `several ${o.level}s are named "${key}"; match by codeField` })
  const g = f.geometry
  if (!g) return { rejection: (errors.push({ field: 'geometry', message: 'has no geometry' }), rejection()) }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return { rejection: (errors.push({ field: 'geometry', message: `must be a Polygon or MultiPolygon, not ${g.type}` }), rejection()) }
  if (!Array.isArray(g.coordinates) || !finite(g)) return { rejection: (errors.push({ field: 'geometry', message: 'has missing or non-numeric coordinates' }), rejection()) }
  const shape = rewind(toWgs84(g, crs), { mutate: true }) as Polygonal
  if (!lonLat(shape)) return { rejection: (errors.push({ field: 'geometry', message: 'coordinates are not longitude/latitude (a projected file without its .prj?)' }), rejection()) }
  const rings = parts(shape).flat()
  if (rings.some((r) => r.length < 4 || r[0]![0] !== r.at(-1)![0] || r[0]![1] !== r.at(-1)![1])) errors.push({ field: 'geometry', message: 'a ring is not closed or has fewer than four positions' })
  else {
    const crossings = kinks(shape as never).features
    if (crossings.length) {
      const [x, y] = crossings[0]!.geometry.coordinates
      errors.push({ field: 'geometry', message: `self-intersects (${crossings.length} crossing${crossings.length > 1 ? 's' : ''}, first near ${x!.toFixed(6)}, ${y!.toFixed(6)})` })
    } else if (!booleanValid(shape)) errors.push({ field: 'geometry', message: 'is not a valid polygon (overlapping parts or a hole outside its shell)' })
    else if (areaOf(shape) <= 0) errors.push({ field: 'geometry', message: 'has no area' })
  }
  if (errors.length) return { rejection: rejection() }
  const label = labelPoint(parts(shape))
  const parent = parents.find((p) => inside(label, p))
  if (!parent) return { rejection: (errors.push({ field: 'geometry', message: `lies outside every existing ${parentLevel(o.level)}` }), rejection()) }
  const target = matches[0]!
  const result: AreaShape = { id: target.id, parentId: parent.id, label, bbox: bboxOf(shape) as AreaShape['bbox'], geometry: shape }
  return { shape: result }
}

/**
 * Replaces the town's demo shapes with real boundaries, one level at a time: a GeoJSON file or a
 * zipped Shapefile whose features are matched to existing areas by a name or code field. All or
 * nothing: one bad feature and nothing is written (422, each feature's reasons). On success, in one
 * transaction, the shapes (label, box, parent) are replaced, the next level down is re-parented by
 * its label points, and every hazard and site is placed again by its point in the new grid cells;
 * then the ledger index, the point locator and the cached GeoJSON are rebuilt.
 */
export function importBoundaries(s: Services, actor: Actor, bytes: Uint8Array, o: BoundaryOptions) {
  if (actor.role !== 'admin') throw forbidden('Only the administrator replaces the town’s boundaries.')
  if (!!o.nameField === !!o.codeField)
    throw new ApiError(400, 'invalid_input', 'Name exactly one of nameField or codeField.', [{ field: 'nameField', message: 'give nameField or codeField, not both or neither' }])
  const file = readBoundaryFile(bytes)
  const crs = crsFor(file, o.crs)
  if (file.features.length === 0) throw new ApiError(400, 'invalid_input', 'The file holds no features.', [{ field: 'file', message: 'no features' }])
  const candidates = s.store.areas.list(o.level)
  const parents = s.store.areas.list(parentLevel(o.level))
  const rejected: FeatureRejection[] = []
  const shapes: AreaShape[] = []
  const firstOf = new Map<string, number>()
  file.features.forEach((f, i) => {
    const r = checkFeature(f, i, o, crs, candidates, parents)
    if (r.rejection) return void rejected.push(r.rejection)
    const earlier = firstOf.get(r.shape.id)
    if (earlier !== undefined) return void rejected.push({ feature: i, key: r.shape.id, errors: [{ field: (o.codeField ?? o.nameField)!, message: `matches the same ${o.level} as feature ${earlier}` }] })
    firstOf.set(r.shape.id, i)
    shapes.push(r.shape)
  })
  if (rejected.length)
    throw new ApiError(422, 'invalid_features', `${rejected.length} of ${file.features.length} features were rejected; nothing was imported.`, rejected)

  const outcome = s.store.transaction(() => {
    s.store.boundaries.replaceShapes(shapes)
    const below = childLevel(o.level)
    const changedShapes = new Map(shapes.map((sh) => [sh.id, sh]))
    const reparent: Array<{ id: string; parentId: string }> = []
    if (below)
      for (const child of s.store.areas.list(below)) {
        const holder = shapes.find((sh) => booleanPointInPolygon(child.label, sh.geometry))
        if (holder && holder.id !== child.parentId) reparent.push({ id: child.id, parentId: holder.id })
      }
    s.store.boundaries.setParents(reparent)
    const areas = s.store.areas.list()
    const tree = new AreaIndex(areas.map((a) => ({ ...a })))
    const locator = new GridLocator(areas.filter((a) => a.level === 'grid'))
    const place = (location: [number, number]) => {
      const grid = locator.locate(location)
      if (!grid) return undefined
      return { areaId: grid.id, villageId: tree.ancestorAt(grid.id, 'village')!.id, districtId: tree.ancestorAt(grid.id, 'district')!.id }
    }
    let unplaced = 0
    const hazardRows = s.store.boundaries.hazardPoints().flatMap((h) => {
      const to = place(h.location)
      if (to) return [{ id: h.id, ...to }]
      // A point no new cell holds keeps its cell, whose village and district follow the new tree.
      unplaced++
      return [{ id: h.id, areaId: h.areaId, villageId: tree.ancestorAt(h.areaId, 'village')!.id, districtId: tree.ancestorAt(h.areaId, 'district')!.id }]
    })
    const movedHazards = s.store.boundaries.placeHazards(hazardRows)
    const siteRows = s.store.sites.list().flatMap((site) => {
      const to = place(site.location)
      return to ? [{ id: site.id, areaId: to.areaId, villageId: to.villageId }] : []
    })
    const movedSites = s.store.boundaries.placeSites(siteRows)
    s.store.boundaries.refreshInspections()
    return { areas, locator, reparented: reparent.length, movedHazards, unplaced, movedSites, changed: changedShapes.size }
  })

  // Only after the commit do requests see the new geography.
  const ledger = new LedgerIndex(outcome.areas.map((a) => ({ ...a })), s.store.hazards.scanIndexed())
  ledger.version = s.ledger.version + 1
  s.ledger = ledger
  s.locator = outcome.locator
  s.geography.invalidate()
  s.live.publish({ type: 'stats' })
  return {
    imported: outcome.changed, level: o.level, crs, format: file.format, rejected: [] as FeatureRejection[],
    reparented: outcome.reparented, hazards: { moved: outcome.movedHazards, unplaced: outcome.unplaced }, sites: { moved: outcome.movedSites },
  }
}
