import { isPhotoName, type PhotoFiles } from '../photo-files'
import type { PgSync } from './bridge'

/**
 * Migration 3: photos' bytes in the database (issue 16). With them beside their rows, `pg_dump` of
 * the database is a backup of everything, and every instance serves every photo. `npm run
 * copy-store` writes this table too: its name and its two columns are fixed.
 */
export const photoFilesSchema = `
CREATE TABLE photo_files (name TEXT PRIMARY KEY, data BYTEA NOT NULL, stored_at TIMESTAMPTZ NOT NULL DEFAULT now());
`

/**
 * PhotoFiles in the table photo_files, on the store's own connection: a put outside a transaction
 * commits at once (before the row that names it, as the photo service writes them); inside one, it
 * lands or rolls back with it.
 */
export function pgPhotoFiles(db: PgSync): PhotoFiles {
  return {
    put(name, data) {
      if (!isPhotoName(name)) throw new Error(`not a photo name the server makes: ${JSON.stringify(name)}`)
      db.run('INSERT INTO photo_files (name, data) VALUES ($1, $2)', [name, data])
    },
    get(name) {
      const data = db.value<Uint8Array>('SELECT data FROM photo_files WHERE name = $1', [name])
      // The bridge hands a bytea back as a plain Uint8Array (a worker's Buffer arrives as one).
      return data === undefined ? undefined : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    },
    has: (name) => db.value('SELECT 1 FROM photo_files WHERE name = $1', [name]) !== undefined,
    remove: (name) => void db.run('DELETE FROM photo_files WHERE name = $1', [name]),
    names: () => db.column<string>('SELECT name FROM photo_files'),
  }
}
