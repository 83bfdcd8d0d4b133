/**
 * The phone app opens with no signal after one visit with signal (issue 15, "Installable"): the
 * service worker (web/phone/sw.ts) installs and takes the page, the village map's data is kept, and
 * offline a reload still shows the report form and the map. The desk at / has no service worker.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, launchChromium, logIn, useAppServer } from './harness'

const PHONE = { width: 360, height: 740 }
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 12; M2006C3LC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'
const PHONE_CONTEXT: BrowserContextOptions = { isMobile: true, hasTouch: true, userAgent: ANDROID_UA }

const app = useAppServer()
let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()))
})

/** The grid worker of the demo town's first village (accounts are grid-<village id>). */
let worker: string | undefined
async function firstWorker(): Promise<string> {
  if (!worker) {
    const login = await fetch(`${app.origin}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: app.origin }, body: JSON.stringify({ username: 'leader', password: DEMO_PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const areas = (await (await fetch(`${app.origin}/api/areas?level=village`, { headers: { cookie } })).json()) as { features: { properties: { id: string } }[] }
    worker = `grid-${areas.features[0]!.properties.id}`
  }
  return worker
}

interface PhonePage {
  page: Page
  context: BrowserContext
  /** every URL the page and its workers asked for, in order */
  requests: string[]
  pageErrors: string[]
}

/**
 * The phone app in a phone-sized context of its own, logged in as `user`. Not openApp's context:
 * that one routes requests through Playwright (to refuse other origins), and a routed context fails a
 * dedicated worker's script that the service worker answers offline (MapLibre's, here), which a
 * phone would not. Requests to other origins are recorded instead, and must not happen.
 */
async function openPhone(path: string): Promise<PhonePage> {
  const context = await browser.newContext({ ...PHONE_CONTEXT, viewport: PHONE, baseURL: app.origin })
  contexts.push(context)
  const requests: string[] = []
  const pageErrors: string[] = []
  context.on('request', (request) => void requests.push(request.url()))
  context.on('weberror', (error) => void pageErrors.push(error.error().stack ?? String(error.error())))
  await logIn(context, app.origin, await firstWorker())
  const page = await context.newPage()
  await page.goto(path)
  return { page, context, requests, pageErrors }
}

const offOrigin = (requests: string[]) => requests.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).origin !== app.origin)

/** Resolves once a service worker controls the page (the first visit's worker claims it when installed). */
const controlled = (page: Page) => page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 90_000 })

/** The paths of the API answers the worker keeps, by cache. */
const kept = (page: Page) =>
  page.evaluate(async () => {
    const out: Record<string, string[]> = {}
    for (const name of await caches.keys()) {
      if (!name.startsWith('pingan-phone-')) continue
      out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search)
    }
    return out
  })

const mapState = (page: Page) => page.getByTestId('phone-map').getAttribute('data-map-state')

describe('the phone app offline', () => {
  it('after a visit with signal, reloads with none on the report form, its village map drawn from what was kept', async () => {
    const phone = await openPhone('/phone/#map')
    const { page } = phone
    await controlled(page)
    // The map, opened with signal: its data goes through the worker, which keeps it.
    await expect.poll(() => mapState(page), { timeout: 90_000 }).toBe('ready')
    const asked = [...new Set(phone.requests.map((u) => new URL(u)).filter((u) => u.pathname.startsWith('/api/') && !u.pathname.startsWith('/api/auth/')).map((u) => u.pathname + u.search))]
    const mapData = asked.filter((p) => /^\/api\/(areas|sites|basemap)(\?|$)/.test(p))
    expect(mapData.length, `the map asked for: ${asked.join(', ')}`).toBeGreaterThan(0)
    await expect.poll(async () => (await kept(page))['pingan-phone-map-data'] ?? []).toEqual(expect.arrayContaining(mapData))
    // The font subsets the page drew its text with are kept too (the map's labels need them).
    const fonts = [...new Set(phone.requests.map((u) => new URL(u).pathname).filter((p) => /\.woff2$/.test(p)))]
    expect(fonts.length).toBeGreaterThan(0)
    await expect.poll(async () => (await kept(page))['pingan-phone-fonts'] ?? []).toEqual(expect.arrayContaining(fonts))

    await phone.context.setOffline(true)
    const before = phone.requests.length
    await page.reload()
    await expect.poll(() => page.getByTestId('phone-app').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready')
    await expect.poll(() => mapState(page), { timeout: 60_000 }).toBe('ready')

    await page.getByTestId('phone-tab-report').click()
    const title = page.getByTestId('phone-title')
    await title.waitFor()
    expect(await title.isEnabled()).toBe(true)
    await title.fill('离线也能填写')
    expect(await title.inputValue()).toBe('离线也能填写')

    expect(phone.requests.length).toBeGreaterThan(before)
    expect(offOrigin(phone.requests)).toEqual([])
    expect(phone.pageErrors).toEqual([])
  })

  it('keeps nothing of the session, and forgets the account\'s data at logout', async () => {
    const phone = await openPhone('/phone/#map')
    const { page } = phone
    await controlled(page)
    await expect.poll(() => mapState(page), { timeout: 90_000 }).toBe('ready')
    await expect.poll(async () => (await kept(page))['pingan-phone-map-data']?.length ?? 0).toBeGreaterThan(0)
    expect(Object.values(await kept(page)).flat().filter((p) => p.startsWith('/api/auth/'))).toEqual([])

    // The logout passes through the worker, which empties what it kept for this account.
    const status = await page.evaluate(async () => (await fetch('/api/auth/logout', { method: 'POST' })).status)
    expect(status).toBeLessThan(300)
    await expect.poll(async () => (await kept(page))['pingan-phone-map-data'] ?? []).toEqual([])
  })

  it('leaves the desk alone: no service worker, no manifest, not controlled by the phone\'s', async () => {
    const desk = await app.open('/', { user: 'leader' })
    contexts.push(desk.context)
    await desk.page.waitForLoadState('load')
    expect(await desk.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0)
    expect(await desk.page.locator('link[rel="manifest"]').count()).toBe(0)
    expect(desk.requests.some((u) => u.endsWith('/sw.js'))).toBe(false)

    // In a browser that has the phone's worker, the desk is still outside its scope.
    const phone = await openPhone('/phone/')
    await controlled(phone.page)
    const deskTab = await phone.context.newPage()
    await deskTab.goto('/')
    expect(await deskTab.evaluate(() => navigator.serviceWorker.controller)).toBeNull()
  })

  it('serves the worker, the manifest and the icons fresh and as what they are, the scripts gzipped', async () => {
    const sw = await fetch(`${app.origin}/phone/sw.js`)
    expect(sw.status).toBe(200)
    expect(sw.headers.get('content-type')).toMatch(/javascript/)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    const manifest = await fetch(`${app.origin}/phone/manifest.webmanifest`)
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/)
    expect(manifest.headers.get('cache-control')).toBe('no-cache')
    const body = (await manifest.json()) as { scope: string; start_url: string; display: string; icons: { src: string; sizes: string; purpose: string }[] }
    expect(body).toMatchObject({ scope: '/phone/', start_url: '/phone/', display: 'standalone' })
    expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable'])
    for (const icon of body.icons) {
      const png = await fetch(`${app.origin}${icon.src}`)
      expect(png.headers.get('content-type')).toBe('image/png')
    }
    const page = await fetch(`${app.origin}/phone/`)
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.headers.get('content-security-policy')).toMatch(/worker-src 'self'/)
    const html = await page.text()
    expect(html).toMatch(/<link rel="manifest" href="\/phone\/manifest.webmanifest"/)
    // The page's script goes gzipped (on a slow network its bytes are most of the wait).
    const script = /<script[^>]*src="([^"]+)"/.exec(html)![1]!
    const gzipped = await fetch(`${app.origin}${script}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
  })
})
