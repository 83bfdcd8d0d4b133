import { Readable } from 'node:stream'
import { createInflateRaw, inflateRawSync } from 'node:zlib'

export class ZipError extends Error {}

/** Beyond this much unpacked, an upload is refused: boundary files are megabytes, a zip bomb is gigabytes. */
export const MAX_UNZIPPED = 300 * 1024 * 1024

/** One file of a zip archive as its central directory describes it; nothing is inflated yet. */
export interface ZipEntry {
  name: string
  method: number
  /** packed and unpacked sizes, as declared */
  size: number
  unpacked: number
  /** where the packed bytes start, and where the entry's local header is */
  start: number
  local: number
  flags: number
}

/**
 * The entries of a zip archive (stored or deflated; no ZIP64, no encryption), read from its central
 * directory. Every offset is checked against the buffer, so a malformed or hostile archive is an
 * error, not a crash; directories (names ending in /) are listed too. Callers check the declared unpacked sizes against
 * their budget before inflating anything.
 */
export function zipEntries(buf: Uint8Array): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const u16 = (o: number) => {
    if (o < 0 || o + 2 > buf.length) throw new ZipError('truncated archive')
    return view.getUint16(o, true)
  }
  const u32 = (o: number) => {
    if (o < 0 || o + 4 > buf.length) throw new ZipError('truncated archive')
    return view.getUint32(o, true)
  }
  let eocd = -1
  for (let o = buf.length - 22; o >= Math.max(0, buf.length - 22 - 0xffff); o--)
    if (u32(o) === 0x06054b50) {
      eocd = o
      break
    }
  if (eocd < 0) throw new ZipError('not a zip archive (no central directory)')
  const count = u16(eocd + 10)
  let p = u32(eocd + 16)
  const out: ZipEntry[] = []
  const decoder = new TextDecoder('utf-8')
  for (let n = 0; n < count; n++) {
    if (u32(p) !== 0x02014b50) throw new ZipError('corrupt central directory')
    const flags = u16(p + 8)
    const method = u16(p + 10)
    const size = u32(p + 20)
    const unpacked = u32(p + 24)
    const nameLen = u16(p + 28)
    const extraLen = u16(p + 30)
    const commentLen = u16(p + 32)
    const local = u32(p + 42)
    if (p + 46 + nameLen > buf.length) throw new ZipError('truncated archive')
    const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen))
    p += 46 + nameLen + extraLen + commentLen
    // Nothing here is written to disk, but a name climbing out of the archive (zip slip) is never honest.
    if (/(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[A-Za-z]:/.test(name)) throw new ZipError(`unsafe path in the archive: ${name}`)
    if (flags & 1) throw new ZipError(`${name} is encrypted`)
    if (size === 0xffffffff || unpacked === 0xffffffff) throw new ZipError('ZIP64 archives are not supported')
    if (u32(local) !== 0x04034b50) throw new ZipError(`corrupt entry ${name}`)
    const start = local + 30 + u16(local + 26) + u16(local + 28)
    if (start + size > buf.length) throw new ZipError(`truncated entry ${name}`)
    out.push({ name, method, size, unpacked, start, local, flags })
  }
  return out
}

/**
 * Whether the listed entries are all the archive holds: each local entry follows the previous one's
 * data (and data descriptor) with no gap. A reader that walks local headers in order, as streaming
 * unzippers do, then sees nothing the central directory (and so the size check) did not.
 */
export function isContiguous(buf: Uint8Array, entries: readonly ZipEntry[]): boolean {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let at = 0
  for (const e of [...entries].sort((x, y) => x.local - y.local)) {
    if (e.local !== at) return false
    at = entryEnd(buf, e)
  }
  // what follows must be the central directory
  return at + 4 <= buf.length && view.getUint32(at, true) === 0x02014b50
}

/** Where an entry's bytes end: after its data, and after its data descriptor when it has one (flag 8). */
export function entryEnd(buf: Uint8Array, e: ZipEntry): number {
  const at = e.start + e.size
  if (!(e.flags & 8)) return at
  const signed = at + 4 <= buf.length && new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(at, true) === 0x08074b50
  return at + (signed ? 16 : 12)
}

/** The sum of the entries' declared unpacked sizes. */
export const unpackedSize = (entries: readonly ZipEntry[]) => entries.reduce((sum, e) => sum + e.unpacked, 0)

/**
 * Inflates an entry without keeping it, to check it unpacks to exactly what it declares; a bomb that
 * understates its size is stopped one chunk past it. Asynchronous: zlib works off the event loop.
 */
export async function inflatesAsDeclared(bytes: Uint8Array, e: ZipEntry): Promise<boolean> {
  if (e.method === 0) return e.size === e.unpacked
  if (e.method !== 8) return false
  let out = 0
  const z = createInflateRaw()
  try {
    for await (const chunk of Readable.from([bytes.subarray(e.start, e.start + e.size)]).pipe(z)) {
      out += (chunk as Buffer).length
      if (out > e.unpacked) return false
    }
  } catch {
    return false
  } finally {
    z.destroy()
  }
  return out === e.unpacked
}

/** One entry's bytes, inflated to no more than its declared size: an entry that lies about it is an error. */
export function inflateEntry(buf: Uint8Array, e: ZipEntry): Uint8Array {
  const raw = buf.subarray(e.start, e.start + e.size)
  let data: Uint8Array
  if (e.method === 0) data = raw
  else if (e.method !== 8) throw new ZipError(`${e.name} uses an unsupported compression method (${e.method})`)
  else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(e.unpacked, 1) })
    } catch {
      throw new ZipError(`cannot inflate ${e.name}`)
    }
  }
  if (data.length !== e.unpacked) throw new ZipError(`${e.name} has the wrong size`)
  return data
}

/**
 * The files of a zip archive by name, those `wanted`, refused whole when their declared unpacked
 * sizes pass `budget` (checked before anything is inflated).
 */
export function unzip(buf: Uint8Array, wanted: (name: string) => boolean = () => true, budget = MAX_UNZIPPED): Map<string, Uint8Array> {
  const entries = zipEntries(buf).filter((e) => !e.name.endsWith('/') && wanted(e.name))
  if (unpackedSize(entries) > budget) throw new ZipError('the archive unpacks to too much data')
  return new Map(entries.map((e) => [e.name, inflateEntry(buf, e)]))
}
