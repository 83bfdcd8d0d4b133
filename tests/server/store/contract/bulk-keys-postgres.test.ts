import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../../../server/seed/demo'
import { openPostgresStore } from '../../../../server/store/postgres'
import { createDatabase, dropDatabase, onPostgres } from '../../../postgres/databases'

/**
 * PostgreSQL only: the bulk load sets aside the ledger's secondary indexes and foreign keys while the
 * rows stream in (server/store/postgres/bulk-load.ts), and must leave the schema exactly as the
 * migrations made it, every constraint checked over the loaded rows.
 */
const schemaSql = `
  SELECT 'constraint' AS kind, conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def, convalidated AS valid
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f')
  UNION ALL
  SELECT 'index', indrelid::regclass::text, indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisvalid
    FROM pg_index JOIN pg_class c ON c.oid = indexrelid WHERE c.relnamespace = 'public'::regnamespace
  ORDER BY 1, 2, 3`

describe.skipIf(!onPostgres())('the PostgreSQL bulk load and the schema', () => {
  let db: { name: string; url: string }
  let sql: pg.Client
  beforeAll(async () => {
    db = await createDatabase()
    sql = new pg.Client({ connectionString: db.url })
    await sql.connect()
  })
  afterAll(async () => {
    await sql.end()
    await dropDatabase(db.name)
  })

  it('leaves every key, foreign key and index the migrations made, each checked', async () => {
    const store = openPostgresStore(db.url)
    const before = (await sql.query(schemaSql)).rows
    expect(before.filter((r) => r.kind === 'constraint' && r.tbl === 'hazards').map((r) => r.name)).toEqual(
      expect.arrayContaining(['hazards_pkey', 'hazards_code_key', 'hazards_area_id_fkey']),
    )
    try {
      await seedDemo(store, { seed: 2026, scope: 'town', asOf: '2026-11-28', hazards: 300 })
    } finally {
      store.close()
    }
    const after = (await sql.query(schemaSql)).rows
    expect(after).toEqual(before)
    expect(after.every((r) => r.valid)).toBe(true)
    const { rows } = await sql.query('SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes FROM hazards')
    expect(rows[0]).toEqual({ n: 300, codes: 300 })
  })
})
