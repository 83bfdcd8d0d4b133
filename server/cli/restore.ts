import { createHash } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { readEnv } from '../env'
import { syncDir, writeFileDurably } from '../services/durable-file'
import { verifyAuditChain } from '../store/sqlite/audit'

/**
 * `npm run restore -- FILE`: puts an archive made by `npm run backup` back into an empty DB_PATH
 * (an existing, non-empty database is refused) and its photos into VAR_DIR/photos, each checked
 * against the sha256 the backup recorded. The database appears under DB_PATH only once everything
 * is in place, so a restore cut short leaves nothing a server would start on.
 */
const usage = 'npm run restore -- FILE   (into DB_PATH and VAR_DIR, which must hold no database yet)'
const { positionals } = parseArgs({ allowPositionals: true })
const fail = (message: string): never => {
  console.error(message)
  process.exit(2)
}
const file = positionals[0] ? resolve(positionals[0]) : fail(usage)
if (!existsSync(file)) fail(`no archive ${file}`)
const env = readEnv()
const target = resolve(env.DB_PATH)
const nonEmpty = (p: string) => existsSync(p) && statSync(p).size > 0
if (nonEmpty(target) || nonEmpty(`${target}-wal`)) fail(`${target} already holds a database; restore goes into an empty place only.`)

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
  const photoRows = db.prepare('SELECT count(*) FROM photos').pluck().get() as number
  if (photoRows !== count) throw new Error(`the archive holds ${count} photo files for ${photoRows} photo rows`)
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
  console.log(`restored ${file} into ${target}: ${hazards} hazards, ${count} photos checked by sha256, audit log intact (${audit.rows} rows)`)
} catch (err) {
  if (db.open) db.close()
  rmSync(work, { force: true })
  console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
