import { parseDbf, parseShp } from 'shpjs'
import type { CrsOverride } from '../../domain/contract/boundaries'
import { ApiError } from '../errors'
import { type Crs, type Detected, detectGeoJsonCrs, detectPrj } from './crs'
import { MAX_UNZIPPED, ZipError, inflatesAsDeclared, unpackedSize, unzip, zipEntries } from './zip'

export interface RawFeature {
  geometry: GeoJSON.Geometry | null
  properties: Record<string, unknown>
}

export interface BoundaryFile {
  format: 'geojson' | 'shapefile'
  features: RawFeature[]
  /** what the file itself says of its coordinates, if anything */
  detected?: Detected
}

const malformed = (message: string) => new ApiError(400, 'malformed', message)
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

function readGeoJson(bytes: Uint8Array): BoundaryFile {
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw malformed('The file is neither a zipped Shapefile nor GeoJSON (UTF-8 JSON).')
  }
  const d = doc as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown; crs?: unknown }
  const list = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d?.type === 'Feature' ? [d] : undefined
  if (!list) throw malformed('The GeoJSON must be a FeatureCollection or a Feature.')
  const features = list.map((f: unknown): RawFeature => {
    const g = (f as { geometry?: unknown })?.geometry
    const p = (f as { properties?: unknown })?.properties
    return {
      geometry: g && typeof g === 'object' ? (g as GeoJSON.Geometry) : null,
      properties: p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {},
    }
  })
  return { format: 'geojson', features, detected: detectGeoJsonCrs(d.crs) }
}

/** A .dbf without a .cpg is UTF-8 if its bytes are; otherwise the GBK family Chinese GIS software writes. */
function codePageOf(dbf: Uint8Array): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf)
    return 'utf-8'
  } catch {
    return 'gb18030'
  }
}

function readShapefile(bytes: Uint8Array): BoundaryFile {
  let files: Map<string, Uint8Array>
  try {
    files = unzip(bytes, wantedPart)
  } catch (err) {
    throw malformed(`The zip cannot be read: ${err instanceof ZipError ? err.message : 'corrupt'}.`)
  }
  const layers = [...files.keys()].filter((n) => /\.shp$/i.test(n))
  if (layers.length === 0) throw malformed('The zip holds no .shp file.')
  if (layers.length > 1) throw malformed(`The zip holds several layers (${layers.join(', ')}); zip one at a time.`)
  const base = layers[0]!.slice(0, -4)
  const part = (ext: string) => [...files.entries()].find(([n]) => n.slice(0, -4) === base && n.slice(-4).toLowerCase() === ext)?.[1]
  const dbf = part('.dbf')
  if (!dbf) throw malformed('The Shapefile has no .dbf: its attributes are needed to match the areas.')
  const prjBytes = part('.prj')
  const prj = prjBytes ? new TextDecoder().decode(prjBytes).trim() : undefined
  const cpg = part('.cpg')
  const detected = prj ? detectPrj(prj) : undefined
  if (detected?.kind === 'unsupported') throw new ApiError(400, 'unsupported_crs', `The .prj names ${detected.name}: ${detected.reason}.`)
  let shapes: Array<GeoJSON.Geometry | null>
  let rows: Array<Record<string, unknown>>
  try {
    // Only a projected CRS goes through proj4; a geographic one is read as longitude/latitude and converted here.
    shapes = parseShp(layers.map((n) => files.get(n)!)[0]!, detected?.kind === 'projected' ? prj : undefined)
    rows = parseDbf(dbf, cpg ? new TextDecoder().decode(cpg).trim() : codePageOf(dbf))
  } catch (err) {
    throw malformed(`The Shapefile cannot be read: ${err instanceof Error ? err.message : 'corrupt'}.`)
  }
  if (detected?.kind === 'projected' && shapes.some((g) => g && JSON.stringify(g).includes('NaN')))
    throw new ApiError(400, 'unsupported_crs', `The .prj names ${detected.name}, which could not be unprojected.`)
  return { format: 'shapefile', features: shapes.map((geometry, i) => ({ geometry, properties: rows[i] ?? {} })), detected }
}

const wantedPart = (name: string) => /\.(shp|dbf|prj|cpg)$/i.test(name) && !name.includes('__MACOSX')

/** A zip's directory checked before any worker starts: readable, no unsafe names, within the unpacked budget, every part unpacking to what it declares (inflated, not kept). */
export async function precheckZip(bytes: Uint8Array): Promise<void> {
  if (!isZip(bytes)) return
  try {
    const parts = zipEntries(bytes).filter((e) => !e.name.endsWith('/') && wantedPart(e.name))
    if (unpackedSize(parts) > MAX_UNZIPPED) throw new ZipError('the archive unpacks to too much data')
    for (const e of parts) if (!(await inflatesAsDeclared(bytes, e))) throw new ZipError(`${e.name} does not unpack to the size it declares`)
  } catch (err) {
    throw malformed(`The zip cannot be read: ${err instanceof ZipError ? err.message : 'corrupt'}.`)
  }
}

/** A boundary file by its bytes: a zip is a Shapefile, anything else must be GeoJSON. */
export function readBoundaryFile(bytes: Uint8Array): BoundaryFile {
  if (bytes.length === 0) throw malformed('The file is empty.')
  return isZip(bytes) ? readShapefile(bytes) : readGeoJson(bytes)
}

/**
 * The CRS to read the coordinates in: the one asked for, else the file's own, else WGS 84; a
 * contradiction is refused. One is not: GCJ-02 has no EPSG code, so nearly every GCJ-02 file arrives
 * labelled WGS 84 (or CGCS2000). When the user says crs=gcj02 of such a file it is converted, and the
 * answer says the label was overridden.
 */
export function crsFor(file: BoundaryFile, asked: Crs | undefined): { crs: Crs; override: CrsOverride | null } {
  const d = file.detected
  if (d?.kind === 'unsupported') throw new ApiError(400, 'unsupported_crs', `The file's CRS ${d.name}: ${d.reason}.`)
  const own = d?.kind === 'geographic' ? d.crs : d?.kind === 'projected' ? 'wgs84' : undefined
  // CGCS2000 and WGS 84 are the same within a metre: no contradiction between them.
  const same = (a: Crs, b: Crs) => a === b || (a !== 'gcj02' && b !== 'gcj02')
  if (asked === 'gcj02' && own && own !== 'gcj02') return { crs: 'gcj02', override: { file: own, name: d!.name, used: 'gcj02' } }
  if (asked && own && !same(asked, own))
    throw new ApiError(400, 'crs_conflict', `crs=${asked} was given, but the file says ${d!.name} (${own}).`, [{ field: 'crs', message: `the file says ${own}` }])
  return { crs: asked ?? own ?? 'wgs84', override: null }
}
