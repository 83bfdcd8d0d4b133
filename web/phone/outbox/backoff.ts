/** The first wait after a failed send; each further failure doubles it, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 5_000
/** Issue 15: retries back off up to 5 minutes. */
export const MAX_BACKOFF_MS = 5 * 60_000

/**
 * How long to wait after the `attempts`-th failure in a row (1, 2, …): exponential up to 5 minutes,
 * with "equal jitter" (half fixed, half random) so a village's phones coming back into signal at the
 * same moment do not all knock at once. `random` is in [0, 1).
 */
export function backoffMs(attempts: number, random: number = Math.random()): number {
  const cap = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(cap / 2 + (random * cap) / 2)
}
