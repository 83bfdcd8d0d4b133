import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaCollection } from '../../web/api/areas'
import type { AreaRow } from '../../web/api/stats'
import { focusLayerIds } from '../../web/map/layers/focus'
import { areaBounds } from '../../web/map/town-data'
import { type AppPage, type AppServer, FULL_HD, launchChromium, openApp, renderedCounts, screenshot, startServer, waitForMap } from './harness'
import { apiJson, CLEAR_REGION, clickArea, contains, mapOrigin, settle, viewBounds, waitForCamera } from './map-support'

/** Picks, level by level, the area with the most hazards: the one a leader would open first. */
async function busiest(app: AppPage, level: 'district' | 'village' | 'grid', parentId?: string): Promise<AreaRow> {
  const [rows, areas] = await Promise.all([
    apiJson<AreaRow[]>(app, `/api/stats/areas?level=${level}`),
    apiJson<AreaCollection>(app, `/api/areas?level=${level}`),
  ])
  const inside = new Set(areas.features.filter((a) => !parentId || a.properties.parentId === parentId).map((a) => a.properties.id))
  return rows.filter((r) => inside.has(r.areaId)).sort((a, b) => b.total - a.total)[0]!
}

describe('drilling down the desk map (leader, 1920×1080)', () => {
  let server: AppServer
  let browser: Browser
  let app: AppPage
  const bounds = new Map<string, number[]>()
  let townId = ''

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    app = await openApp(browser, server.origin, '/', { viewport: FULL_HD, user: 'leader' })
    await waitForMap(app)
    for (const level of ['town', 'district', 'village', 'grid'] as const) {
      const areas = await apiJson<AreaCollection>(app, `/api/areas?level=${level}`)
      for (const area of areas.features) bounds.set(area.properties.id, areaBounds(area)!)
      if (level === 'town') townId = areas.features[0]!.properties.id
    }
  })

  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await server?.stop()
  })

  const path = () => app.page.evaluate(() => [...window.__pinganMap!.stores.filters.path])

  it('tells an area’s name and figures on hover, as /api/stats/areas gives them', async () => {
    const district = await busiest(app, 'district')
    const at = await app.page.evaluate(([id, region]) => window.__pinganMap!.areaPoint(id, region), [district.areaId, CLEAR_REGION] as const)
    const origin = await mapOrigin(app.page)
    await app.page.mouse.move(origin.x + at!.x, origin.y + at!.y)
    const tip = app.page.getByTestId('map-tooltip')
    await tip.filter({ hasText: String(district.total) }).waitFor()
    const text = await tip.textContent()
    expect(text).toContain(district.name)
    expect(text).toContain(String(district.open))
    // The area a click would open is lit under the pointer.
    const lit = await app.page.evaluate((id) => window.__pinganMap!.map.getFeatureState({ source: 'areas', id })['hover'], district.areaId)
    expect(lit).toBe(true)
    await app.page.mouse.move(960, 10)
  })

  it('clicks from the township to a district, a village and a grid cell, flying to each', async () => {
    const district = await busiest(app, 'district')
    await clickArea(app.page, district.areaId)
    expect(await path()).toEqual([district.areaId])
    expect(contains(await viewBounds(app.page), bounds.get(district.areaId)!)).toBe(true)

    const village = await busiest(app, 'village', district.areaId)
    await clickArea(app.page, village.areaId)
    expect(await path()).toEqual([district.areaId, village.areaId])
    expect(contains(await viewBounds(app.page), bounds.get(village.areaId)!)).toBe(true)
    await expect(app.page.locator('.town-map').getAttribute('data-map-area')).resolves.toBe(village.areaId)
    // Outside the village is veiled, and the village itself outlined.
    const counts = await renderedCounts(app.page, [focusLayerIds.dim, focusLayerIds.current])
    expect(counts[focusLayerIds.dim]).toBeGreaterThan(0)
    expect(counts[focusLayerIds.current]).toBeGreaterThan(0)
    await app.page.mouse.move(960, 10)
    await screenshot(app.page, 'map-drill-village')

    const grid = await busiest(app, 'grid', village.areaId)
    await clickArea(app.page, grid.areaId)
    expect(await path()).toEqual([district.areaId, village.areaId, grid.areaId])
    expect(contains(await viewBounds(app.page), bounds.get(grid.areaId)!)).toBe(true)
  })

  it('goes back up a level at a time with filters.up(), flying out to the whole town at the top', async () => {
    const before = await path()
    for (let depth = before.length - 1; depth >= 0; depth--) {
      await app.page.evaluate(() => window.__pinganMap!.stores.filters.up())
      await waitForCamera(app.page)
      expect(await path()).toEqual(before.slice(0, depth))
      const shown = depth > 0 ? before[depth - 1]! : townId
      expect(contains(await viewBounds(app.page), bounds.get(shown)!)).toBe(true)
    }
    await expect(app.page.locator('.town-map').getAttribute('data-map-area')).resolves.toBe('')
  })

  it('keeps the camera in the selection store, and jumps to a camera set from outside', async () => {
    const camera = await app.page.evaluate(() => window.__pinganMap!.stores.selection.camera)
    const centre = await app.page.evaluate(() => window.__pinganMap!.map.getCenter().toArray())
    expect(camera!.lon).toBeCloseTo(centre[0]!, 4)
    expect(camera!.lat).toBeCloseTo(centre[1]!, 4)
    await app.page.evaluate(() => (window.__pinganMap!.stores.selection.camera = { lon: 120.2, lat: 36.95, zoom: 14 }))
    await settle(app.page)
    const [lon, lat, zoom] = await app.page.evaluate(() => [...window.__pinganMap!.map.getCenter().toArray(), window.__pinganMap!.map.getZoom()])
    expect([lon, lat, zoom].map((v) => Math.round(v! * 1000) / 1000)).toEqual([120.2, 36.95, 14])
  })

  it('opens a link’s camera and drill-down as the link says', async () => {
    const district = await busiest(app, 'district')
    const village = await busiest(app, 'village', district.areaId)
    const linked = await openApp(browser, server.origin, `/?path=${district.areaId},${village.areaId}&map=120.20000,36.95000,13.50`, { user: 'leader' })
    try {
      await waitForMap(linked)
      const [lon, lat, zoom] = await linked.page.evaluate(() => [...window.__pinganMap!.map.getCenter().toArray(), window.__pinganMap!.map.getZoom()])
      expect([lon, lat, zoom].map((v) => Math.round(v! * 100) / 100)).toEqual([120.2, 36.95, 13.5])
      await expect(linked.page.locator('.town-map').getAttribute('data-map-area')).resolves.toBe(village.areaId)
      expect(linked.problems()).toEqual([])
    } finally {
      await linked.close()
    }
  })

  it('asks nothing of any other server and logs no errors', () => {
    expect(app.requests.some((url) => url.includes('/api/stats/areas?') && url.includes('level=district'))).toBe(true)
    expect(app.problems()).toEqual([])
  })
})
