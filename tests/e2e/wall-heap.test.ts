import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppPage, type AppServer, launchChromium, openApp, startServer } from './harness'
import { apiSession, ok } from './live-api'
import { heapReading } from './heap'
import { waitForWallFigures } from './wall-support'

/**
 * One check, two lengths. `npm test` runs the quick one (≈ 95 s on a quiet machine, half of it
 * starting the server and Chromium and taking five heap snapshots: an 18 s window at 1.5 s a stop
 * after one round of the tour); `npm run test:soak` the ten-minute soak of issue 5 at 2 s a stop.
 * Same limit, same control; the soak sees slow leaks the quick window is too short to tell from
 * noise (a leak must add 10% of the page's objects within the window: ≈ 50 KB a tour stop for the
 * quick one — 80 KB planted with WALL_SOAK_LEAK_KB fails it — and ≈ 5 KB for the soak).
 * Knobs, from the environment:
 *   WALL_SOAK=soak            the ten-minute run (default: quick)
 *   WALL_SOAK_MINUTES=<m>     the measured window, in minutes, instead of the profile's
 *   WALL_SOAK_LEAK_KB=<kb>    the page keeps <kb> KB more at every tour stop: a leak planted on
 *                             purpose, to see this check fail as it must (it does not run by default)
 */
