import { MAX_BYTES, attempts, takenAtFrom } from './photo-plan'

/** A photo ready to queue: the JPEG to upload and, from the original's EXIF, when it was taken. */
export interface ResizedPhoto {
  blob: Blob
  takenAt?: string
  width: number
  height: number
}

/**
 * Makes a camera photo fit the outbox (photo-plan.ts): the EXIF orientation applied by the browser
 * (`imageOrientation: 'from-image'`), so a portrait stays upright once the EXIF is gone; encodings tried
 * until one is ≤ 500 KB. The re-encoded JPEG carries no EXIF (no position, no device): the capture
 * time travels beside it as `takenAt`. Throws when the file is not an image the browser can read.
 */
export async function resizePhoto(file: Blob): Promise<ResizedPhoto> {
  const [bitmap, takenAt] = await Promise.all([createImageBitmap(file, { imageOrientation: 'from-image' }), captureTime(file)])
  try {
    const canvas = document.createElement('canvas')
    let last: ResizedPhoto | undefined
    for (const attempt of attempts(bitmap.width, bitmap.height)) {
      if (canvas.width !== attempt.width || canvas.height !== attempt.height) {
        canvas.width = attempt.width
        canvas.height = attempt.height
        const context = canvas.getContext('2d')
        if (!context) throw new Error('canvas 2d context unavailable')
        context.drawImage(bitmap, 0, 0, attempt.width, attempt.height)
      }
      const blob = await encode(canvas, attempt.quality)
      last = { blob, width: attempt.width, height: attempt.height, ...(takenAt && { takenAt }) }
      if (blob.size <= MAX_BYTES) return last
    }
    if (!last) throw new Error('no encoding attempted')
    return last
  } finally {
    bitmap.close()
  }
}

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality),
  )
}

/**
 * The EXIF DateTimeOriginal, read by exifr's smallest build, loaded only when a photo is taken (it
 * is bundled with the app, never fetched from elsewhere). A photo without EXIF has none.
 */
async function captureTime(file: Blob): Promise<string | undefined> {
  try {
    const exifr = await import('exifr/dist/mini.esm.mjs')
    const tags = (await exifr.parse(file, ['DateTimeOriginal'])) as { DateTimeOriginal?: unknown } | undefined
    return takenAtFrom(tags?.DateTimeOriginal)
  } catch {
    return undefined
  }
}
