import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { isPhotoName, type PhotoFiles, photoFilesOf } from '../store/photo-files'
import type { Store } from '../store/types'
import { writeFileDurably } from './durable-file'

/**
 * PhotoFiles as files in one directory (VAR_DIR/photos), as the SQLite mode has always kept them:
 * same names, written durably (fsynced, then linked under the name), so an existing town's var/
 * reads on unchanged. Only names the server makes reach the file system.
 */
export function directoryPhotoFiles(dir: string): PhotoFiles {
  const path = (name: string) => {
    if (!isPhotoName(name)) throw new Error(`not a photo name the server makes: ${JSON.stringify(name)}`)
    return join(dir, name)
  }
  return {
    put(name, data) {
      mkdirSync(dir, { recursive: true })
      writeFileDurably(path(name), data, { mode: 0o640, exclusive: true })
    },
    get(name) {
      if (!isPhotoName(name)) return undefined
      try {
        return readFileSync(path(name))
      } catch {
        return undefined
      }
    },
    has: (name) => isPhotoName(name) && existsSync(path(name)),
    remove: (name) => rmSync(path(name), { force: true }),
    // A durable write's temporary (".name.pid.tmp") is not a photo.
    names: () => (existsSync(dir) ? readdirSync(dir).filter(isPhotoName) : []),
  }
}

/** Where photos' bytes live: the store's own (PostgreSQL), else the directory `dir` (SQLite, VAR_DIR/photos). */
export function photoFilesFor(store: Store, dir: string): PhotoFiles {
  return photoFilesOf(store) ?? directoryPhotoFiles(dir)
}