const PROFILES = {
  // One warm-up round and no readings inside the window: a heap snapshot costs seconds here.
  quick: { minutes: 0.3, tourSeconds: 1.5, warmUpRounds: 1, reportEveryStops: 4, sampleEveryReports: 0, readings: 2 },
  soak: { minutes: 10, tourSeconds: 2, warmUpRounds: 2, reportEveryStops: 15, sampleEveryReports: 4, readings: 3 },
} as const
const profile = PROFILES[process.env['WALL_SOAK'] === 'soak' ? 'soak' : 'quick']
const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not ${process.env[name]}`)
  return value
}

/** The tour at ten times its default pace or more: 2 s a stop for the soak, 1.5 s for the quick one (the flight takes 0.8 s of it). */
const TOUR_SECONDS = profile.tourSeconds
const RUN_MS = knob('WALL_SOAK_MINUTES', profile.minutes) * 60_000
/** A hazard reported now and then, so the ticker, the refetch and the tile reload run as well. */
const REPORT_EVERY_STOPS = profile.reportEveryStops
const LEAK_KB_PER_STOP = knob('WALL_SOAK_LEAK_KB', 0)
/**
 * Issue 5: under 10% growth of the heap after a forced GC. Measured on the page's objects (heap.ts):
 * V8's compiled code grows for a long while as functions get hot (8.2 → 10.5 MB here in ten
 * minutes, slowing), which is the engine's cache, not the page keeping anything.
 */
const MAX_GROWTH = 0.1

let server: AppServer
let browser: Browser
let app: AppPage

beforeAll(async () => {
  server = await startServer()
  browser = await launchChromium()
})

afterAll(async () => {
  await app?.close()
  await browser?.close()
  await server?.stop()
})

describe('the wall over a long run', () => {
  it(`tours for ${RUN_MS / 60_000} minutes at a fast pace with the objects on its heap growing less than ${MAX_GROWTH * 100}%`, async () => {
    app = await openApp(browser, server.origin, `/wall?tour=${TOUR_SECONDS}`, { user: 'wall' })
    const page = app.page
    await waitForWallFigures(page)
    // The map is published once its data and fonts are in; it never idles while the tour flies.
    await page.waitForFunction(() => window.__pinganMap !== undefined, undefined, { timeout: 60_000 })
    // Counts the tour's stops as the page shows them.
    // With WALL_SOAK_LEAK_KB, each stop also keeps that much in small objects (24 bytes each), once
    // the warm-up is over (window.__leaking), as a page leaking at every stop would.
    await page.evaluate((leakObjects) => {
      const wall = document.querySelector('[data-testid="wall"]')!
      const seen = { stops: 0, districts: new Set<string>() }
      const leaked: unknown[] = []
      Object.assign(window, { __tour: seen, __leaked: leaked, __leaking: false })
      new MutationObserver(() => {
        seen.stops++
        seen.districts.add(wall.getAttribute('data-tour-stop') ?? '')
        if ((window as unknown as { __leaking: boolean }).__leaking) for (let i = 0; i < leakObjects; i++) leaked.push({ i, at: seen.stops })
      }).observe(wall, { attributes: true, attributeFilter: ['data-tour-stop'] })
    }, Math.round((LEAK_KB_PER_STOP * 1024) / 24))
    const stops = () => page.evaluate(() => (window as unknown as { __tour: { stops: number } }).__tour.stops)
    const cdp = await app.context.newCDPSession(page)
    const heap = () => heapReading(cdp)
    /**
     * The retained heap: the least of a few readings (profile.readings), one at each of the next tour stops.
     * A single reading may land while a district's tiles and figures are in flight; what those
     * hold is freed a moment later, so it is noise against 10%, not growth.
     */
    const steadyHeap = async () => {
      const readings: Awaited<ReturnType<typeof heap>>[] = []
      for (let i = 0; i < profile.readings; i++) {
        const next = (await stops()) + 1
        await page.waitForFunction((n) => (window as unknown as { __tour: { stops: number } }).__tour.stops >= n, next, { timeout: 120_000 })
        readings.push(await heap())
      }
      return readings.reduce((a, b) => (b.objects < a.objects ? b : a))
    }

    const villages = await ok((await apiSession(server.origin, 'leader')).api.areas.$get({ query: { level: 'village' } }))
    let reports = 0
    /** Reports a hazard, then lets the tour go on for a few stops. */
    const round = async () => {
      const village = villages.features[reports % villages.features.length]!.properties
      const grid = await apiSession(server.origin, `grid-${village.code}`)
      await ok(grid.api.hazards.$post({ json: { category: 'safety_accident', item: 'fire', title: '长时运行测试', location: village.label, source: 'routine' } }), 201)
      reports++
      const target = (await stops()) + REPORT_EVERY_STOPS
      await page.waitForFunction((n) => (window as unknown as { __tour: { stops: number } }).__tour.stops >= n, target, { timeout: 120_000 })
    }

    // Warm-up: whole rounds of the tour with a live change in them, so every district's
    // figures, tiles and labels, the ticker and the refetch path have all run once: from here on
    // the caches (MapLibre's tiles, compiled code) are full, and what still grows would be a leak.
    const districts = (await ok((await apiSession(server.origin, 'wall')).api.areas.$get({ query: { level: 'district' } }))).features.length
    await round()
    await page.waitForFunction((n) => (window as unknown as { __tour: { stops: number } }).__tour.stops >= n, profile.warmUpRounds * (districts + 1), { timeout: 120_000 })
    const start = await steadyHeap()
    if (LEAK_KB_PER_STOP > 0) await page.evaluate(() => Object.assign(window, { __leaking: true }))

    const began = Date.now()
    const samples: string[] = []
    const mb = (n: number) => (n / 1_048_576).toFixed(2)
    while (Date.now() - began < RUN_MS) {
      await round()
      if (profile.sampleEveryReports && reports % profile.sampleEveryReports === 0) {
        const h = await heap()
        samples.push(`${((Date.now() - began) / 60_000).toFixed(1)} min: objects ${mb(h.objects)} MB, code ${mb(h.code)} MB`)
      }
    }
    const end = await steadyHeap()
    const made = await stops()
    const growth = end.objects / start.objects - 1
    const percent = (x: number) => `${(x * 100).toFixed(1)}%`
    console.log(
      `wall heap after GC, its objects: start ${mb(start.objects)} MB, end ${mb(end.objects)} MB, growth ${percent(growth)}; ` +
        `compiled code ${mb(start.code)} → ${mb(end.code)} MB; V8's used heap in all ${mb(start.usedSize)} → ${mb(end.usedSize)} MB (${percent(end.usedSize / start.usedSize - 1)}) ` +
        `over ${((Date.now() - began) / 60_000).toFixed(1)} min, ${made} tour stops, ${reports} hazards reported; ` +
        `DOM nodes ${start.nodes} → ${end.nodes}, listeners ${start.jsEventListeners} → ${end.jsEventListeners}\n` +
        `samples after GC: ${samples.join('; ')}`,
    )
    expect(growth).toBeLessThan(MAX_GROWTH)
    expect(app.problems()).toEqual([])

    // The control: the same reading sees objects the page keeps. A fifth of the heap more, held on
    // purpose as small objects (24 bytes each: an array slot and a two-field object), must fail the
    // limit above, or the figure above proves nothing.
    const kept = Math.ceil((end.objects * 2 * MAX_GROWTH) / 24)
    await page.evaluate((count) => Object.assign(window, { __kept: Array.from({ length: count }, (_, i) => ({ i, at: i * 2 })) }), kept)
    const leaked = await heap()
    expect(leaked.objects / end.objects - 1).toBeGreaterThan(MAX_GROWTH)
  }, RUN_MS + 10 * 60_000)
})
