import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { isConfidential } from '../domain/categories'
import type { HazardPhoto, PhotoStage } from '../domain/contract/photos'
import { type Actor, mayReport, seesDetails } from '../domain/roles'
import type { Hazard } from '../domain/schemas'
import type { PhotoRecord } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { writeFileDurably } from './durable-file'
import { ApiError, forbidden, notFound } from './errors'
import { hazardFor } from './hazards'

type Mime = PhotoRecord['mime']

/** The report form takes up to 5 photos; a rectification may need a second round after a failed check. */
const MAX_PER_STAGE: Record<PhotoStage, number> = { found: 5, rectified: 10 }
/** Decoding a huge image is itself an attack (a "pixel flood"): 50 megapixels is beyond any phone's camera. */
const MAX_PIXELS = 50_000_000

const extensionOf: Record<Mime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** The type a file's bytes declare (magic numbers); its name and stated type are not trusted. */
export function sniffImage(b: Uint8Array): Mime | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to))
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return undefined
}

const viewOf = (p: PhotoRecord): HazardPhoto => ({ id: p.id, url: `/api/photos/${p.id}`, stage: p.stage })

export const photoDir = (s: Services) => join(s.env.VAR_DIR, 'photos')

/**
 * Re-encodes the image in its own format. Turning it upright first keeps its look; then nothing
 * of the original's metadata is carried over: sharp writes no EXIF (GPS included), XMP, IPTC or
 * ICC block unless asked, and converts the pixels to sRGB so dropping the ICC profile keeps colours.
 */
async function reencode(bytes: Uint8Array, mime: Mime) {
  const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).autoOrient()
  const encoded = mime === 'image/jpeg' ? image.jpeg({ quality: 88 }) : mime === 'image/png' ? image.png() : image.webp({ quality: 88 })
  return encoded.toBuffer({ resolveWithObject: true })
}

/** An upload checked and re-encoded, ready to be kept. */
export interface CheckedImage {
  mime: Mime
  data: Buffer
  width: number
  height: number
}

/**
 * The checks every photo upload passes (hazards' and inspections'): at most PHOTO_MAX_MB, JPEG,
 * PNG or WebP by its bytes, decodable within the pixel limit; then re-encoded without metadata.
 */
export async function checkImage(s: Services, bytes: Uint8Array): Promise<CheckedImage> {
  const max = s.env.PHOTO_MAX_MB * 1024 * 1024
  if (bytes.length > max) throw new ApiError(413, 'too_large', `A photo may be at most ${s.env.PHOTO_MAX_MB} MB.`)
  const mime = sniffImage(bytes)
  if (!mime) throw new ApiError(415, 'unsupported_media_type', 'Only JPEG, PNG or WebP photos are accepted (judged by the file’s content).')
  try {
    const out = await reencode(bytes, mime)
    return { mime, data: out.data, width: out.info.width, height: out.info.height }
  } catch (err) {
    const message = err instanceof Error ? err.message : ''
    if (/pixel limit/i.test(message)) throw new ApiError(413, 'too_large', `The image has more than ${MAX_PIXELS / 1e6} megapixels.`)
    throw new ApiError(415, 'unsupported_media_type', 'The file is not a readable JPEG, PNG or WebP image.')
  }
}

/**
 * Writes a checked image under a name the server makes (the upload's name never reaches the file
 * system), then the row that acknowledges it; the file is on disk for good first, and removed
 * again if the row fails.
 */
export function keepImage<T>(s: Services, image: CheckedImage, insertRow: (file: string) => T): T {
  const dir = photoDir(s)
  mkdirSync(dir, { recursive: true })
  const file = `${randomBytes(16).toString('hex')}.${extensionOf[image.mime]}`
  const path = join(dir, file)
  writeFileDurably(path, image.data, { mode: 0o640, exclusive: true })
  try {
    return insertRow(file)
  } catch (err) {
    rmSync(path, { force: true })
    throw err
  }
}

/** A kept image's bytes, or undefined when its file is gone. */
export function readImage(s: Services, file: string): Buffer | undefined {
  try {
    return readFileSync(join(photoDir(s), file))
  } catch {
    return undefined
  }
}

/**
 * Attaches a photo to a hazard: roles that may act on hazards (grid, district, lead unit) and only
 * within their reach; the upload passes checkImage.
 */
export async function addPhoto(s: Services, actor: Actor & { username: string }, hazardId: number, stage: PhotoStage, bytes: Uint8Array): Promise<HazardPhoto> {
  const h = hazardFor(s, actor, hazardId)
  if (!mayReport(actor)) throw forbidden('This role may not add photos.')
  if (h.status === 'closed') throw new ApiError(422, 'not_allowed_now', 'The hazard is closed out; its record no longer changes.')
  const image = await checkImage(s, bytes)
  if (s.store.photos.forHazard(h.id).filter((p) => p.stage === stage).length >= MAX_PER_STAGE[stage])
    throw new ApiError(422, 'too_many_photos', `A hazard holds at most ${MAX_PER_STAGE[stage]} ${stage} photos.`)
  const row = keepImage(s, image, (file) =>
    s.store.photos.insert({
      hazardId: h.id, stage, mime: image.mime, bytes: image.data.length, width: image.width, height: image.height, file,
      createdBy: actor.username, createdAt: new Date().toISOString(),
    }),
  )
  return viewOf(row)
}

/** A photo for a caller who may see its hazard in full; a generalised view shows no photos (404). */
export function readPhoto(s: Services, actor: Actor & { username: string }, id: number): { photo: PhotoRecord; data: Buffer } {
  const photo = s.store.photos.get(id)
  if (!photo) throw notFound('photo')
  let h: Hazard
  try {
    h = hazardFor(s, actor, photo.hazardId)
  } catch {
    throw notFound('photo')
  }
  if (!seesDetails(actor, h.category, h.item)) throw notFound('photo')
  const data = readImage(s, photo.file)
  if (!data) throw notFound('photo')
  if (isConfidential(h.item)) audit(s, actor, 'read_photo', `${h.id}/${photo.id}`)
  return { photo, data }
}

/** The photos a hazard's detail lists: none where the caller sees the hazard generalised. */
export function photosOf(s: Services, hazardId: number, generalised: boolean): HazardPhoto[] {
  return generalised ? [] : s.store.photos.forHazard(hazardId).map(viewOf)
}
