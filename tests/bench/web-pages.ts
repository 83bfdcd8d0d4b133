/**
 * The browser side of `npm run bench:web`: each page in a fresh context (cold browser cache),
 * logged in as the leader, everything off-origin refused; first idle timed from navigation start
 * (performance.now() in the page) and each filter change from the change to the next idle.
 */
import type { Browser, Page } from 'playwright-core'
import type {} from '../../web/map/test-handle' // window.__pinganMap
import type {} from './web-fixtures/bare' // window.__bench
import { mapLayerToggles } from '../../web/map/layer-groups'
import { FULL_HD, logIn } from '../e2e/harness'

declare global {
  interface Window {
    __benchFirstIdle?: number
  }
}

export interface PageRun {
  /** ms from navigation start to the first idle with every layer drawn */
  firstIdle: number
  /** ms from each filter change to the next idle */
  filters: number[]
  /** console errors, page errors and off-origin requests */
  problems: string[]
  /** every JavaScript file the page loaded */
  scripts: string[]
}

export interface RunOptions {
  /** a category to switch on and off */
  category: string
  toggles: number
  timeoutMs: number
}

async function open(browser: Browser, origin: string, path: string, prepare?: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: FULL_HD, baseURL: origin })
  // tsx keeps function names by wrapping them in esbuild's __name(); functions sent into the page need it too.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
  const problems: string[] = []
  const scripts: string[] = []
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      problems.push(`off-origin request: ${route.request().url()}`)
      return route.abort('blockedbyclient')
    },
  )
  context.on('console', (m) => void (m.type() === 'error' && problems.push(`console error: ${m.text()}`)))
  context.on('weberror', (e) => void problems.push(`page error: ${e.error().message}`))
  context.on('request', (r) => void (/\.m?js(\?|$)/.test(new URL(r.url()).pathname) && scripts.push(new URL(r.url()).pathname)))
  await logIn(context, origin, 'leader')
  const page = await context.newPage()
  await prepare?.(page)
  await page.goto(path)
  return { page, problems, scripts, close: () => context.close() }
}

/**
 * Before the app runs: once it publishes its map, the first idle with every toggled layer
 * visible is noted. The layers are on from the start: the bench opens a link naming them all.
 */
function hookFirstIdleAllOn(): void {
  let handle: Window['__pinganMap']
  Object.defineProperty(window, '__pinganMap', {
    configurable: true,
    get: () => handle,
    set(next: Window['__pinganMap']) {
      handle = next
      if (!next || window.__benchFirstIdle !== undefined) return
      const layers = next.stores.layers
      const map = next.map
      const allOn = () =>
        Object.values(layers.visible).every(Boolean) &&
        map.getLayersOrder().filter((id) => /heat|choropleth/.test(id)).every((id) => map.getLayoutProperty(id, 'visibility') !== 'none')
      const onIdle = () => {
        if (!allOn()) return
        window.__benchFirstIdle = performance.now()
        map.off('idle', onIdle)
      }
      map.on('idle', onIdle)
    },
  })
}

/** The desk's link with every layer on, as a reader who turned them all on would share it. */
export const ALL_LAYERS_PATH = `/?layers=${mapLayerToggles.join(',')}`

/** The app: its desk, with every layer on; filters through its own filter store. */
export async function runApp(browser: Browser, origin: string, options: RunOptions, capture?: (page: Page) => Promise<void>): Promise<PageRun> {
  const { page, problems, scripts, close } = await open(browser, origin, ALL_LAYERS_PATH, async (p) => {
    await p.addInitScript(hookFirstIdleAllOn)
  })
  try {
    await page.waitForFunction(() => window.__benchFirstIdle !== undefined || document.querySelector('[data-map-state="error"]'), undefined, { timeout: options.timeoutMs, polling: 100 })
    const firstIdle = await page.evaluate(() => window.__benchFirstIdle)
    if (firstIdle === undefined) throw new Error(`the app's map failed: ${await page.textContent('[data-map-state="error"]')}\n${problems.join('\n')}`)
    await capture?.(page)
    const source = await page.evaluate(() => Object.entries(window.__pinganMap!.map.getStyle().sources).find(([, s]) => s.type === 'vector' && JSON.stringify(s).includes('/api/tiles/hazards'))?.[0])
    if (!source) throw new Error('the app draws no hazard tile source')
    const filters: number[] = []
    for (let i = 0; i < options.toggles; i++)
      filters.push(
        await page.evaluate(
          async ([category, id]) => {
            const handle = window.__pinganMap!
            const map = handle.map
            const url = () => (map.getSource(id) as unknown as { tiles?: string[] }).tiles?.join() ?? ''
            const before = url()
            const started = performance.now()
            handle.stores.filters.toggle('category', category)
            // The change reaches the map through the app (watchers, any debounce): wait for the new tiles' URL.
            while (url() === before) {
              if (performance.now() - started > 30_000) throw new Error('the hazard tiles did not change')
              await new Promise((r) => setTimeout(r, 1))
            }
            await new Promise<void>((resolve) => {
              map.once('idle', () => resolve())
              map.triggerRepaint()
            })
            return performance.now() - started
          },
          [options.category, source] as const,
        ),
      )
    return { firstIdle, filters, problems, scripts }
  } finally {
    await close()
  }
}

