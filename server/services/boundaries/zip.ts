import { inflateRawSync } from 'node:zlib'

export class ZipError extends Error {}

/** Beyond this much unpacked, an upload is refused: boundary files are megabytes, a zip bomb is gigabytes. */
export const MAX_UNZIPPED = 300 * 1024 * 1024

/**
 * The files of a zip archive by name (stored or deflated entries; no ZIP64, no encryption), read
 * from its central directory. Every offset is checked against the buffer and every entry's
 * unpacked size against a budget, so a malformed or hostile archive is an error, not a crash.
 */
export function unzip(buf: Uint8Array, wanted: (name: string) => boolean = () => true): Map<string, Uint8Array> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const u16 = (o: number) => {
    if (o + 2 > buf.length) throw new ZipError('truncated archive')
    return view.getUint16(o, true)
  }
  const u32 = (o: number) => {
    if (o + 4 > buf.length) throw new ZipError('truncated archive')
    return view.getUint32(o, true)
  }
  let eocd = -1
  for (let o = buf.length - 22; o >= Math.max(0, buf.length - 22 - 0xffff); o--)
    if (u32(o) === 0x06054b50) {
      eocd = o
      break
    }
  if (eocd < 0) throw new ZipError('not a zip archive (no central directory)')
  const entries = u16(eocd + 10)
  let p = u32(eocd + 16)
  const out = new Map<string, Uint8Array>()
  let budget = MAX_UNZIPPED
  const decoder = new TextDecoder('utf-8')
  for (let n = 0; n < entries; n++) {
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
    if (name.endsWith('/') || !wanted(name)) continue
    if (flags & 1) throw new ZipError(`${name} is encrypted`)
    if (size === 0xffffffff || unpacked === 0xffffffff) throw new ZipError('ZIP64 archives are not supported')
    if (u32(local) !== 0x04034b50) throw new ZipError(`corrupt entry ${name}`)
    const start = local + 30 + u16(local + 26) + u16(local + 28)
    if (start + size > buf.length) throw new ZipError(`truncated entry ${name}`)
    budget -= unpacked
    if (budget < 0) throw new ZipError('the archive unpacks to too much data')
    const raw = buf.subarray(start, start + size)
    let data: Uint8Array
    if (method === 0) data = raw
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(unpacked, 1) })
      } catch {
        throw new ZipError(`cannot inflate ${name}`)
      }
    } else throw new ZipError(`${name} uses an unsupported compression method (${method})`)
    if (data.length !== unpacked) throw new ZipError(`${name} has the wrong size`)
    out.set(name, data)
  }
  return out
}
