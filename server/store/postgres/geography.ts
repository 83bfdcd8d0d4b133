import type { AreaLevel } from '../../domain/areas'
import type { Site } from '../../domain/schemas'
import type { SiteKind } from '../../domain/sites'
import type { AreaRecord, AreaStore, BasemapRecord, BasemapStore, SiteStore } from '../types'
import type { PgSync } from './bridge'
import { copyRows } from './geography-copy'

export { geographySchema } from './geography-schema'
export { boundaryStore } from './geography-boundaries'

interface AreaRow {
  id: string; code: string; name: string; full_name: string | null; level: string; parent_id: string | null
  population: number | null; households: number | null; label_lon: number; label_lat: number
  min_lon: number; min_lat: number; max_lon: number; max_lat: number; geometry: string
}

/** Every column the port returns, and not the PostGIS copy of the shape (never sent back). */
const AREA_COLUMNS = `id, code, name, full_name, level, parent_id, population, households,
  label_lon, label_lat, min_lon, min_lat, max_lon, max_lat, geometry`

const areaOf = (r: AreaRow): AreaRecord => ({
  id: r.id, code: r.code, name: r.name, fullName: r.full_name, level: r.level as AreaLevel, parentId: r.parent_id,
  population: r.population, households: r.households, label: [r.label_lon, r.label_lat],
  bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat], geometry: JSON.parse(r.geometry) as AreaRecord['geometry'],
})

/**
 * Areas in the order they were inserted (`ord`, continued across calls as SQLite's). insertMany is
 * a COPY, not a round trip per area; parents come before their children, as in SQLite.
 */
export function areaStore(db: PgSync): AreaStore {
  return {
    insertMany(areas) {
      if (areas.length === 0) return
      const first = db.value<number>('SELECT coalesce(max(ord), -1) + 1 FROM areas') ?? 0
      copyRows(db, 'areas', ['id', 'code', 'name', 'full_name', 'level', 'parent_id', 'population', 'households',
        'label_lon', 'label_lat', 'min_lon', 'min_lat', 'max_lon', 'max_lat', 'geometry', 'ord'],
      areas.map((a, i) => [a.id, a.code, a.name, a.fullName, a.level, a.parentId, a.population, a.households,
        a.label[0], a.label[1], ...a.bbox, JSON.stringify(a.geometry), first + i]))
    },
    list(level) {
      const rows = level
        ? db.query<AreaRow>(`SELECT ${AREA_COLUMNS} FROM areas WHERE level = $1 ORDER BY ord`, [level])
        : db.query<AreaRow>(`SELECT ${AREA_COLUMNS} FROM areas ORDER BY ord`)
      return rows.map(areaOf)
    },
    get(id) {
      const r = db.one<AreaRow>(`SELECT ${AREA_COLUMNS} FROM areas WHERE id = $1`, [id])
      return r && areaOf(r)
    },
    count() {
      return db.value<number>('SELECT count(*) FROM areas') ?? 0
    },
  }
}

/** Roads, rivers and reservoirs drawn under the map, listed in the order they were inserted. */
export function basemapStore(db: PgSync): BasemapStore {
  return {
    insertMany(features) {
      if (features.length === 0) return
      copyRows(db, 'basemap', ['id', 'kind', 'name', 'geometry'], features.map((f) => [f.id, f.kind, f.name, JSON.stringify(f.geometry)]))
    },
    list() {
      return db.query<Omit<BasemapRecord, 'geometry'> & { geometry: string }>('SELECT id, kind, name, geometry FROM basemap ORDER BY ord')
        .map((r) => ({ ...r, geometry: JSON.parse(r.geometry) as GeoJSON.Geometry }))
    },
  }
}

interface SiteRow {
  // kind: only the seed writes sites, with kinds of the domain's list
  id: string; name: string; kind: SiteKind; area_id: string; village_id: string; lon: number; lat: number
  responsible_name: string; responsible_phone: string; measures: string
}
const SITE_COLUMNS = 'id, name, kind, area_id, village_id, lon, lat, responsible_name, responsible_phone, measures'
const siteOf = (r: SiteRow): Site => ({
  id: r.id, name: r.name, kind: r.kind, areaId: r.area_id, villageId: r.village_id, location: [r.lon, r.lat],
  responsible: { name: r.responsible_name, phone: r.responsible_phone }, measures: JSON.parse(r.measures) as Site['measures'],
})

/**
 * Key sites, listed by id in byte order (`COLLATE "C"`, as SQLite compares text), whatever the
 * database's collation. An empty `kind` filters nothing; an empty `villageIds` matches no site.
 */
export function siteStore(db: PgSync): SiteStore {
  return {
    insertMany(sites) {
      if (sites.length === 0) return
      copyRows(db, 'sites', ['id', 'name', 'kind', 'area_id', 'village_id', 'lon', 'lat', 'responsible_name', 'responsible_phone', 'measures'],
        sites.map((s) => [s.id, s.name, s.kind, s.areaId, s.villageId, s.location[0], s.location[1], s.responsible.name,
          s.responsible.phone, JSON.stringify(s.measures)]))
    },
    list(filter = {}) {
      const where: string[] = []
      const params: unknown[] = []
      if (filter.kind?.length) {
        params.push(filter.kind)
        where.push(`kind = ANY($${params.length}::text[])`)
      }
      if (filter.villageIds) {
        params.push(filter.villageIds)
        where.push(`village_id = ANY($${params.length}::text[])`)
      }
      const sql = `SELECT ${SITE_COLUMNS} FROM sites ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id COLLATE "C"`
      return db.query<SiteRow>(sql, params).map(siteOf)
    },
    get(id) {
      const r = db.one<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE id = $1`, [id])
      return r && siteOf(r)
    },
  }
}
