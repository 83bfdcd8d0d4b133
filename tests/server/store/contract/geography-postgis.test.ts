import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../../../server/store/postgres'
import { BOUNDARY_IMPORT_LOCK } from '../../../../server/store/postgres/geography-boundaries'
import type { Store } from '../../../../server/store/types'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'
import { box, makeSite, smallTown } from './geography-fixtures'

/**
 * PostgreSQL only: the PostGIS copy of each shape (`geom`) that spatial questions read, beside the
 * GeoJSON text the port returns. The port never shows it, so these tests ask the database directly.
 */
let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

/** A store holding the small town, and a connection of its own to the same database; lockTimeout: the store's sessions' lock_timeout. */
async function openTown(o: { lockTimeout?: string } = {}): Promise<{ store: Store; sql: pg.Client }> {
  const db = await createDatabase()
  const sql = new pg.Client({ connectionString: db.url })
  await sql.connect()
  if (o.lockTimeout) await sql.query(`ALTER DATABASE ${db.name} SET lock_timeout = '${o.lockTimeout}'`)
  const store = openPostgresStore(db.url)
  close = async () => {
    await sql.end()
    store.close()
    await dropDatabase(db.name)
  }
  store.areas.insertMany(smallTown())
  return { store, sql }
}

const rows = async <T>(sql: pg.Client, text: string, values: unknown[] = []) => (await sql.query(text, values)).rows as T[]

describe.skipIf(!onPostgres())('the PostgreSQL store: PostGIS shapes beside the GeoJSON', () => {
  it('keeps each area’s shape as a MultiPolygon in WGS 84 equal to its GeoJSON', async () => {
    const { sql } = await openTown()
    const shapes = await rows<{ id: string; type: string; srid: number; same: boolean }>(sql,
      `SELECT id, GeometryType(geom) AS type, ST_SRID(geom) AS srid, ST_Equals(geom, ST_GeomFromGeoJSON(geometry)) AS same FROM areas ORDER BY ord`)
    expect(shapes).toEqual(smallTown().map((a) => ({ id: a.id, type: 'MULTIPOLYGON', srid: 4326, same: true })))
  })

  it('follows a boundary import: a replaced shape answers spatial questions at once, in the same transaction', async () => {
    const { store, sql } = await openTown()
    const holder = async () => (await rows<{ id: string }>(sql,
      `SELECT id FROM areas WHERE level = 'village' AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(120.55, 36.5), 4326)) ORDER BY ord`)).map((r) => r.id)
    expect(await holder()).toEqual(['V2'])
    store.transaction(() => {
      store.boundaries.replaceShapes([
        { id: 'V1', parentId: 'D1', label: [120.3, 36.5], bbox: [120, 36, 120.6, 37], geometry: box(120, 36, 120.6, 37) },
        { id: 'V2', parentId: 'D2', label: [120.8, 36.5], bbox: [120.6, 36, 121, 37], geometry: box(120.6, 36, 121, 37) },
      ])
    })
    expect(await holder()).toEqual(['V1'])
    expect(await rows(sql, 'SELECT id FROM areas WHERE NOT ST_Equals(geom, ST_GeomFromGeoJSON(geometry))')).toEqual([])
  })

  it('keeps each site’s point, which finds the grid cell holding it', async () => {
    const { store, sql } = await openTown()
    store.sites.insertMany([makeSite('S1', 'G2', 'V2', [120.75, 36.25]), makeSite('S2', 'G1', 'V1', [120.123456789012, 36.9])])
    const found = await rows<{ site: string; cell: string; lon: number; lat: number }>(sql,
      `SELECT s.id AS site, a.id AS cell, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat FROM sites s
        JOIN areas a ON a.level = 'grid' AND ST_Contains(a.geom, s.geom) ORDER BY s.id`)
    expect(found).toEqual([{ site: 'S1', cell: 'G2', lon: 120.75, lat: 36.25 }, { site: 'S2', cell: 'G1', lon: 120.123456789012, lat: 36.9 }])
  })

  it('lets one boundary import at a time write the tree, across server instances', async () => {
    // this instance gives up waiting for a lock after 300 ms
    const { store, sql } = await openTown({ lockTimeout: '300ms' })
    const shape = { id: 'V2', parentId: 'D2', label: [120.8, 36.5] as [number, number], bbox: [120.6, 36, 121, 37] as [number, number, number, number], geometry: box(120.6, 36, 121, 37) }
    // another instance's import, not yet committed
    await sql.query('BEGIN')
    await sql.query('SELECT pg_advisory_xact_lock($1)', [BOUNDARY_IMPORT_LOCK])
    expect(() => store.transaction(() => store.boundaries.replaceShapes([shape]))).toThrow(expect.objectContaining({ code: '55P03' }))
    expect(() => store.transaction(() => store.boundaries.setParents([{ id: 'V1', parentId: 'D2' }]))).toThrow(expect.objectContaining({ code: '55P03' }))
    await sql.query('COMMIT')
    store.transaction(() => {
      store.boundaries.replaceShapes([shape])
      store.boundaries.setParents([{ id: 'V1', parentId: 'D2' }])
    })
    expect(store.areas.get('V2')?.geometry).toEqual(shape.geometry)
    expect(store.areas.get('V1')?.parentId).toBe('D2')
  })

  it('has GiST indexes the planner uses for those questions', async () => {
    const { sql } = await openTown()
    await sql.query('SET enable_seqscan = off')
    const plan = (await rows<{ 'QUERY PLAN': string }>(sql,
      `EXPLAIN SELECT id FROM areas WHERE ST_Intersects(geom, ST_MakeEnvelope(120.1, 36.1, 120.2, 36.2, 4326))`)).map((r) => r['QUERY PLAN']).join('\n')
    expect(plan).toContain('areas_geom')
    const indexes = await rows<{ indexname: string }>(sql, `SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist%' ORDER BY indexname`)
    expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(['areas_geom', 'basemap_geom', 'sites_geom']))
  })
})
