import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { syncDir } from '../services/durable-file'
import { openPgSync } from '../store/postgres/bridge'
import { databaseName, runPgTool } from './pg-archive-tools'

/** What an archive holds, counted in the snapshot pg_dump writes. */
interface Contents {
  hazards: number
  photos: number
  bytes: number
  audit: number
  /** photo rows (hazards' and inspections') whose bytes are not in photo_files */
  missing: number
}

/**
 * The PostgreSQL mode's backup: `pg_dump -Fc` of DATABASE_URL, photos included (their bytes are in
 * photo_files), taken while the servers keep writing. This command opens a repeatable-read
 * transaction, exports its snapshot and hands it to pg_dump (--snapshot), so the counts it prints
 * and its check that every photo row has its bytes are of exactly what the archive holds. Written
 * to `partial`, fsynced, renamed to `out`; the summary line, or throws.
 */
export function backupPostgres(url: string, out: string, partial: string): string {
  const db = openPgSync(url, 'pingan-backup')
  let contents: Contents
  try {
    db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = db.value<string>('SELECT pg_export_snapshot()')!
    contents = db.one<Contents>(`
      WITH rows AS (SELECT file, bytes FROM photos UNION ALL SELECT file, bytes FROM inspection_photos)
      SELECT (SELECT count(*) FROM hazards) AS hazards, (SELECT count(*) FROM rows) AS photos,
        (SELECT coalesce(sum(bytes), 0) FROM rows) AS bytes, (SELECT count(*) FROM audit) AS audit,
        (SELECT count(*) FROM rows WHERE NOT EXISTS (SELECT 1 FROM photo_files f WHERE f.name = rows.file)) AS missing`)!
    if (contents.missing > 0) throw new Error(`${contents.missing} photo rows have no bytes in photo_files; the database is not whole (was it copied without its photos?)`)
    // The snapshot lives as long as this transaction: pg_dump runs while it is open.
    runPgTool('pg_dump', ['--format=custom', `--file=${partial}`, `--snapshot=${snapshot}`], url)
    db.exec('COMMIT')
  } finally {
    db.close()
  }
  // The finished archive appears under its name whole, or not at all.
  const fd = openSync(partial, 'r+')
  fsyncSync(fd)
  closeSync(fd)
  renameSync(partial, out)
  syncDir(dirname(out))
  const mb = (contents.bytes / 1048576).toFixed(1)
  return `backup written to ${out} (pg_dump of ${databaseName(url)}): ${contents.hazards} hazards, ${contents.photos} photos (${mb} MB), ${contents.audit} audit rows`
}
