import { area as areaOf, bbox as bboxOf, booleanPointInPolygon, booleanValid, kinks, rewind } from '@turf/turf'
import { type AreaLevel, areaLevelIds } from '../../domain/areas'
import type { BoundaryOptions, CrsOverride, FeatureRejection } from '../../domain/contract/boundaries'
import type { ImportLevel } from '../../domain/files'
import { labelPoint } from '../../seed/geography/label'
import type { AreaRecord, AreaShape } from '../../store/types'
import { ApiError } from '../errors'
import { type Crs, toWgs84 } from './crs'
import { type RawFeature, crsFor, readBoundaryFile } from './read'

/**
 * The CPU-heavy half of a boundary import, with no access to the store or the server: reading the
 * file (unzip, Shapefile or JSON parsing) and checking every feature (validity, self-intersections,
 * matching, parents). It runs in a worker thread (./worker.ts), so the server keeps answering.
 */

export interface CheckedFile {
  format: 'geojson' | 'shapefile'
  crs: Crs
  crsOverride: CrsOverride | null
  /** one per feature, all sound: nothing was rejected */
  shapes: AreaShape[]
}

type Polygonal = GeoJSON.Polygon | GeoJSON.MultiPolygon

export const parentLevel = (level: ImportLevel): AreaLevel => areaLevelIds[areaLevelIds.indexOf(level) - 1]!
export const childLevel = (level: ImportLevel): AreaLevel | undefined => areaLevelIds[areaLevelIds.indexOf(level) + 1]

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
 * Reads and checks a whole boundary file against the level's areas (`candidates`) and the level
 * above (`parents`): every feature sound and matched once, or 422 with each feature's reasons.
 */
export function checkBoundaryFile(bytes: Uint8Array, o: BoundaryOptions, candidates: readonly AreaRecord[], parents: readonly AreaRecord[]): CheckedFile {
  const file = readBoundaryFile(bytes)
  const { crs, override } = crsFor(file, o.crs)
  if (file.features.length === 0) throw new ApiError(400, 'invalid_input', 'The file holds no features.', [{ field: 'file', message: 'no features' }])
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
  return { format: file.format, crs, crsOverride: override, shapes }
}
