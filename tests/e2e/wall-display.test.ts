import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppPage, type AppServer, launchChromium, openApp, screenshot, startServer, waitForMap } from './harness'
import { apiSession, ok } from './live-api'
import { WALL_API_PATHS, WALL_TOKEN, layoutReport, townFigure, waitForWallFigures } from './wall-support'

/** What a change made elsewhere may take, at most, to show on the wall (issue 5). */
/**
 * The wall does not poll: a change reaching it at all came down the stream. The wait is bounded
 * well above the 2 s the live issue asked for; the latency is printed, not asserted (README, Tests).
 */
const LIVE_WAIT_MS = 10_000
const sizes = [
  { name: '1080p', viewport: { width: 1920, height: 1080 }, minFont: 14 },
  { name: '4k', viewport: { width: 3840, height: 2160 }, minFont: 28 },
] as const

let server: AppServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ env: { WALL_TOKEN } })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The API paths a page asked for that the privacy test (tests/server/api/wall-privacy.test.ts) does not read. */
const unread = (app: AppPage) =>
  [...new Set(app.requests.map((url) => new URL(url).pathname).filter((path) => path.startsWith('/api/')))].filter((path) => !WALL_API_PATHS.some((p) => path.startsWith(p)))

describe('the tour', () => {
  let app: AppPage

  beforeAll(async () => {
    app = await openApp(browser, server.origin, '/wall?tour=4', { user: 'wall' })
    await waitForWallFigures(app.page)
  })

  afterAll(async () => {
    await app?.close()
  })

  it('flies to a district, shows its figures beside the town figures, and comes back to the township', async () => {
    const page = app.page
    const wall = await apiSession(server.origin, 'wall')
    const districts = await ok(wall.api.areas.$get({ query: { level: 'district' } }))
    const expected: Record<string, { name: string; open: string }> = {}
    for (const d of districts.features)
      expected[d.properties.id] = { name: d.properties.name, open: (await ok(wall.api.stats.summary.$get({ query: { area: d.properties.id } }))).open.toLocaleString('zh-CN') }
    // Read together, so a stop that moves on between two reads cannot mix two districts.
    const shown = () =>
      page.evaluate(() => ({
        stop: document.querySelector('[data-testid="wall"]')?.getAttribute('data-tour-stop') ?? '',
        caption: document.querySelector('[data-testid="wall-tour"]')?.textContent ?? '',
        open: document.querySelector('[data-kpi="open"] [data-scope="district"]')?.textContent ?? '',
      }))
    await expect
      .poll(async () => {
        const now = await shown()
        const want = expected[now.stop]
        return !!want && now.caption.includes(want.name) && now.open === want.open
      }, { timeout: 30_000 })
      .toBe(true)
    expect(await townFigure(page, 'open')).toBeGreaterThan(Math.max(...Object.values(expected).map((e) => Number(e.open.replace(/,/g, '')))))
    // The district's villages in their four colours before the picture is taken.
    await page.waitForFunction(() => window.__pinganMap?.map.loaded(), undefined, { timeout: 30_000 })
    await screenshot(page, 'wall-tour')
    await page.waitForFunction(() => document.querySelector('[data-testid="wall"]')?.getAttribute('data-tour-stop') === 'town', undefined, { timeout: 60_000 })
    expect(await page.locator('[data-kpi="open"] [data-scope="district"]').isVisible()).toBe(false)
    expect(unread(app)).toEqual([])
    expect(app.problems()).toEqual([])
  })
})

