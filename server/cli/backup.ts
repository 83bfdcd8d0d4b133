import { createHash } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { readEnv } from '../env'
import { syncDir } from '../services/durable-file'

/**
 * `npm run backup -- --out FILE`: one consistent archive of the database and the photos, taken while
 * the server keeps writing. The archive is itself a SQLite file: `VACUUM INTO` copies the database as
 * one read transaction saw it (WAL lets writers go on meanwhile), and every photo that copy refers to
 * goes into its backup_photos table with its size and sha256. Photos are written and fsynced before
 * their row is committed and never changed after, so each file the snapshot names is whole on disk.
 * `npm run restore -- FILE` puts it back (server/cli/restore.ts).
 */
const usage = 'npm run backup -- --out FILE   (DB_PATH and VAR_DIR as the server uses them)'
const { values } = parseArgs({ options: { out: { type: 'string' } } })
if (!values.out) {
  console.error(usage)
  process.exit(2)
}
const env = readEnv()
const out = resolve(values.out)
if (existsSync(out)) {
  console.error(`${out} exists; choose a new name (a backup never overwrites one).`)
  process.exit(2)
}
const partial = `${out}.partial`
rmSync(partial, { force: true })

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
  const files = archive.prepare('SELECT file, bytes FROM photos ORDER BY id').all() as Array<{ file: string; bytes: number }>
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
  })()
  const hazards = archive.prepare('SELECT count(*) FROM hazards').pluck().get() as number
  archive.close()
  // The finished archive appears under its name whole, or not at all.
  const fd = openSync(partial, 'r+')
  fsyncSync(fd)
  closeSync(fd)
  renameSync(partial, out)
  syncDir(dirname(out))
  console.log(`backup written to ${out}: ${hazards} hazards, ${files.length} photos (${(bytes / 1048576).toFixed(1)} MB)`)
} catch (err) {
  if (archive.open) archive.close()
  rmSync(partial, { force: true })
  console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
