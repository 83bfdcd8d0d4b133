import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { copyField, type PgSync } from '../../store/postgres/bridge'
import { Refusal } from './source'

/** The most image bytes one COPY carries (as hex text through the bridge, twice that). */
const BATCH_BYTES = 32 << 20

/**
 * The photos to move: the files of VAR_DIR/photos that a photo row (a hazard's or an inspection's)
 * names. Rows whose file is gone are reported, not invented; files no row names (an upload that
 * crashed before its row) stay behind.
 */
export interface PhotoSet {
  dir: string
  present: string[]
  missing: string[]
  unnamed: number
}

/**
 * Reads which photos there are. A directory given with --photos must exist; the default one may
 * not (a town without photos), but when rows name files and none of them is there, the directory
 * is the wrong one: refused, rather than a town copied without its photos.
 */
export function findPhotos(sqlite: Database.Database, dir: string, explicit: boolean): PhotoSet {
  if (explicit && !existsSync(dir)) throw new Refusal(`--photos: ${dir} does not exist`)
  const named = sqlite.prepare('SELECT file FROM photos UNION SELECT file FROM inspection_photos ORDER BY 1').pluck().all() as string[]
  for (const name of named) if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new Refusal(`--from: a photo row names the file ${JSON.stringify(name)}, not a plain file name`)
  const files = existsSync(dir) ? new Set(readdirSync(dir)) : new Set<string>()
  const present = named.filter((n) => files.has(n))
  const missing = named.filter((n) => !files.has(n))
  if (named.length && !present.length) throw new Refusal(`--photos: none of the ${named.length} photos the rows name is in ${dir}; pass --photos <VAR_DIR>/photos`)
  const names = new Set(named)
  return { dir, present, missing, unnamed: [...files].filter((f) => !names.has(f)).length }
}

/** The photos' bytes into photo_files, a batch of files per COPY. */
export function copyPhotos(db: PgSync, photos: PhotoSet): void {
  let lines: string[] = []
  let bytes = 0
  const flush = () => {
    if (lines.length) db.copyFrom('COPY photo_files (name, data) FROM STDIN', lines.join(''))
    lines = []
    bytes = 0
  }
  for (const name of photos.present) {
    const data = readFileSync(join(photos.dir, name))
    lines.push(`${copyField(name)}\t${copyField(data)}\n`)
    bytes += data.length
    if (bytes >= BATCH_BYTES) flush()
  }
  flush()
}

export interface PhotoVerdict {
  files: number
  stored: number
  /** The first photo whose bytes differ or that is absent on one side. */
  difference?: string
}

/** Each photo's sha256, read again from its file and computed by PostgreSQL over what it stored. */
export function verifyPhotos(db: PgSync, photos: PhotoSet): PhotoVerdict {
  const stored = new Map(db.query<{ name: string; sha: string }>("SELECT name, encode(sha256(data), 'hex') AS sha FROM photo_files").map((r) => [r.name, r.sha]))
  for (const name of photos.present) {
    const sha = createHash('sha256').update(readFileSync(join(photos.dir, name))).digest('hex')
    const theirs = stored.get(name)
    if (theirs === undefined) return { files: photos.present.length, stored: stored.size, difference: `photo ${name} is not in photo_files` }
    if (theirs !== sha) return { files: photos.present.length, stored: stored.size, difference: `photo ${name}: sha256 ${sha.slice(0, 12)}… in the file, ${theirs.slice(0, 12)}… in photo_files` }
  }
  if (stored.size !== photos.present.length) {
    const present = new Set(photos.present)
    const extra = [...stored.keys()].find((n) => !present.has(n))
    return { files: photos.present.length, stored: stored.size, difference: `photo_files holds ${extra}, which the source's photos do not` }
  }
  return { files: photos.present.length, stored: stored.size }
}
