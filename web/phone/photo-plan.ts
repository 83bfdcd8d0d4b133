/**
 * How a photo is made small enough to queue (issue 15): JPEG, long side ≤ 1600 px, ≤ 500 KB. The
 * quality is lowered step by step first (detail a verifier can still read), then the size, until an
 * encoding fits. Pure, so the steps are tested in node; photo-resize.ts runs them on a canvas.
 */

export const MAX_SIDE_PX = 1600
export const MAX_BYTES = 500 * 1024

/** JPEG qualities tried at each size, best first. */
export const QUALITY_STEPS = [0.85, 0.75, 0.65, 0.55, 0.45] as const
/** Each further size is this share of the one before. */
export const SIDE_STEP = 0.8
/** Below this long side a photo no longer shows a hazard; the last attempt is taken whatever it weighs. */
export const MIN_SIDE_PX = 480

export interface Attempt {
  width: number
  height: number
  quality: number
}

/** The size that fits `maxSide` on the long side, keeping the shape; never larger than the original. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The encodings to try in order, from the best that may fit to the smallest worth keeping. */
export function* attempts(width: number, height: number): Generator<Attempt> {
  let side = Math.min(MAX_SIDE_PX, Math.max(width, height))
  for (;;) {
    const size = fitWithin(width, height, side)
    for (const quality of QUALITY_STEPS) yield { ...size, quality }
    if (side <= MIN_SIDE_PX) return
    side = Math.max(MIN_SIDE_PX, Math.round(side * SIDE_STEP))
  }
}

/**
 * The capture time as the server takes it (an ISO instant not in the future), or undefined: a
 * camera clock set ahead, or no EXIF date, leaves the photo without one rather than refused.
 */
export function takenAtFrom(date: unknown, now = Date.now()): string | undefined {
  if (!(date instanceof Date) || Number.isNaN(date.getTime()) || date.getTime() > now) return undefined
  return date.toISOString()
}
