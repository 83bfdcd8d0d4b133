/**
 * The map draws first. A page's map and its charts would otherwise be set up at the same moment
 * and share the main thread (and, on a software-rendered wall, the CPU that rasterises): ECharts
 * downloading, parsing and drawing several canvases holds the map's first picture back. So a
 * page's map announces itself while it is being set up, and extras such as the charts wait for
 * its first complete frame — or for the map to fail or go away, or at most `MAX_WAIT_MS`, so a map
 * that never comes to rest cannot keep the figures off the page.
 */

/**
 * Longest the extras wait for the map: far beyond a first frame on real hardware (≈ 1 s), and
 * beyond one drawn in software on two cores (≈ 9 s for the desk with every layer on).
 */
export const MAX_WAIT_MS = 20_000

let drawing: Promise<void> = Promise.resolve()

/**
 * Called by a map while its page is set up (before the page's charts mount); returns the function
 * to call once it has drawn its first frame, failed or been taken away. Calling it twice is harmless.
 */
export function mapWillDraw(): () => void {
  let done!: () => void
  drawing = new Promise<void>((resolve) => (done = resolve))
  return () => done()
}

/** Resolves once the page's map has drawn (at once when no map is drawing), or after `maxWaitMs`. */
export function afterMapDrawn(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))
  return Promise.race([drawing, waited]).finally(() => clearTimeout(timer))
}
