/**
 * The phone part of `npm run bench:web` (issue 15, "Speed"): on a phone profile — CPU 4× slowed
 * (CDP Emulation.setCPUThrottlingRate) and a slow 3G network (CDP Network.emulateNetworkConditions:
 * 400 ms latency, 400 kbit/s down and up) — the time from navigation start to
 *   - the phone's report form usable (its title field visible and enabled), on a cold cache and
 *     from the service worker's cache (a second visit in the same browser profile);
 *   - the desk's map published (data and label font loaded, style set: window.__pinganMap), measured
 *     the same way, on a cold cache, as the baseline the phone's page is set beside.
 * Also the gzip weight of the JavaScript the phone page needs before the map (phoneEntryWeight).
 *
 * The throttling is the page's: the service worker's own requests (its precache download, its
 * refresh of the kept map data) are not slowed; the page's navigation and the session check are.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { FULL_HD, logIn } from '../e2e/harness'

declare global {
  interface Window {
    __benchUsable?: number
  }
}

export const PHONE_PROFILE = { cpuSlowdown: 4, latencyMs: 400, downKbps: 400, upKbps: 400 } as const
const PHONE_VIEWPORT = { width: 360, height: 740 }
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 12; M2006C3LC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'

export interface EntryWeight {
  /** the entry script and every module it preloads (its static import graph), with their sizes */
  files: { file: string; bytes: number; gzip: number }[]
  js: { bytes: number; gzip: number }
  css: { bytes: number; gzip: number }
}

/**
 * What the phone page loads before anything lazy: the entry script and the modules Vite preloads
 * for it (the whole static import graph; the map is a dynamic import and is not among them), and
 * its stylesheets. gzip at zlib's default level, as a server would send them.
 */
export function phoneEntryWeight(dist: string): EntryWeight {
  const html = readFileSync(join(dist, 'phone', 'index.html'), 'utf8')
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!)
  const js = [...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)]
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)
  if (js.length === 0) throw new Error('dist/phone/index.html loads no module script')
  const size = (file: string) => {
    const bytes = readFileSync(join(dist, file.replace(/^\//, '')))
    return { file, bytes: bytes.length, gzip: gzipSync(bytes).length }
  }
  const sum = (files: { bytes: number; gzip: number }[]) => files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip }), { bytes: 0, gzip: 0 })
  const files = js.map(size)
  return { files, js: sum(files), css: sum(css.map(size)) }
}

/** Puts the phone profile on a page (its CPU, its network) through the Chrome DevTools Protocol. */
async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown })
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE_PROFILE.latencyMs,
    downloadThroughput: (PHONE_PROFILE.downKbps * 1000) / 8,
    uploadThroughput: (PHONE_PROFILE.upKbps * 1000) / 8,
  })
}

/** What a page's hook logs once it is usable. */
const USABLE = 'pingan-bench: usable'

/** In the page, before the app runs: notes performance.now() when the report's title field is first visible and enabled, and logs `usable`. */
function hookFormUsable(usable: string): void {
  const check = () => {
    if (window.__benchUsable !== undefined) return
    const field = document.querySelector<HTMLInputElement>('[data-testid="phone-title"]')
    if (field && !field.disabled && field.offsetParent !== null) {
      window.__benchUsable = performance.now()
      console.debug(usable)
    }
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true })
}

/** In the page, before the app runs: notes performance.now() when the desk publishes its map, and logs `usable`. */
function hookDeskMap(usable: string): void {
  let handle: Window['__pinganMap']
  Object.defineProperty(window, '__pinganMap', {
    configurable: true,
    get: () => handle,
    set(next: Window['__pinganMap']) {
      handle = next
      if (next && window.__benchUsable === undefined) {
        window.__benchUsable = performance.now()
        console.debug(usable)
      }
    },
  })
}

/**
 * Navigates and waits for the page's hook to say it is usable, by a console message: asking the page
 * (waitForFunction) would inject Playwright's own script into it, ≈ 70 ms of the throttled main
 * thread inside the very window measured. Only then is the time read from the page.
 */
async function usableAfter(page: Page, path: string, timeoutMs: number, problems: string[]): Promise<number> {
  const usable = page.waitForEvent('console', { predicate: (m) => m.text() === USABLE, timeout: timeoutMs })
  usable.catch(() => undefined) // awaited below; a navigation that fails first must not leave it unhandled
  await page.goto(path, { waitUntil: 'commit', timeout: timeoutMs })
  await usable.catch((error: unknown) => {
    throw new Error(`${path} was not usable within ${timeoutMs} ms: ${String(error)}\n${problems.join('\n')}`)
  })
  return (await page.evaluate(() => window.__benchUsable))!
}

