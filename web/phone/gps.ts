/**
 * How good a GPS fix is for placing a hazard (issue 15): the accuracy the phone reports is the radius
 * in metres within which the true point lies (about two chances in three). A fix within 30 m is
 * taken as it is, within 100 m taken with a warning; beyond 100 m — or no fix at all — the worker
 * places a pin on the map and says why, and the server refuses a GPS point worse than 100 m.
 */

/** ≤ this many metres: accepted, and the search for a better fix stops. */
export const GOOD_ACCURACY_M = 30
/** ≤ this many metres: accepted with a warning; beyond it a pin is required. */
export const MAX_ACCURACY_M = 100
/** The longest the phone keeps looking for a better fix. */
export const FIX_WINDOW_MS = 30_000

export interface GpsFix {
  lon: number
  lat: number
  /** metres */
  accuracy: number
  /** epoch ms */
  at: number
}

/** What the form makes of the best fix so far: 'pin' also when there is none. */
export type FixVerdict = 'accepted' | 'warning' | 'pin'

export function judgeAccuracy(accuracy: number | undefined): FixVerdict {
  if (accuracy === undefined || !Number.isFinite(accuracy) || accuracy < 0) return 'pin'
  if (accuracy <= GOOD_ACCURACY_M) return 'accepted'
  if (accuracy <= MAX_ACCURACY_M) return 'warning'
  return 'pin'
}

/** The better of two fixes: the smaller accuracy radius; on a tie the newer one. */
export function betterFix(best: GpsFix | undefined, next: GpsFix): GpsFix {
  if (!best) return next
  return next.accuracy <= best.accuracy ? next : best
}

/** The search ends once a fix is good enough or the window has passed. */
export function searchDone(best: GpsFix | undefined, elapsedMs: number): boolean {
  return (best !== undefined && best.accuracy <= GOOD_ACCURACY_M) || elapsedMs >= FIX_WINDOW_MS
}

/** The reasons offered for a pin instead of GPS; 'other' asks for words. */
export const pinReasonIds = ['poor_accuracy', 'not_allowed', 'no_signal_indoors', 'other'] as const
export type PinReasonId = (typeof pinReasonIds)[number]
