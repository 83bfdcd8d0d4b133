import { createHash } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Env } from '../env'
import { syncDir, writeFileDurably } from '../services/durable-file'
import { verifyAuditChain } from '../store/sqlite/audit'

/** Whether a file begins as every SQLite database does (an archive of the SQLite mode is one). */
function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\0'
  } finally {
    closeSync(fd)
  }
}

/**
 * Why `file` cannot be restored into DB_PATH (the operator's mistake: exit 2), or undefined: it
 * must be a SQLite file (an archive of `npm run backup`), and DB_PATH must hold no database yet.
 */
export function sqliteRestoreRefusal(env: Pick<Env, 'DB_PATH'>, file: string): string | undefined {
  if (!isSqliteFile(file)) return `${file} is not an archive made by npm run backup on SQLite`
  const target = resolve(env.DB_PATH)
  const nonEmpty = (p: string) => existsSync(p) && statSync(p).size > 0
  return nonEmpty(target) || nonEmpty(`${target}-wal`) ? `${target} already holds a database; restore goes into an empty place only.` : undefined
}

/**
 * The SQLite mode's restore: puts an archive made by `npm run backup` back into an empty DB_PATH
 * and its photos into VAR_DIR/photos, each checked against the sha256 the backup recorded. The
 * database appears under DB_PATH only once everything is in place, so a restore cut short leaves
 * nothing a server would start on. The summary line, or throws.
 */
export function restoreSqlite(env: Pick<Env, 'DB_PATH' | 'VAR_DIR'>, file: string): string {
  const target = resolve(env.DB_PATH)
  mkdirSync(dirname(target), { recursive: true })
  const work = `${target}.restoring`
  rmSync(work, { force: true })
  copyFileSync(file, work)
  const db = new Database(work)
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('backup_photos', 'backup_info')").pluck().all()
    if (tables.length !== 2) throw new Error(`${file} is not an archive made by npm run backup`)
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`the archive fails PRAGMA integrity_check: ${String(integrity)}`)

    const photoDir = join(env.VAR_DIR, 'photos')
    mkdirSync(photoDir, { recursive: true })
    const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')
    let count = 0
    for (const p of db.prepare('SELECT file, bytes, sha256, data FROM backup_photos').iterate() as IterableIterator<{ file: string; bytes: number; sha256: string; data: Buffer }>) {
      if (!/^[0-9a-f]{32}\.(jpg|png|webp)$/.test(p.file)) throw new Error(`the archive names a photo ${JSON.stringify(p.file)} the server never makes`)
      if (p.data.length !== p.bytes || sha(p.data) !== p.sha256) throw new Error(`photo ${p.file} in the archive does not match its recorded sha256`)
      const path = join(photoDir, p.file)
      if (existsSync(path)) {
        if (sha(readFileSync(path)) !== p.sha256) throw new Error(`${path} exists with other content; restore into an empty VAR_DIR`)
      } else writeFileDurably(path, p.data, { exclusive: true })
      count++
    }
    // Every photo row names a file of the archive; inspections' too, in an archive that holds them.
    const withoutFile = (table: 'photos' | 'inspection_photos') =>
      db.prepare(`SELECT count(*) FROM ${table} WHERE file NOT IN (SELECT file FROM backup_photos)`).pluck().get() as number
    const inspections = db.prepare("SELECT 1 FROM backup_info WHERE key = 'inspection_photos'").get() !== undefined
    const missing = withoutFile('photos') + (inspections ? withoutFile('inspection_photos') : 0)
    if (missing) throw new Error(`the archive holds ${count} photo files but ${missing} photo rows name none of them`)
    const audit = verifyAuditChain(db)
    if (!audit.ok) throw new Error(`the archive's audit log is broken: ${audit.problem}`)

    db.exec('DROP TABLE backup_photos; DROP TABLE backup_info')
    db.exec('VACUUM')
    const hazards = db.prepare('SELECT count(*) FROM hazards').pluck().get() as number
    db.close()
    const fd = openSync(work, 'r+')
    fsyncSync(fd)
    closeSync(fd)
    rmSync(`${target}-wal`, { force: true })
    rmSync(`${target}-shm`, { force: true })
    renameSync(work, target)
    syncDir(dirname(target))
    return `restored ${file} into ${target}: ${hazards} hazards, ${count} photos checked by sha256, audit log intact (${audit.rows} rows)`
  } catch (err) {
    if (db.open) db.close()
    rmSync(work, { force: true })
    throw err
  }
}
