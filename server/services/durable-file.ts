import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file so that once this returns it survives a power cut, and so that a crash at any
 * moment leaves either no file or the whole file under its name: the bytes go to a temporary name
 * in the same directory and are fsynced, the temporary is renamed over the real name, and the
 * directory is fsynced so the rename itself is on disk. `exclusive` refuses an existing name.
 */
export function writeFileDurably(path: string, data: Uint8Array, opts: { mode?: number; exclusive?: boolean } = {}): void {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`)
  const fd = openSync(temp, 'wx', opts.mode ?? 0o640)
  try {
    for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw err
  }
  closeSync(fd)
  try {
    if (opts.exclusive) {
      // A hard link fails if the name exists, where a rename would silently replace it.
      linkSync(temp, path)
      rmSync(temp)
    } else renameSync(temp, path)
  } catch (err) {
    rmSync(temp, { force: true })
    throw err
  }
  syncDir(dir)
}

/** fsyncs a directory, so names created, renamed or removed in it are on disk. */
export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
