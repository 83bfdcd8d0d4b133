/**
 * What the map's browser tests share: driving the page's stores through the map test handle
 * (web/map/test-handle.ts) and asking the API the same questions as the page.
 */
import type { Page } from 'playwright-core'
import type { ScreenRegion } from '../../web/map/test-handle'
import type { AppPage } from './harness'

/**
 * The part of the 1920×1080 desk no panel covers: right of the filter dock, left of the figures,
 * above the legend and the time slider.
 */
export const CLEAR_REGION: ScreenRegion = { left: 360, top: 40, right: 1420, bottom: 740 }

/** Waits until the map has applied every store change and drawn a still frame. */
export function settle(page: Page): Promise<void> {
  return page.evaluate(() => window.__pinganMap!.whenIdle())
}

/** GET an API path with the page's own session, as JSON. */
export async function apiJson<T>(app: AppPage, path: string): Promise<T> {
  const res = await app.page.request.get(path)
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as T
}

/** Where the map's canvas sits on the page, to turn map pixels into page pixels. */
export async function mapOrigin(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('.town-map').boundingBox()
  if (!box) throw new Error('no map on the page')
  return { x: box.x, y: box.y }
}

/** Clicks a point given in map pixels, as a user would. */
export async function clickMap(page: Page, at: { x: number; y: number }): Promise<void> {
  const origin = await mapOrigin(page)
  await page.mouse.click(origin.x + at.x, origin.y + at.y)
}

/** Drills into an area by clicking a clear point inside it, and waits for the flight to end. */
export async function clickArea(page: Page, areaId: string): Promise<void> {
  const at = await page.evaluate(([id, region]) => window.__pinganMap!.areaPoint(id, region), [areaId, CLEAR_REGION] as const)
  if (!at) throw new Error(`no clear point of ${areaId} in view`)
  await clickMap(page, at)
  await page.waitForFunction((id) => window.__pinganMap!.stores.filters.area === id, areaId)
  await waitForCamera(page)
}

/** Waits until the camera has stopped (flights take a moment) and the map is idle. */
export async function waitForCamera(page: Page): Promise<void> {
  await page.waitForFunction(() => !window.__pinganMap!.map.isMoving(), undefined, { timeout: 30_000 })
  await settle(page)
}

/** The map's visible extent as [west, south, east, north]. */
export function viewBounds(page: Page): Promise<[number, number, number, number]> {
  return page.evaluate(() => window.__pinganMap!.map.getBounds().toArray().flat() as [number, number, number, number])
}

export function contains(outer: readonly number[], inner: readonly number[]): boolean {
  const [w, s, e, n] = outer
  const [iw, is, ie, inN] = inner
  return w! <= iw! && s! <= is! && e! >= ie! && n! >= inN!
}
