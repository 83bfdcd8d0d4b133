import gcoord from 'gcoord'

import type { Crs } from '../../domain/files'

export type { Crs }

/** What a .prj (WKT) or a GeoJSON `crs` member says about the coordinates. */
export type Detected =
  | { kind: 'geographic'; crs: Crs; name: string }
  | { kind: 'projected'; name: string }
  | { kind: 'unsupported'; name: string; reason: string }
  | { kind: 'unknown'; name: string }

const nameOf = (wkt: string) => /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? wkt.slice(0, 60)

/**
 * Reads a Shapefile's .prj. GCJ-02 ("Mars coordinates", used by Chinese web maps) is converted;
 * CGCS2000 (the national datum, EPSG 4490) is taken as WGS 84 — the two differ by well under a
 * metre, less than any village boundary's own accuracy; a projected CRS is unprojected by proj4.
 * Xi'an 1980 and Beijing 1954 differ from WGS 84 by tens of metres and need the survey's own
 * transformation parameters, so they are refused with that reason rather than misplaced.
 */
export function detectPrj(wkt: string): Detected {
  const name = nameOf(wkt)
  const text = wkt.toUpperCase()
  if (/XIAN.?1980|XI'?AN|BEIJING.?1954|西安|北京/.test(text))
    return { kind: 'unsupported', name, reason: 'Xi’an 1980 and Beijing 1954 need the survey’s transformation parameters; convert the file to CGCS2000 first' }
  if (/BD.?09|BAIDU/.test(text)) return { kind: 'unsupported', name, reason: 'Baidu BD-09 coordinates are not accepted; convert to GCJ-02 or WGS 84' }
  if (/GCJ|MARS|火星/.test(text)) {
    if (text.includes('PROJCS')) return { kind: 'unsupported', name, reason: 'a projected GCJ-02 file cannot be unprojected; export it in longitude/latitude' }
    return { kind: 'geographic', crs: 'gcj02', name }
  }
  if (text.includes('PROJCS')) return { kind: 'projected', name }
  if (/CGCS|CHINA.?(GEODETIC.?COORDINATE.?SYSTEM.?)?2000|CHINA_2000|4490/.test(text)) return { kind: 'geographic', crs: 'cgcs2000', name }
  if (/WGS.?(19)?84|4326/.test(text)) return { kind: 'geographic', crs: 'wgs84', name }
  return { kind: 'unknown', name }
}

/** A GeoJSON file's legacy `crs` member (RFC 7946 dropped it: no member means WGS 84). */
export function detectGeoJsonCrs(crs: unknown): Detected | undefined {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name
  if (typeof name !== 'string') return undefined
  if (/CRS84|EPSG:{1,2}4326$/i.test(name)) return { kind: 'geographic', crs: 'wgs84', name }
  if (/EPSG:{1,2}4490$/i.test(name)) return { kind: 'geographic', crs: 'cgcs2000', name }
  if (/GCJ/i.test(name)) return { kind: 'geographic', crs: 'gcj02', name }
  return { kind: 'unsupported', name, reason: 'a GeoJSON file must be in longitude/latitude (WGS 84, CGCS2000 or GCJ-02)' }
}

/** A geometry in WGS 84: GCJ-02 converted, CGCS2000 and WGS 84 as they are. */
export function toWgs84(g: GeoJSON.Polygon | GeoJSON.MultiPolygon, crs: Crs): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  // Only type and coordinates are kept: a stale `bbox` member (files carry them, gcoord adds one)
  // would make every later point-in-polygon test wrong.
  const clean = { type: g.type, coordinates: structuredClone(g.coordinates) } as GeoJSON.Polygon | GeoJSON.MultiPolygon
  if (crs !== 'gcj02') return clean
  const { type, coordinates } = gcoord.transform(clean as never, gcoord.GCJ02, gcoord.WGS84) as unknown as GeoJSON.Polygon
  return { type, coordinates } as GeoJSON.Polygon | GeoJSON.MultiPolygon
}
