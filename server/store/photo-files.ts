import type { Store } from './types'

/**
 * Photos' image bytes, by the name their row holds (`file`): an optional capability beside the
 * Store port, as BulkLoad and ChangeFeed are. The PostgreSQL store offers it (the table
 * photo_files, so a backup of the database is a backup of every photo and every instance serves
 * every photo); a store without it keeps them as files in VAR_DIR/photos
 * (server/services/photo-files.ts picks one).
 *
 * The rows that name these bytes are written after them, so a row never names missing bytes; bytes
 * whose row never came (a failed upload) are removed by the writer.
 */
export interface PhotoFiles {
  /** Stores data under a new name, durably once this returns; throws when the name is taken or not one the server makes. */
  put(name: string, data: Uint8Array): void
  /** The bytes under name, or undefined when there are none. */
  get(name: string): Buffer | undefined
  /** Whether bytes are stored under name. */
  has(name: string): boolean
  /** Removes name's bytes; nothing when there are none. */
  remove(name: string): void
  /** Every stored name, in no particular order. */
  names(): string[]
}

/** A name the server makes for a photo: 32 hex digits and the format's extension; nothing else reaches a path or a key. */
export const isPhotoName = (name: string) => /^[0-9a-f]{32}\.(jpg|png|webp)$/.test(name)

/** The store's own photo bytes, when it keeps them. */
export function photoFilesOf(store: Store): PhotoFiles | undefined {
  const candidate = store as Store & { photoFiles?: PhotoFiles }
  return candidate.photoFiles
}
