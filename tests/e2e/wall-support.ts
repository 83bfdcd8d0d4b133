/**
 * What the wall's browser tests share: waiting for the wall to show figures, reading them, and
 * checking its layout (nothing outside the viewport, nothing overflowing, nothing overlapping).
 */
import type { Page } from 'playwright-core'

/** A token for WALL_TOKEN (at least 24 characters, as server/env.ts requires). */
export const WALL_TOKEN = 'wall-e2e-display-token-0123456789'

/** Waits until the stream is live and every town figure is in. */
export async function waitForWallFigures(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('[data-testid="wall-status"][data-live-state="live"]', { timeout })
  await page.waitForFunction(() => [...document.querySelectorAll('[data-kpi] [data-scope="town"]')].every((el) => /\d/.test(el.textContent ?? '')), undefined, { timeout })
}

/** The town's figure of one KPI, as a number (thousands separators and % dropped). */
export async function townFigure(page: Page, key: string): Promise<number> {
  const text = await page.locator(`[data-kpi="${key}"] [data-scope="town"]`).textContent()
  return Number((text ?? '').replace(/[,%]/g, ''))
}

export interface LayoutReport {
  viewport: { width: number; height: number }
  scroll: { width: number; height: number }
  /** elements drawn (partly) outside the viewport */
  outside: string[]
  /** elements whose content is larger than their box (clipped, or spilling over a neighbour) */
  overflowing: string[]
  /** pairs of the wall's panels that overlap */
  overlapping: string[]
  /** the smallest font size on screen (computed size × any CSS scale) of any element holding text, and where */
  minFont: { size: number; where: string }
}

/** Measures the page as a person at the wall would see it. */
export function layoutReport(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`
    const vw = window.innerWidth
    const vh = window.innerHeight
    const outside: string[] = []
    const overflowing: string[] = []
    let minFont = { size: Infinity, where: '' }
    const wall = document.querySelector('[data-testid="wall"]')!
    for (const el of [wall, ...wall.querySelectorAll('*')]) {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden') continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 && r.height === 0) continue
      // The map's own canvas and controls are MapLibre's; its canvas is exactly the map's box.
      const inMap = el.closest('.maplibregl-map') !== null && !el.closest('.maplibregl-ctrl')
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) outside.push(`${name(el)} ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`)
      if (!inMap && el instanceof HTMLElement && !(el instanceof HTMLCanvasElement) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && el.clientHeight > 0)
        overflowing.push(`${name(el)} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`)
      const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
      // As seen: text inside a box scaled by CSS (the map's, at 4K) is that much larger on screen.
      const scale = el instanceof HTMLElement && el.offsetWidth > 0 ? r.width / el.offsetWidth : 1
      const size = parseFloat(style.fontSize) * scale
      if (text && size < minFont.size) minFont = { size, where: `${name(el)}: ${el.textContent?.trim().slice(0, 30)}` }
    }
    const panels = [...wall.children].map((el) => ({ el, r: el.getBoundingClientRect() }))
    const overlapping: string[] = []
    for (let i = 0; i < panels.length; i++)
      for (let j = i + 1; j < panels.length; j++) {
        const a = panels[i]!.r
        const b = panels[j]!.r
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (w > 1 && h > 1) overlapping.push(`${name(panels[i]!.el)} × ${name(panels[j]!.el)}`)
      }
    const root = document.documentElement
    return { viewport: { width: vw, height: vh }, scroll: { width: root.scrollWidth, height: root.scrollHeight }, outside, overflowing, overlapping, minFont }
  })
}

/**
 * Every API path the wall page calls (GET, and the display-token sign-in), so that the API test
 * (tests/server/api/wall-privacy.test.ts) reads each of them and a browser test can check the
 * page asks for nothing else.
 */
export const WALL_API_PATHS = [
  '/api/auth/display-token',
  '/api/auth/me',
  '/api/areas',
  '/api/basemap',
  '/api/sites',
  '/api/stats/summary',
  '/api/stats/trend',
  '/api/stats/areas',
  '/api/stats/coverage',
  // the districts' scores only (考核: the wall's district ranking)
  '/api/scorecards',
  // early warning: open counts by level and the red and orange ones by area and category (预测预警)
  '/api/warnings/summary',
  '/api/tiles/hazards/',
  '/api/stream',
] as const
