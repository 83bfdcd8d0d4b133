import { closeSync, openSync, readSync } from 'node:fs'
import { type PgSync, openPgSync } from '../store/postgres/bridge'
import { verifyPgAuditChain } from '../store/postgres/audit'
import { databaseName, runPgTool } from './pg-archive-tools'

/** Whether a file begins as pg_dump's custom format does. */
function isCustomArchive(file: string): boolean {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(5)
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP'
  } finally {
    closeSync(fd)
  }
}

/**
 * Tables of the database that are not an extension's own (PostGIS's spatial_ref_sys is there in a
 * database made with PostGIS in its template): a database with none is empty.
 */
const userTables = (db: PgSync) =>
  db.column<string>(`
    SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1 LIMIT 3`)

/**
 * Why `file` cannot be restored into DATABASE_URL (the operator's mistake: exit 2), or undefined:
 * it must be an archive of `npm run backup` on PostgreSQL, and the database must be empty.
 */
export function pgRestoreRefusal(url: string, file: string): string | undefined {
  if (!isCustomArchive(file)) return `${file} is not an archive made by npm run backup on PostgreSQL (pg_dump -Fc)`
  const db = openPgSync(url, 'pingan-restore')
  try {
    const tables = userTables(db)
    if (tables.length) return `${databaseName(url)} already holds a database (${tables.join(', ')}); restore goes into an empty database only.`
    return undefined
  } finally {
    db.close()
  }
}

/**
 * The PostgreSQL mode's restore: `pg_restore` of the archive into the empty DATABASE_URL, in one
 * transaction (a restore cut short leaves the database empty), owned by the restoring role. Then
 * checks what it restored as the SQLite restore does: every photo row has its bytes, and the audit
 * chain is intact. The summary line, or throws naming the first problem.
 */
export function restorePostgres(url: string, file: string): string {
  runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-comments'], url, file)
  const db = openPgSync(url, 'pingan-restore')
  try {
    const missing = db.value<number>(`
      SELECT count(*) FROM (SELECT file FROM photos UNION ALL SELECT file FROM inspection_photos) r
      WHERE NOT EXISTS (SELECT 1 FROM photo_files f WHERE f.name = r.file)`)!
    if (missing > 0) throw new Error(`the restored database has ${missing} photo rows without their bytes`)
    const audit = verifyPgAuditChain(db)
    if (!audit.ok) throw new Error(`the restored database's audit log is broken: ${audit.problem}`)
    const hazards = db.value<number>('SELECT count(*) FROM hazards')!
    const photos = db.value<number>('SELECT count(*) FROM photo_files')!
    return `restored ${file} into ${databaseName(url)}: ${hazards} hazards, ${photos} photos with their rows, audit log intact (${audit.rows} rows)`
  } finally {
    db.close()
  }
}
