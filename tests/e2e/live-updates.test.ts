import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppPage, type AppServer, launchChromium, openApp, screenshot, startServer, waitForMap } from './harness'
import { apiSession, ok } from './live-api'

/** What a change made elsewhere must take, at most, to reach an open page (issue 4, tests). */
/**
 * The desk does not poll: a change reaching it at all came down the stream. The wait is bounded
 * well above the 2 s the live issue asked for; the latency is printed, not asserted, since browser
 * timings here run on software WebGL beside other test files (README, Tests).
 */
const LIVE_WAIT_MS = 10_000

const badge = (page: Page) => page.getByTestId('live-status')
const badgeState = async (page: Page) => ({
  state: await badge(page).getAttribute('data-live-state'),
  revision: Number(await badge(page).getAttribute('data-revision')),
  text: (await badge(page).textContent())?.trim() ?? '',
})
const kpiTotal = async (page: Page) => Number(((await page.locator('[data-kpi="total"] dd').first().textContent()) ?? '').replace(/\D/g, ''))

describe('the desk follows the live stream', () => {
  let server: AppServer
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    app = await openApp(browser, server.origin, '/', { user: 'leader' })
    await app.page.waitForSelector('[data-testid="live-status"][data-live-state="live"]', { timeout: 30_000 })
    // The page has settled (map drawn, figures in) before anything is compared with it.
    await waitForMap(app)
    await app.page.waitForFunction(() => /\d/.test(document.querySelector('[data-kpi="total"] dd')?.textContent ?? ''), undefined, { timeout: 30_000 })
  })

  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await server?.stop()
  })

  it('says it is live, and as of when, in Chinese, politely to screen readers', async () => {
    const { text } = await badgeState(app.page)
    expect(text).toMatch(/^实时 · 截至 \d{2}:\d{2}:\d{2}$/)
    await expect(badge(app.page).getAttribute('aria-live')).resolves.toBe('polite')
  })

  it('shows a hazard reported through the API without a reload: the stream moves the revision and the total', async () => {
    const page = app.page
    // The as-of time is shown to the second: let one pass so a change is visible in the text.
    await page.waitForTimeout(1_100)
    const before = await badgeState(page)
    const totalBefore = await kpiTotal(page)

    const villages = await ok((await apiSession(server.origin, 'leader')).api.areas.$get({ query: { level: 'village' } }))
    const village = villages.features[0]!.properties
    const grid = await apiSession(server.origin, `grid-${village.code}`)

    // Notes when the revision and the total move, in ms after the report was sent, to say which was late.
    await page.evaluate(
      ([revision, total]) => {
        const seen: { revision?: number; total?: number; at: number } = { at: performance.now() }
        Object.assign(window, { __liveSeen: seen })
        const look = () => {
          const now = performance.now() - seen.at
          if (seen.revision === undefined && Number(document.querySelector('[data-testid="live-status"]')?.getAttribute('data-revision')) > revision) seen.revision = now
          if (seen.total === undefined && Number((document.querySelector('[data-kpi="total"] dd')?.textContent ?? '').replace(/\D/g, '')) === total + 1) seen.total = now
        }
        new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
      },
      [before.revision, totalBefore] as const,
    )
    const started = Date.now()
    await ok(grid.api.hazards.$post({ json: { category: 'safety_accident', item: 'fire', title: '实时测试：楼道堆放杂物', location: village.label, source: 'routine' } }), 201)
    await page.waitForFunction(() => {
      const seen = (window as unknown as { __liveSeen: { revision?: number; total?: number } }).__liveSeen
      return seen.revision !== undefined && seen.total !== undefined
    }, undefined, { timeout: LIVE_WAIT_MS }).catch(() => undefined)
    const took = Date.now() - started
    const seen = await page.evaluate(() => (window as unknown as { __liveSeen: { revision?: number; total?: number } }).__liveSeen)
    expect({ revisionMoved: seen.revision !== undefined, totalMoved: seen.total !== undefined }).toEqual({ revisionMoved: true, totalMoved: true })
    const after = await badgeState(page)
    expect(after.state).toBe('live')
    expect(after.text).not.toBe(before.text)
    console.log(`a reported hazard moved the live revision after ${Math.round(seen.revision!)} ms and the total after ${Math.round(seen.total!)} ms (${took} ms in all)`)
    expect(app.problems()).toEqual([])
  })

  it('says the connection is lost while the server is down, and is live and current again once it is back', async () => {
    const page = app.page
    const before = await badgeState(page)
    await server.restart(async () => {
      await page.waitForSelector('[data-testid="live-status"][data-live-state="interrupted"]', { timeout: 10_000 })
      const down = await badgeState(page)
      expect(down.text).toMatch(/^连接中断，数据截至 \d{2}:\d{2}:\d{2}$/)
      await screenshot(page, 'live-interrupted')
    })
    await page.waitForSelector('[data-testid="live-status"][data-live-state="live"]', { timeout: 20_000 })
    // Changes made while it was away may not be replayed by a restarted server: the page asks again.
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid="live-status"]')?.getAttribute('data-revision')) > r, before.revision, { timeout: 5_000 })
    expect((await badgeState(page)).text).toMatch(/^实时 · 截至 /)
    // The browser's own reconnection attempts to the stopped server are the only errors expected.
    const unexpected = app.problems().filter((p) => !(p.includes('/api/stream') && /net::ERR_/.test(p)))
    expect(unexpected).toEqual([])
  })
})
