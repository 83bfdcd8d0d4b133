import type { BoundaryStore } from '../types'
import type { PgSync } from './bridge'
import { copyOut } from './geography-copy'

/** The advisory lock a boundary import holds until it commits (any fixed number no other lock uses). */
export const BOUNDARY_IMPORT_LOCK = 16_000_001

/**
 * Writes of a boundary import; the service runs them together in one transaction. Each is one
 * statement over arrays (unnest), never a round trip per area, hazard or site: a city's import
 * places hundreds of thousands of hazards. Like SQLite's, they record nothing beside the rows they
 * change (the service's audit row says who replaced what), ids that match no row are passed over,
 * and a row already where it is sent is not counted as moved.
 *
 * Imports exclude one another across server instances, as SQLite's write transaction does: the
 * first write of the tree (replaceShapes, setParents) takes a transaction-scoped advisory lock, so
 * a second import waits for the first to commit and then reads the tree and the hazards it left.
 */
export function boundaryStore(db: PgSync): BoundaryStore {
  const exclusive = () => void db.run('SELECT pg_advisory_xact_lock($1)', [BOUNDARY_IMPORT_LOCK])
  return {
    replaceShapes(shapes) {
      if (shapes.length === 0) return
      exclusive()
      // Writing `geometry` recomputes the generated PostGIS `geom` in the same statement.
      db.run(`UPDATE areas a SET parent_id = s.parent_id, label_lon = s.label_lon, label_lat = s.label_lat,
          min_lon = s.min_lon, min_lat = s.min_lat, max_lon = s.max_lon, max_lat = s.max_lat, geometry = s.geometry
        FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::text[])
          AS s(id, parent_id, label_lon, label_lat, min_lon, min_lat, max_lon, max_lat, geometry)
        WHERE a.id = s.id`, [
        shapes.map((s) => s.id), shapes.map((s) => s.parentId), shapes.map((s) => s.label[0]), shapes.map((s) => s.label[1]),
        shapes.map((s) => s.bbox[0]), shapes.map((s) => s.bbox[1]), shapes.map((s) => s.bbox[2]), shapes.map((s) => s.bbox[3]),
        shapes.map((s) => JSON.stringify(s.geometry)),
      ])
    },
    setParents(changes) {
      if (changes.length === 0) return
      exclusive()
      db.run(`UPDATE areas a SET parent_id = c.parent_id FROM unnest($1::text[], $2::text[]) AS c(id, parent_id) WHERE a.id = c.id`,
        [changes.map((c) => c.id), changes.map((c) => c.parentId)])
    },
    placeHazards(rows) {
      if (rows.length === 0) return 0
      return db.run(`UPDATE hazards h SET area_id = r.area_id, village_id = r.village_id, district_id = r.district_id
        FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[]) AS r(id, area_id, village_id, district_id)
        WHERE h.id = r.id AND (h.area_id, h.village_id, h.district_id) IS DISTINCT FROM (r.area_id, r.village_id, r.district_id)`,
      [rows.map((r) => r.id), rows.map((r) => r.areaId), rows.map((r) => r.villageId), rows.map((r) => r.districtId)])
    },
    placeSites(rows) {
      if (rows.length === 0) return 0
      return db.run(`UPDATE sites s SET area_id = r.area_id, village_id = r.village_id
        FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, area_id, village_id)
        WHERE s.id = r.id AND (s.area_id, s.village_id) IS DISTINCT FROM (r.area_id, r.village_id)`,
      [rows.map((r) => r.id), rows.map((r) => r.areaId), rows.map((r) => r.villageId)])
    },
    refreshInspections() {
      // The same derivation as an inspection's insert: its village and district follow from the area inspected.
      db.run(`UPDATE inspections i SET village_id = p.village_id, district_id = p.district_id
        FROM (SELECT a.id,
            CASE a.level WHEN 'village' THEN a.id WHEN 'grid' THEN a.parent_id END AS village_id,
            CASE a.level WHEN 'district' THEN a.id WHEN 'village' THEN a.parent_id WHEN 'grid' THEN up.parent_id END AS district_id
          FROM areas a LEFT JOIN areas up ON up.id = a.parent_id) p
        WHERE p.id = i.area_id AND (i.village_id, i.district_id) IS DISTINCT FROM (p.village_id, p.district_id)`)
    },
    hazardPoints() {
      // Every hazard of the ledger (half a million in a city): one COPY, not a query's rows.
      return copyOut(db, 'SELECT id, lon, lat, area_id FROM hazards ORDER BY id').map(([id, lon, lat, areaId]) => ({
        id: Number(id), location: [Number(lon), Number(lat)], areaId: areaId as string,
      }))
    },
  }
}
