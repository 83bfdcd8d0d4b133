import type Database from 'better-sqlite3'
import type { BoundaryStore } from '../types'

/** Writes of a boundary import; the service runs them together in one transaction. */
export function boundaryStore(db: Database.Database): BoundaryStore {
  const shape = db.prepare(`UPDATE areas SET parent_id = @parentId, label_lon = @lon, label_lat = @lat,
    min_lon = @minLon, min_lat = @minLat, max_lon = @maxLon, max_lat = @maxLat, geometry = @geometry WHERE id = @id`)
  const parent = db.prepare('UPDATE areas SET parent_id = ? WHERE id = ?')
  const hazard = db.prepare(`UPDATE hazards SET area_id = @areaId, village_id = @villageId, district_id = @districtId
    WHERE id = @id AND (area_id, village_id, district_id) IS NOT (@areaId, @villageId, @districtId)`)
  const site = db.prepare('UPDATE sites SET area_id = @areaId, village_id = @villageId WHERE id = @id AND (area_id, village_id) IS NOT (@areaId, @villageId)')
  const points = db.prepare('SELECT id, lon, lat, area_id AS areaId FROM hazards ORDER BY id')
  // The same derivation as an inspection's insert: its village and district follow from the area inspected.
  const inspections = db.prepare(`UPDATE inspections SET
    village_id = (SELECT CASE a.level WHEN 'village' THEN a.id WHEN 'grid' THEN a.parent_id END FROM areas a WHERE a.id = inspections.area_id),
    district_id = (SELECT CASE a.level WHEN 'district' THEN a.id WHEN 'village' THEN a.parent_id
      WHEN 'grid' THEN (SELECT p.parent_id FROM areas p WHERE p.id = a.parent_id) END FROM areas a WHERE a.id = inspections.area_id)`)
  return {
    replaceShapes(shapes) {
      for (const s of shapes) {
        const [minLon, minLat, maxLon, maxLat] = s.bbox
        shape.run({ id: s.id, parentId: s.parentId, lon: s.label[0], lat: s.label[1], minLon, minLat, maxLon, maxLat, geometry: JSON.stringify(s.geometry) })
      }
    },
    setParents(changes) {
      for (const c of changes) parent.run(c.parentId, c.id)
    },
    placeHazards(rows) {
      let n = 0
      for (const r of rows) n += hazard.run(r).changes
      return n
    },
    placeSites(rows) {
      let n = 0
      for (const r of rows) n += site.run(r).changes
      return n
    },
    refreshInspections() {
      inspections.run()
    },
    hazardPoints() {
      return (points.all() as Array<{ id: number; lon: number; lat: number; areaId: string }>).map((r) => ({ id: r.id, location: [r.lon, r.lat], areaId: r.areaId }))
    },
  }
}
