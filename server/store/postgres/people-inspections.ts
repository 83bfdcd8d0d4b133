import type { CheckRecord } from '../../domain/check-plans'
import type { InspectionPhotoRecord, InspectionStore, NewInspection, StoredInspection } from '../types'
import type { PgSync } from './bridge'

const inspectionCols = `id, source, area_id AS "areaId", date, inspectors, checked, findings, hazards_found AS "hazardsFound", category,
  site_id AS "siteId", lon, lat, created_at AS "createdAt", created_by AS "createdBy", village_id AS "villageId", district_id AS "districtId"`
const photoCols = `id, inspection_id AS "inspectionId", mime, bytes, width, height, file, created_by AS "createdBy", created_at AS "createdAt"`

type InspectionRow = Omit<StoredInspection, 'location'> & { lon: number | null; lat: number | null }
const inspectionOf = ({ lon, lat, ...row }: InspectionRow): StoredInspection => ({ ...row, location: lon === null || lat === null ? null : [lon, lat] })

/** The village and district an inspection is recorded for, from its area `a` (and the area's parent `p`), as SQLite's insert finds them. */
const villageOf = `CASE a.level WHEN 'village' THEN a.id WHEN 'grid' THEN a.parent_id END`
const districtOf = `CASE a.level WHEN 'district' THEN a.id WHEN 'village' THEN a.parent_id WHEN 'grid' THEN p.parent_id END`

/** The columns an insert binds, in this order, with a new row's optional fields as NULL. */
const bound = (r: NewInspection) => [
  r.source, r.areaId, r.date, r.inspectors, r.checked, r.findings, r.hazardsFound, r.createdBy,
  r.category ?? null, r.siteId ?? null, r.location?.[0] ?? null, r.location?.[1] ?? null, r.createdAt ?? null,
]
const boundTypes = ['text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'float8', 'float8', 'text']
const boundCols = 'source, area_id, date, inspectors, checked, findings, hazards_found, created_by, category, site_id, lon, lat, created_at'

/** Rows per statement of insertMany: one statement binds every column as an array. */
const BATCH = 5_000

export function inspectionStore(db: PgSync): InspectionStore {
  const insertRows = (rows: readonly (NewInspection & { id: number })[]) => {
    const values = rows.map(bound)
    const columns = [rows.map((r) => r.id), ...boundTypes.map((_, i) => values.map((v) => v[i]))]
    const arrays = ['int', ...boundTypes].map((t, i) => `$${i + 1}::${t}[]`).join(', ')
    db.run(
      `INSERT INTO inspections (id, village_id, district_id, ${boundCols})
       SELECT r.id, ${villageOf}, ${districtOf}, ${boundCols.split(', ').map((c) => `r.${c}`).join(', ')}
       FROM unnest(${arrays}) WITH ORDINALITY AS r(id, ${boundCols}, n)
       LEFT JOIN areas a ON a.id = r.area_id LEFT JOIN areas p ON p.id = a.parent_id
       ORDER BY r.n`,
      columns,
    )
  }
  return {
    checkRecords(from, to) {
      // The recorder's lead unit: a unit's focused round often names no category, its account does.
      return db.query<CheckRecord>(
        `SELECT i.id, i.source, i.date, i.category, i.village_id AS "villageId", i.district_id AS "districtId", i.site_id AS "siteId", u.lead_unit AS unit
         FROM inspections i LEFT JOIN users u ON u.username = i.created_by WHERE i.date BETWEEN $1 AND $2 ORDER BY i.date, i.id`,
        [from, to],
      )
    },
    perVillage(from, to, sources) {
      const rows = db.query<{ v: string; n: number; last: string }>(
        `SELECT village_id AS v, count(*) AS n, max(date) AS last FROM inspections
         WHERE village_id IS NOT NULL AND date BETWEEN $1 AND $2 AND source = ANY($3::text[]) GROUP BY village_id`,
        [from, to, sources],
      )
      return new Map(rows.map((r) => [r.v, { count: r.n, last: r.last }]))
    },
    insertMany(rows) {
      if (!rows.length) return
      for (let i = 0; i < rows.length; i += BATCH) insertRows(rows.slice(i, i + BATCH))
      // Explicit ids leave the identity behind: the next insert continues after the highest.
      db.run(`SELECT setval(pg_get_serial_sequence('inspections', 'id'), GREATEST((SELECT max(id) FROM inspections), 1))`)
    },
    insert(row) {
      const values = bound(row)
      const params = values.map((_, i) => `$${i + 1}::${boundTypes[i]}`)
      const r = db.one<InspectionRow>(
        `INSERT INTO inspections (village_id, district_id, ${boundCols})
         SELECT ${villageOf}, ${districtOf}, ${params.join(', ')}
         FROM (SELECT $2::text AS id) x LEFT JOIN areas a ON a.id = x.id LEFT JOIN areas p ON p.id = a.parent_id
         RETURNING ${inspectionCols}`,
        values,
      )
      return inspectionOf(r!)
    },
    get(id) {
      const row = db.one<InspectionRow>(`SELECT ${inspectionCols} FROM inspections WHERE id = $1`, [id])
      return row && inspectionOf(row)
    },
    insertPhoto(row) {
      return db.one<InspectionPhotoRecord>(
        `INSERT INTO inspection_photos (inspection_id, mime, bytes, width, height, file, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${photoCols}`,
        [row.inspectionId, row.mime, row.bytes, row.width, row.height, row.file, row.createdBy, row.createdAt],
      )!
    },
    photo(id) {
      return db.one<InspectionPhotoRecord>(`SELECT ${photoCols} FROM inspection_photos WHERE id = $1`, [id])
    },
    allPhotos() {
      return db.query<InspectionPhotoRecord>(`SELECT ${photoCols} FROM inspection_photos ORDER BY id`)
    },
    photosOf(ids) {
      const out = new Map<number, InspectionPhotoRecord[]>()
      if (!ids.length) return out
      for (const p of db.query<InspectionPhotoRecord>(`SELECT ${photoCols} FROM inspection_photos WHERE inspection_id = ANY($1::int[]) ORDER BY id`, [ids])) {
        const list = out.get(p.inspectionId)
        if (list) list.push(p)
        else out.set(p.inspectionId, [p])
      }
      return out
    },
    list(filter) {
      const where: string[] = []
      const params: unknown[] = []
      const param = (value: unknown) => `$${params.push(value)}`
      if (filter.villageIds) {
        // A village sees its own checks and the district-wide rounds that covered it.
        const villages = param(filter.villageIds)
        where.push(`(village_id = ANY(${villages}::text[]) OR (village_id IS NULL AND district_id IN (SELECT parent_id FROM areas WHERE id = ANY(${villages}::text[]))))`)
      }
      // A lead unit reaches its own category's inspections and the rounds of no one category.
      if (filter.categories) where.push(`(category IS NULL OR category = ANY(${param(filter.categories)}::text[]))`)
      if (filter.from) where.push(`date >= ${param(filter.from)}`)
      if (filter.to) where.push(`date <= ${param(filter.to)}`)
      if (filter.source?.length) where.push(`source = ANY(${param(filter.source)}::text[])`)
      const sql = `SELECT ${inspectionCols} FROM inspections ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY date DESC, id DESC LIMIT ${param(filter.limit ?? 1000)}`
      return db.query<InspectionRow>(sql, params).map(inspectionOf)
    },
  }
}