async function newContext(browser: Browser, origin: string, phone: boolean) {
  const context = await browser.newContext(phone ? { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, userAgent: ANDROID_UA, baseURL: origin } : { viewport: FULL_HD, baseURL: origin })
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
  const problems: string[] = []
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      problems.push(`off-origin request: ${route.request().url()}`)
      return route.abort('blockedbyclient')
    },
  )
  context.on('weberror', (e) => void problems.push(`page error: ${e.error().message}`))
  return { context, problems }
}

/** The grid worker of the town's first village (accounts are grid-<village id>), asked of the server as the leader. */
async function firstWorker(browser: Browser, origin: string): Promise<string> {
  const context = await browser.newContext({ baseURL: origin })
  try {
    await logIn(context, origin, 'leader')
    const areas = (await (await context.request.get('/api/areas?level=village')).json()) as { features: { properties: { id: string } }[] }
    return `grid-${areas.features[0]!.properties.id}`
  } finally {
    await context.close()
  }
}

export interface PhoneRound {
  /** ms from navigation start, throttled */
  phoneCold: number
  phoneFromWorker: number
  deskCold: number
  problems: string[]
}

/** One round: the phone cold, then from its worker in the same profile, and the desk cold, each in a fresh context. */
export async function phoneRound(browser: Browser, origin: string, worker: string, timeoutMs: number): Promise<PhoneRound> {
  const phone = await newContext(browser, origin, true)
  const desk = await newContext(browser, origin, false)
  try {
    await logIn(phone.context, origin, worker)
    await phone.context.addInitScript(hookFormUsable, USABLE)
    const first = await phone.context.newPage()
    await throttle(phone.context, first)
    const phoneCold = await usableAfter(first, '/phone/#report', timeoutMs, phone.problems)
    // The worker installs after the page's load event (precaching over the unthrottled worker's network).
    await first.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: timeoutMs })
    await first.close()
    const second = await phone.context.newPage()
    await throttle(phone.context, second)
    const phoneFromWorker = await usableAfter(second, '/phone/#report', timeoutMs, phone.problems)

    await logIn(desk.context, origin, 'leader')
    await desk.context.addInitScript(hookDeskMap, USABLE)
    const deskPage = await desk.context.newPage()
    await throttle(desk.context, deskPage)
    const deskCold = await usableAfter(deskPage, '/', timeoutMs, desk.problems)
    return { phoneCold, phoneFromWorker, deskCold, problems: [...phone.problems, ...desk.problems] }
  } finally {
    await Promise.all([phone.context.close(), desk.context.close()])
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN
const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Runs the rounds and prints the phone's tables (targets from issue 15); returns what it measured for the JSON record. */
export async function measurePhone(browser: Browser, origin: string, dist: string, rounds: number, report: (name: string, rows: Record<string, string | number>[]) => void) {
  const weight = phoneEntryWeight(dist)
  const runs: PhoneRound[] = []
  const worker = await firstWorker(browser, origin)
  for (let round = 0; round < rounds; round++) {
    runs.push(await phoneRound(browser, origin, worker, 300_000))
    console.log(`phone: round ${round + 1}/${rounds} done`)
  }
  const [cold, cached, desk] = [median(runs.map((r) => r.phoneCold)), median(runs.map((r) => r.phoneFromWorker)), median(runs.map((r) => r.deskCold))]
  const profile = `CPU ${PHONE_PROFILE.cpuSlowdown}× slower, ${PHONE_PROFILE.latencyMs} ms latency, ${PHONE_PROFILE.downKbps}/${PHONE_PROFILE.upKbps} kbit/s`
  console.log(`\n(d) phone profile (${profile}): navigation → usable, median of ${rounds} (targets: phone form ≤ 3 s cold, ≤ 1 s from the service worker)`)
  report('web-phone-usable', [
    { page: 'phone: report form usable, cold cache', median: ms(cold), runs: runs.map((r) => Math.round(r.phoneCold)).join(' / '), 'page / desk': `${(cold / desk).toFixed(2)}×` },
    { page: 'phone: report form usable, from the service worker', median: ms(cached), runs: runs.map((r) => Math.round(r.phoneFromWorker)).join(' / '), 'page / desk': `${(cached / desk).toFixed(2)}×` },
    { page: 'desk: map published, cold cache', median: ms(desk), runs: runs.map((r) => Math.round(r.deskCold)).join(' / '), 'page / desk': '1.00×' },
  ])
  console.log('\n(e) what the phone page loads before the map (its static import graph; target ≤ 200 KB gzip of JS)')
  report('web-phone-weight', [
    { what: 'JavaScript', files: weight.files.length, minified: kb(weight.js.bytes), gzip: kb(weight.js.gzip) },
    { what: 'CSS', files: '', minified: kb(weight.css.bytes), gzip: kb(weight.css.gzip) },
  ])
  const problems = [...new Set(runs.flatMap((r) => r.problems))]
  if (problems.length) console.warn(`\nphone pages reported problems:\n${problems.join('\n')}`)
  return { profile: PHONE_PROFILE, runs, weight, problems }
}
