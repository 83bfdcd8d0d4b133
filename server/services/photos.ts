import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import sharp from 'sharp'
import { isConfidential } from '../domain/categories'
import type { HazardPhoto, PhotoStage } from '../domain/contract/photos'
import { type Actor, mayReport, seesDetails } from '../domain/roles'
import type { Hazard } from '../domain/schemas'
import type { PhotoRecord } from '../store/types'
import { audit } from './audit'
import type { Services } from './context'
import { photoFilesFor } from './photo-files'
import { ApiError, forbidden, notFound } from './errors'
import { CLOCK_SKEW_MS, chinaInstant, ledgerNow } from './hazard-times'
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

const viewOf = (p: PhotoRecord): HazardPhoto => ({ id: p.id, url: `/api/photos/${p.id}`, stage: p.stage, ...(p.takenAt ? { takenAt: p.takenAt } : {}) })

export const photoDir = (s: Services) => join(s.env.VAR_DIR, 'photos')

/** Where this server keeps photos' bytes: the database's table on PostgreSQL, VAR_DIR/photos on SQLite. */
export const photoFiles = (s: Services) => photoFilesFor(s.store, photoDir(s))

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
 * Stores a checked image under a name the server makes (the upload's name never reaches a path or
 * a key), then the row that acknowledges it: the bytes are stored for good first (an fsynced file,
 * a committed row of photo_files), so a row never names missing bytes, and they are removed again
 * if the row fails.
 */
export function keepImage<T>(s: Services, image: CheckedImage, insertRow: (file: string) => T): T {
  const files = photoFiles(s)
  const file = `${randomBytes(16).toString('hex')}.${extensionOf[image.mime]}`
  files.put(file, image.data)
  try {
    return insertRow(file)
  } catch (err) {
    files.remove(file)
    throw err
  }
}

/** A kept image's bytes, or undefined when they are gone. */
export function readImage(s: Services, file: string): Buffer | undefined {
  return photoFiles(s).get(file)
}

/** One photo upload as the route read it. */
export interface PhotoUpload {
  stage: PhotoStage
  bytes: Uint8Array
  /** the id the phone made for this photo: a resend under it is recognised */
  clientId?: string
  /** when it was taken (the camera's time) */
  takenAt?: string
}

/**
 * Attaches a photo to a hazard: roles that may act on hazards (grid, district, lead unit) and only
 * within their reach; the upload passes checkImage. With a clientId, an account's photo is stored
 * once: the same id again on the same hazard answers the stored photo (`created` false), on
 * another hazard 409. The file and the row are written only once the whole upload was read, so an
 * upload cut off midway leaves neither.
 */
export async function uploadPhoto(s: Services, actor: Actor & { username: string }, hazardId: number, upload: PhotoUpload): Promise<{ photo: HazardPhoto; created: boolean }> {
  const h = hazardFor(s, actor, hazardId)
  if (!mayReport(actor)) throw forbidden('This role may not add photos.')
  const clientId = upload.clientId?.toLowerCase()
  const stored = () => (clientId ? storedUnder(s, actor.username, clientId, h.id) : undefined)
  const again = stored()
  if (again) return { photo: viewOf(again), created: false }
  if (h.status === 'closed') throw new ApiError(422, 'not_allowed_now', 'The hazard is closed out; its record no longer changes.')
  const takenAt = upload.takenAt === undefined ? null : takenAtOf(s, upload.takenAt)
  const image = await checkImage(s, upload.bytes)
  // While it was decoded, a twin upload under the same id (a second tab) may have been stored.
  const twin = stored()
  if (twin) return { photo: viewOf(twin), created: false }
  if (s.store.photos.forHazard(h.id).filter((p) => p.stage === upload.stage).length >= MAX_PER_STAGE[upload.stage])
    throw new ApiError(422, 'too_many_photos', `A hazard holds at most ${MAX_PER_STAGE[upload.stage]} ${upload.stage} photos.`)
  try {
    const row = keepImage(s, image, (file) =>
      s.store.photos.insert({
        hazardId: h.id, stage: upload.stage, mime: image.mime, bytes: image.data.length, width: image.width, height: image.height, file,
        createdBy: actor.username, createdAt: new Date().toISOString(), clientId: clientId ?? null, takenAt,
      }),
    )
    return { photo: viewOf(row), created: true }
  } catch (err) {
    // Another process stored the twin first: its row stands, these bytes are gone (keepImage).
    const first = stored()
    if (first) return { photo: viewOf(first), created: false }
    throw err
  }
}

/** A photo without a client id: always a new one. */
export async function addPhoto(s: Services, actor: Actor & { username: string }, hazardId: number, stage: PhotoStage, bytes: Uint8Array): Promise<HazardPhoto> {
  return (await uploadPhoto(s, actor, hazardId, { stage, bytes })).photo
}

/** The account's photo under a client id, when it is of this hazard; 409 when it is of another. */
function storedUnder(s: Services, username: string, clientId: string, hazardId: number): PhotoRecord | undefined {
  const prior = s.store.photos.byClient(username, clientId)
  if (prior && prior.hazardId !== hazardId)
    throw new ApiError(409, 'idempotency_conflict', 'This clientId was already used for a photo of another hazard; give each photo its own id.', [{ field: 'clientId', message: 'used for another hazard' }])
  return prior
}

/**
 * A photo's capture time as the ledger writes instants (China time), or 422 naming takenAt when it
 * is in the future: beyond both the ledger's now and the clock's (a pinned demo day keeps real
 * phones' photos believable), with the phone's clock skew allowed.
 */
function takenAtOf(s: Services, iso: string): string {
  const ms = Date.parse(iso)
  const now = Math.max(ledgerNow(s), Date.now())
  if (ms > now + CLOCK_SKEW_MS) throw new ApiError(422, 'bad_time', 'takenAt: in the future.', [{ field: 'takenAt', message: 'in the future' }])
  return chinaInstant(Math.min(ms, now))
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
