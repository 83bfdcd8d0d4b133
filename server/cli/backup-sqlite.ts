import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Env } from '../env'
import { syncDir } from '../services/durable-file'

/**
 * The SQLite mode's backup: one consistent archive of the database and the photos, taken while the
 * server keeps writing. The archive is itself a SQLite file: `VACUUM INTO` copies the database as
 * one read transaction saw it (WAL lets writers go on meanwhile), and every photo that copy refers
 * to (hazards' and inspections') goes into its backup_photos table with its size and sha256. Photos are written and fsynced
 * before their row is committed and never changed after, so each file the snapshot names is whole
 * on disk. Written to `partial`, renamed to `out` once whole; the summary line, or throws.
 */
export function backupSqlite(env: Pick<Env, 'DB_PATH' | 'VAR_DIR'>, out: string, partial: string): string {
  const source = new Database(env.DB_PATH, { readonly: true, fileMustExist: true })
  source.pragma('busy_timeout = 5000')
  try {
    source.prepare('VACUUM INTO ?').run(partial)
  } finally {
    source.close()
  }

  const archive = new Database(partial)
  try {
    archive.exec(`
      CREATE TABLE backup_photos (file TEXT PRIMARY KEY, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL) STRICT;
      CREATE TABLE backup_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`)
    const photoDir = join(env.VAR_DIR, 'photos')
    // Hazards' photos and inspections' (an archive before inspections' were added lacks the key inspection_photos).
    const files = archive.prepare('SELECT file, bytes FROM photos UNION ALL SELECT file, bytes FROM inspection_photos').all() as Array<{ file: string; bytes: number }>
    const insert = archive.prepare('INSERT INTO backup_photos (file, bytes, sha256, data) VALUES (?, ?, ?, ?)')
    const info = archive.prepare('INSERT INTO backup_info (key, value) VALUES (?, ?)')
    let bytes = 0
    archive.transaction(() => {
      for (const f of files) {
        const data = readFileSync(join(photoDir, f.file))
        if (data.length !== f.bytes) throw new Error(`photo ${f.file} has ${data.length} bytes on disk, its row says ${f.bytes}`)
        insert.run(f.file, data.length, createHash('sha256').update(data).digest('hex'), data)
        bytes += data.length
      }
      info.run('taken_at', new Date().toISOString())
      info.run('schema_version', String(archive.pragma('user_version', { simple: true })))
      info.run('photos', String(files.length))
      info.run('inspection_photos', 'included')
    })()
    const hazards = archive.prepare('SELECT count(*) FROM hazards').pluck().get() as number
    archive.close()
    // The finished archive appears under its name whole, or not at all.
    const fd = openSync(partial, 'r+')
    fsyncSync(fd)
    closeSync(fd)
    renameSync(partial, out)
    syncDir(dirname(out))
    return `backup written to ${out}: ${hazards} hazards, ${files.length} photos (${(bytes / 1048576).toFixed(1)} MB)`
  } catch (err) {
    if (archive.open) archive.close()
    rmSync(partial, { force: true })
    throw err
  }
}