for (const size of sizes) {
  describe(`the wall at ${size.viewport.width}×${size.viewport.height}`, () => {
    let app: AppPage

    beforeAll(async () => {
      // 1080p signs in with the display token, 4K with the wall account: both ways are the wall's.
      app =
        size.name === '1080p'
          ? await openApp(browser, server.origin, `/wall?token=${WALL_TOKEN}&tour=off`, { viewport: size.viewport })
          : await openApp(browser, server.origin, '/wall?tour=off', { viewport: size.viewport, user: 'wall' })
      await waitForWallFigures(app.page)
      await waitForMap(app)
    })

    afterAll(async () => {
      await app?.close()
    })

    it('fills the screen with no scrollbar, nothing outside it, overflowing or overlapping, and no small text', async () => {
      const report = await layoutReport(app.page)
      expect(report.scroll).toEqual(report.viewport)
      expect(report.outside).toEqual([])
      expect(report.overflowing).toEqual([])
      expect(report.overlapping).toEqual([])
      expect(report.minFont.size, report.minFont.where).toBeGreaterThanOrEqual(size.minFont)
      // No desk header: the wall is the whole page.
      expect(await app.page.locator('.app-header').count()).toBe(0)
      await screenshot(app.page, `wall-${size.name}`)
      expect(unread(app)).toEqual([])
      expect(app.problems()).toEqual([])
    })

    if (size.name === '1080p') {
      it('signed in with the display token and took it out of the address bar', async () => {
        expect(new URL(app.page.url()).searchParams.has('token')).toBe(false)
        const me = await app.page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: { role: string } })
        expect(me.user.role).toBe('wall')
      })

      it('shows a hazard reported through the API without a reload: figure and ticker line, pushed by the stream', async () => {
        const page = app.page
        const found = await townFigure(page, 'found')
        const villages = await ok((await apiSession(server.origin, 'leader')).api.areas.$get({ query: { level: 'village' } }))
        const village = villages.features[3]!.properties
        const grid = await apiSession(server.origin, `grid-${village.code}`)
        await page.evaluate(
          ([villageId, before]) => {
            const seen: { line?: number; figure?: number; at: number } = { at: performance.now() }
            Object.assign(window, { __wallSeen: seen })
            const look = () => {
              const now = performance.now() - seen.at
              if (seen.line === undefined && document.querySelector(`[data-testid="wall-ticker"] [data-kind="found"][data-village="${villageId}"]`)) seen.line = now
              const figure = Number((document.querySelector('[data-kpi="found"] [data-scope="town"]')?.textContent ?? '').replace(/,/g, ''))
              if (seen.figure === undefined && figure === before + 1) seen.figure = now
            }
            new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true })
          },
          [village.id, found] as const,
        )
        await ok(grid.api.hazards.$post({ json: { category: 'safety_accident', item: 'fire', title: '大屏测试：楼道堆放杂物', location: village.label, source: 'routine' } }), 201)
        const seen = () => page.evaluate(() => (window as unknown as { __wallSeen: { line?: number; figure?: number } }).__wallSeen)
        await expect.poll(async () => { const s = await seen(); return s.line !== undefined && s.figure !== undefined }, { timeout: LIVE_WAIT_MS }).toBe(true)
        const { line, figure } = await seen()
        console.log(`a reported hazard reached the ticker after ${Math.round(line!)} ms and the figure after ${Math.round(figure!)} ms`)
        const text = await page.getByTestId('wall-ticker').textContent()
        expect(text).toContain('安全事故')
        expect(text).not.toContain('楼道堆放杂物')
        expect(app.problems()).toEqual([])
      })

      it('keeps its picture and says since when the data is stale while the server is down, then recovers by itself', async () => {
        const page = app.page
        const status = page.getByTestId('wall-status')
        const revision = Number(await status.getAttribute('data-revision'))
        const open = await townFigure(page, 'open')
        await server.restart(async () => {
          await page.waitForSelector('[data-testid="wall-status"][data-live-state="stale"]', { timeout: 15_000 })
          expect(await status.textContent()).toMatch(/数据已过时 · 自 \d{2}:\d{2}:\d{2} 起未更新/)
          expect(await townFigure(page, 'open')).toBe(open)
          await screenshot(page, 'wall-stale')
        })
        await page.waitForSelector('[data-testid="wall-status"][data-live-state="live"]', { timeout: 30_000 })
        await page.waitForFunction((r) => Number(document.querySelector('[data-testid="wall-status"]')?.getAttribute('data-revision')) > r, revision, { timeout: 10_000 })
        expect(await townFigure(page, 'open')).toBe(open)
        // The browser's own reconnection attempts to the stopped server are the only errors expected.
        expect(app.problems().filter((p) => !/net::ERR_|Failed to load resource/.test(p))).toEqual([])
      })
    }
  })
}

describe('a wall whose map fails to load', () => {
  it('says so, tries again by itself and draws the map once the server answers', async () => {
    let refused = 0
    const app = await openApp(browser, server.origin, '/wall?tour=off', {
      user: 'wall',
      // The server restarting just as the wall loads: its first requests for the base map are refused.
      prepare: (context) =>
        context.route('**/api/basemap*', (route) => {
          if (refused >= 2) return route.continue()
          refused++
          return route.abort('connectionrefused')
        }),
    })
    try {
      const { page } = app
      const map = page.locator('.wall-map')
      await page.waitForSelector('.wall-map[data-map-state="error"]', { timeout: 60_000 })
      expect(await map.textContent()).toContain('地图暂未载入，正在重试')
      // Figures do not wait for the map.
      await waitForWallFigures(page)
      await page.waitForSelector('.wall-map[data-map-state="ready"]', { timeout: 60_000 })
      await page.waitForFunction(() => window.__pinganMap?.map.loaded(), undefined, { timeout: 60_000 })
      expect(refused).toBe(2)
      expect(await map.textContent()).not.toContain('正在重试')
      expect(app.problems().filter((p) => !/net::ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([])
    } finally {
      await app.close()
    }
  })
})
