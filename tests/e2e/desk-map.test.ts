import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { areaLineLayerIds } from '../../web/map/layers/areas'
import { areaLabelLayerIds } from '../../web/map/layers/labels'
import {
  type AppPage,
  type AppServer,
  FULL_HD,
  launchChromium,
  openApp,
  renderedCounts,
  renderedLabels,
  screenshot,
  startServer,
  waitForMap,
} from './harness'

const HAN = /\p{Script=Han}/u

describe('the desk map at 1920×1080', () => {
  let server: AppServer
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    app = await openApp(browser, server.origin, '/', { viewport: FULL_HD, user: 'leader' })
    await waitForMap(app)
    await screenshot(app.page, 'desk-map-1920x1080')
  })

  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await server?.stop()
  })

  it('draws the district, village and grid-cell boundaries of the whole town', async () => {
    const counts = await renderedCounts(app.page, [areaLineLayerIds.district, areaLineLayerIds.village, areaLineLayerIds.grid])
    expect(counts[areaLineLayerIds.district]).toBeGreaterThan(0)
    expect(counts[areaLineLayerIds.village]).toBeGreaterThan(0)
    expect(counts[areaLineLayerIds.grid]).toBeGreaterThan(0)
  })

  it('writes district and village names in Chinese', async () => {
    const labels = await renderedLabels(app.page, [areaLabelLayerIds.district, areaLabelLayerIds.village])
    expect(labels.filter((text) => HAN.test(text)).length).toBeGreaterThan(0)
  })

  it('has the bundled Chinese font ready for the names it draws, so they are glyphs and not boxes', async () => {
    const labels = await renderedLabels(app.page, [areaLabelLayerIds.district, areaLabelLayerIds.village])
    const covered = await app.page.evaluate((text) => document.fonts.check('16px "Noto Sans SC"', text), labels.join(''))
    expect(covered).toBe(true)
  })

  it('sets every Chinese text on the page, map controls included, in the bundled font', async () => {
    const offenders = await app.page.evaluate(() => {
      const found: string[] = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const family = node.parentElement ? getComputedStyle(node.parentElement).fontFamily : ''
        if (/\p{Script=Han}/u.test(node.textContent ?? '') && !family.includes('Noto Sans SC')) found.push(`${node.textContent} (${family})`)
      }
      return found
    })
    expect(offenders).toEqual([])
  })

  it('shows the product and the town in the header', async () => {
    await expect(app.page.locator('header h1').textContent()).resolves.toBe('平安一张图')
    await expect(app.page.getByTestId('town-name').textContent()).resolves.toMatch(HAN)
  })

  it('asks nothing of any other server and logs no errors', () => {
    expect(app.requests.some((url) => url.includes('/api/areas'))).toBe(true)
    expect(app.problems()).toEqual([])
  })
})
