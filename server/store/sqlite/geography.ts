import type Database from 'better-sqlite3'
import type { AreaLevel } from '../../domain/areas'
import type { Site } from '../../domain/schemas'
import type { SiteKind } from '../../domain/sites'
import type { AreaRecord, AreaStore, BasemapRecord, BasemapStore, SiteStore } from '../types'

interface AreaRow {
  id: string; code: string; name: string; full_name: string | null; level: string; parent_id: string | null
  population: number | null; households: number | null; label_lon: number; label_lat: number
  min_lon: number; min_lat: number; max_lon: number; max_lat: number; geometry: string
}

const areaOf = (r: AreaRow): AreaRecord => ({
  id: r.id, code: r.code, name: r.name, fullName: r.full_name, level: r.level as AreaLevel, parentId: r.parent_id,
  population: r.population, households: r.households, label: [r.label_lon, r.label_lat],
  bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat], geometry: JSON.parse(r.geometry) as AreaRecord['geometry'],
})

export function areaStore(db: Database.Database): AreaStore {
  const insert = db.prepare(`INSERT INTO areas (id, code, name, full_name, level, parent_id, population, households,
    label_lon, label_lat, min_lon, min_lat, max_lon, max_lat, geometry, ord)
    VALUES (@id, @code, @name, @fullName, @level, @parentId, @population, @households,
    @labelLon, @labelLat, @minLon, @minLat, @maxLon, @maxLat, @geometry, @ord)`)
  const all = db.prepare('SELECT * FROM areas ORDER BY ord')
  const ofLevel = db.prepare('SELECT * FROM areas WHERE level = ? ORDER BY ord')
  const one = db.prepare('SELECT * FROM areas WHERE id = ?')
  const count = db.prepare('SELECT count(*) FROM areas').pluck()
  const maxOrd = db.prepare('SELECT coalesce(max(ord), -1) FROM areas').pluck()
  return {
    insertMany(areas) {
      let ord = (maxOrd.get() as number) + 1
      for (const a of areas) {
        const [minLon, minLat, maxLon, maxLat] = a.bbox
        insert.run({
          ...a, labelLon: a.label[0], labelLat: a.label[1], minLon, minLat, maxLon, maxLat,
          geometry: JSON.stringify(a.geometry), ord: ord++,
        })
      }
    },
    list(level) {
      return ((level ? ofLevel.all(level) : all.all()) as AreaRow[]).map(areaOf)
    },
    get(id) {
      const r = one.get(id) as AreaRow | undefined
      return r && areaOf(r)
    },
    count() {
      return count.get() as number
    },
  }
}

export function basemapStore(db: Database.Database): BasemapStore {
  const insert = db.prepare('INSERT INTO basemap (id, kind, name, geometry) VALUES (@id, @kind, @name, @geometry)')
  const all = db.prepare('SELECT id, kind, name, geometry FROM basemap ORDER BY rowid')
  return {
    insertMany(features) {
      for (const f of features) insert.run({ ...f, geometry: JSON.stringify(f.geometry) })
    },
    list() {
      return (all.all() as Array<Omit<BasemapRecord, 'geometry'> & { geometry: string }>).map((r) => ({
        ...r, geometry: JSON.parse(r.geometry) as GeoJSON.Geometry,
      }))
    },
  }
}

interface SiteRow {
  // kind: only the seed writes sites, with kinds of the domain's list
  id: string; name: string; kind: SiteKind; area_id: string; village_id: string; lon: number; lat: number
  responsible_name: string; responsible_phone: string; measures: string
}
const siteOf = (r: SiteRow): Site => ({
  id: r.id, name: r.name, kind: r.kind, areaId: r.area_id, villageId: r.village_id, location: [r.lon, r.lat],
  responsible: { name: r.responsible_name, phone: r.responsible_phone }, measures: JSON.parse(r.measures) as Site['measures'],
})

export function siteStore(db: Database.Database): SiteStore {
  const insert = db.prepare(`INSERT INTO sites (id, name, kind, area_id, village_id, lon, lat, responsible_name,
    responsible_phone, measures) VALUES (@id, @name, @kind, @areaId, @villageId, @lon, @lat, @rName, @rPhone, @measures)`)
  const one = db.prepare('SELECT * FROM sites WHERE id = ?')
  return {
    insertMany(sites) {
      for (const s of sites)
        insert.run({
          ...s, lon: s.location[0], lat: s.location[1], rName: s.responsible.name, rPhone: s.responsible.phone,
          measures: JSON.stringify(s.measures),
        })
    },
    list(filter = {}) {
      const where: string[] = []
      const params: string[] = []
      if (filter.kind?.length) {
        where.push(`kind IN (${filter.kind.map(() => '?').join(',')})`)
        params.push(...filter.kind)
      }
      if (filter.villageIds) {
        where.push(`village_id IN (SELECT value FROM json_each(?))`)
        params.push(JSON.stringify(filter.villageIds))
      }
      const sql = `SELECT * FROM sites ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`
      return (db.prepare(sql).all(...params) as SiteRow[]).map(siteOf)
    },
    get(id) {
      const r = one.get(id) as SiteRow | undefined
      return r && siteOf(r)
    },
  }
}