/** A bare MapLibre page of tests/bench/web-fixtures (naive or floor). */
export async function runBare(browser: Browser, origin: string, page: 'naive' | 'floor', camera: string, options: RunOptions): Promise<PageRun> {
  const opened = await open(browser, origin, `/bench/${page}.html?c=${camera}`)
  try {
    await opened.page.waitForFunction(() => window.__bench !== undefined || window.__benchError !== undefined, undefined, { timeout: options.timeoutMs, polling: 100 })
    const error = await opened.page.evaluate(() => window.__benchError)
    if (error) throw new Error(`the ${page} page failed: ${error}`)
    const firstIdle = await opened.page.evaluate(() => window.__bench!.firstIdle, undefined)
    const filters: number[] = []
    for (let i = 0; i < options.toggles; i++)
      filters.push(await opened.page.evaluate((category) => window.__bench!.filter(category), i % 2 === 0 ? options.category : undefined))
    return { firstIdle, filters, problems: opened.problems, scripts: opened.scripts }
  } finally {
    await opened.close()
  }
}

/** What the floor page needs to draw exactly what the app drew: its style, icons, camera and label text. */
export async function captureStyle(page: Page) {
  return page.evaluate(() => {
    const map = window.__pinganMap!.map
    const style = map.getStyle()
    // Drawings of the moment (proximity overlays) are not part of the map the bench compares.
    for (const id of Object.keys(style.sources)) if (id.startsWith('overlay-')) delete style.sources[id]
    style.layers = style.layers.filter((l) => !('source' in l) || typeof l.source !== 'string' || !l.source.startsWith('overlay-'))
    const chars = new Set<string>()
    const featureStates: { source: string; id: string | number; state: Record<string, unknown> }[] = []
    for (const [sourceId, s] of Object.entries(style.sources)) {
      if (s.type !== 'geojson' || typeof s.data !== 'object' || !('features' in s.data)) continue
      const promoted = typeof s.promoteId === 'string' ? s.promoteId : undefined
      for (const f of s.data.features) {
        const name = f.properties?.['name']
        if (typeof name === 'string') for (const ch of name) chars.add(ch)
        const id = (promoted ? f.properties?.[promoted] : f.id) as string | number | undefined
        if (id !== undefined) {
          const state = map.getFeatureState({ source: sourceId, id })
          if (state && Object.keys(state).length) featureStates.push({ source: sourceId, id, state })
        }
      }
    }
    const images = map.listImages().flatMap((id) => {
      const image = map.style.getImage(id)
      if (!image) return []
      let binary = ''
      for (const byte of image.data.data) binary += String.fromCharCode(byte)
      return [{ id, width: image.data.width, height: image.data.height, pixelRatio: image.pixelRatio, sdf: image.sdf, data: btoa(binary) }]
    })
    const { lng, lat } = map.getCenter()
    const hazardSource = Object.entries(style.sources).find(([, s]) => s.type === 'vector' && (s.tiles ?? []).some((t) => t.includes('/api/tiles/hazards')))?.[0]
    return { style, camera: { center: [lng, lat] as [number, number], zoom: map.getZoom() }, labelText: [...chars].join(''), hazardSource, images, featureStates }
  })
}

/** The GPU, or the software renderer standing in for one, that WebGL ran on. */
export async function webglRenderer(browser: Browser): Promise<{ vendor: string; renderer: string; version: string }> {
  const page = await browser.newPage()
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
  await page.goto('about:blank')
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl')
      if (!gl) return { vendor: 'none', renderer: 'no WebGL', version: '' }
      const info = gl.getExtension('WEBGL_debug_renderer_info')
      return {
        vendor: String(gl.getParameter(info ? info.UNMASKED_VENDOR_WEBGL : gl.VENDOR)),
        renderer: String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
        version: String(gl.getParameter(gl.VERSION)),
      }
    })
  } finally {
    await page.close()
  }
}
