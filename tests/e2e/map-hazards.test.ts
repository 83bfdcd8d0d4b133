import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AreaRow, Summary } from '../../web/api/stats'
import { choroplethClasses } from '../../web/map/choropleth'
import { choroplethLayerId, CLASS_STATE } from '../../web/map/layers/choropleth'
import { hazardLayerIds } from '../../web/map/layers/hazards'
import { heatLayerIds } from '../../web/map/layers/heat'
import { siteLayerIds } from '../../web/map/layers/sites'
import { type AppPage, type AppServer, FULL_HD, launchChromium, openApp, renderedCounts, screenshot, startServer, waitForMap } from './harness'
import { apiJson, CLEAR_REGION, clickMap, settle, waitForCamera } from './map-support'

type Rendered = Awaited<ReturnType<NonNullable<Window['__pinganMap']>['renderedHazards']>>

const rendered = (app: AppPage): Promise<Rendered> => app.page.evaluate(() => window.__pinganMap!.renderedHazards())
const total = (marks: Rendered) => marks.reduce((sum, m) => sum + m.count, 0)

describe('hazards on the desk map (leader, 1920×1080)', () => {
  let server: AppServer
  let browser: Browser
  let app: AppPage
  let summary: Summary

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    app = await openApp(browser, server.origin, '/', { viewport: FULL_HD, user: 'leader' })
    await waitForMap(app)
    summary = await apiJson<Summary>(app, '/api/stats/summary')
  })

  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await server?.stop()
  })

  it('draws every hazard of the ledger once, one by one, as /api/stats/summary counts them', async () => {
    const marks = await rendered(app)
    expect(summary.total).toBeGreaterThan(1000)
    expect(marks.every((m) => m.count === 1 && m.id !== undefined)).toBe(true)
    expect(total(marks)).toBe(summary.total)
  })

  it('zoomed out, draws bins whose counts add up to the same total, and zooms into one clicked', async () => {
    const [lon, lat, zoom] = await app.page.evaluate(() => [...window.__pinganMap!.map.getCenter().toArray(), window.__pinganMap!.map.getZoom()])
    try {
      // Site clusters lie over the bins out there; this test is about the bins.
      await app.page.evaluate(([lon, lat]) => {
        window.__pinganMap!.stores.layers.show('sites', false)
        window.__pinganMap!.map.jumpTo({ center: [lon!, lat!], zoom: 8.5 })
      }, [lon, lat])
      await waitForCamera(app.page)
      const marks = await rendered(app)
      expect(marks.some((m) => m.id === undefined && m.count > 1)).toBe(true)
      expect(total(marks)).toBe(summary.total)
      const biggest = marks.filter((m) => m.x > CLEAR_REGION.left && m.x < CLEAR_REGION.right).sort((a, b) => b.count - a.count)[0]!
      await clickMap(app.page, biggest)
      await waitForCamera(app.page)
      await expect(app.page.evaluate(() => window.__pinganMap!.map.getZoom())).resolves.toBeCloseTo(10.5, 1)
    } finally {
      await app.page.evaluate((camera) => {
        window.__pinganMap!.stores.layers.show('sites', true)
        window.__pinganMap!.map.jumpTo({ center: [camera[0]!, camera[1]!], zoom: camera[2]! })
      }, [lon, lat, zoom])
      await waitForCamera(app.page)
    }
  })

  it('shows only the category chosen in the filter store, as many as the summary counts for it', async () => {
    await app.page.evaluate(() => window.__pinganMap!.stores.filters.set('category', ['mass_incident']))
    await settle(app.page)
    const marks = await rendered(app)
    expect(new Set(marks.map((m) => m.category))).toEqual(new Set(['mass_incident']))
    const filtered = await apiJson<Summary>(app, '/api/stats/summary?category=mass_incident')
    expect(total(marks)).toBe(filtered.total)
    expect(app.requests.some((url) => url.includes('/api/tiles/hazards/') && url.includes('category=mass_incident'))).toBe(true)
  })

  it('shows only overdue hazards, each ringed, when "overdue only" is chosen', async () => {
    await app.page.evaluate(() => window.__pinganMap!.stores.filters.reset())
    await app.page.evaluate(() => window.__pinganMap!.stores.filters.set('overdue', true))
    await settle(app.page)
    const marks = await rendered(app)
    const overdue = await apiJson<Summary>(app, '/api/stats/summary?overdue=true')
    expect(total(marks)).toBe(overdue.total)
    expect(marks.every((m) => m.overdue === 1)).toBe(true)
    const counts = await renderedCounts(app.page, [hazardLayerIds.overdue])
    // Rings are circles, drawn once a tile a hazard lies in or near: at least one each.
    expect(counts[hazardLayerIds.overdue]).toBeGreaterThanOrEqual(overdue.total)
    await app.page.evaluate(() => window.__pinganMap!.stores.filters.reset())
    await settle(app.page)
  })

  it('refetches the tiles under a new URL when the live revision moves', async () => {
    const revision = await app.page.evaluate(() => {
      const { live } = window.__pinganMap!.stores
      live.changed()
      return live.revision
    })
    await settle(app.page)
    expect(app.requests.some((url) => url.includes('/api/tiles/hazards/') && url.endsWith(`v=${revision}`))).toBe(true)
  })

  it('opens the card of the hazard clicked', async () => {
    const marks = await rendered(app)
    const inClear = (m: Rendered[number]) => m.x > CLEAR_REGION.left && m.x < CLEAR_REGION.right && m.y > CLEAR_REGION.top && m.y < CLEAR_REGION.bottom
    // One standing alone, so the click can only mean it.
    const alone = marks.find((m) => m.open === 1 && inClear(m) && marks.every((o) => o === m || Math.hypot(o.x - m.x, o.y - m.y) > 16))
    expect(alone).toBeDefined()
    await clickMap(app.page, alone!)
    await app.page.waitForFunction(() => window.__pinganMap!.stores.selection.hazardId !== undefined)
    await expect(app.page.evaluate(() => window.__pinganMap!.stores.selection.hazardId)).resolves.toBe(alone!.id)
    await settle(app.page)
    // The map rings the hazard whose card is open.
    expect((await renderedCounts(app.page, [hazardLayerIds.selected]))[hazardLayerIds.selected]).toBeGreaterThan(0)
    await app.page.evaluate(() => window.__pinganMap!.stores.selection.openHazard(undefined))
  })

  it('draws the heat of a category and the choropleth when switched on in the layers control, by keyboard', async () => {
    for (const testId of ['toggle-heat-safety_accident', 'toggle-heat-mass_incident', 'toggle-choropleth']) {
      await app.page.getByTestId(testId).focus()
      await app.page.keyboard.press('Space')
    }
    await settle(app.page)
    const visibility = await app.page.evaluate(
      (ids) => ids.map((id) => window.__pinganMap!.map.getLayoutProperty(id, 'visibility')),
      [heatLayerIds.safety_accident, heatLayerIds.mass_incident, heatLayerIds.violent_terror, choroplethLayerId],
    )
    expect(visibility).toEqual(['visible', 'visible', 'none', 'visible'])
    const counts = await renderedCounts(app.page, [choroplethLayerId])
    expect(counts[choroplethLayerId]).toBeGreaterThan(0)
    // Off the map, so no tooltip stands in the picture.
    await app.page.mouse.move(960, 10)
    await screenshot(app.page, 'map-town-hazards-heat-choropleth')
  })

  it('shades each village by its own open hazards, joined by area id', async () => {
    const rows = await apiJson<AreaRow[]>(app, '/api/stats/areas?level=village')
    const expected = choroplethClasses(rows, 'open', 5).classes
    const states = await app.page.evaluate(
      ([ids, key]) => ids.map((id) => window.__pinganMap!.map.getFeatureState({ source: 'areas', id })[key]),
      [rows.map((r) => r.areaId), CLASS_STATE] as const,
    )
    expect(states).toEqual(rows.map((r) => expected.get(r.areaId)))
    expect(new Set(states).size).toBeGreaterThan(2)
    await expect(app.page.getByTestId('map-legend').textContent()).resolves.toContain('≥')
  })

  it('draws a spatial question’s buffers and hits, and takes them away again', async () => {
    const ids = await app.page.evaluate(() => {
      const { overlays } = window.__pinganMap!.stores
      const centre = window.__pinganMap!.map.getCenter()
      const ring = Array.from({ length: 33 }, (_, i) => [centre.lng + 0.01 * Math.cos((i / 32) * 2 * Math.PI), centre.lat + 0.008 * Math.sin((i / 32) * 2 * Math.PI)])
      overlays.show('test-buffers', { kind: 'buffers', data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] } })
      overlays.show('test-hits', { kind: 'hits', data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [centre.lng, centre.lat] } }] } })
      return ['overlay-test-buffers-fill', 'overlay-test-hits-ring']
    })
    await settle(app.page)
    const counts = await renderedCounts(app.page, ids)
    expect(counts).toEqual({ 'overlay-test-buffers-fill': expect.any(Number), 'overlay-test-hits-ring': 1 })
    expect(counts['overlay-test-buffers-fill']).toBeGreaterThan(0)
    await app.page.evaluate(() => {
      window.__pinganMap!.stores.overlays.hide('test-buffers')
      window.__pinganMap!.stores.overlays.hide('test-hits')
    })
    await settle(app.page)
    await expect(app.page.evaluate((ids) => ids.map((id) => window.__pinganMap!.map.getLayer(id) === undefined), ids)).resolves.toEqual([true, true])
  })

  it('shows the key sites of a village one by one when zoomed into it', async () => {
    await app.page.evaluate(() => {
      const { layers, filters } = window.__pinganMap!.stores
      for (const id of ['heat-safety_accident', 'heat-mass_incident', 'choropleth'] as const) layers.show(id, false)
      filters.drillTo(['370283122-D1', '370283122203'])
    })
    await waitForCamera(app.page)
    const counts = await renderedCounts(app.page, [siteLayerIds.icons, hazardLayerIds.points])
    expect(counts[siteLayerIds.icons]).toBeGreaterThan(0)
    expect(counts[hazardLayerIds.points]).toBeGreaterThan(0)
    await app.page.mouse.move(960, 10)
    await screenshot(app.page, 'map-village-sites')
  })

  it('shows a grid worker their own village only: its hazards, its sites, opened on it', async () => {
    const village = '370283122203'
    const worker = await openApp(browser, server.origin, '/', { viewport: FULL_HD, user: `grid-${village}` })
    try {
      await waitForMap(worker)
      const own = await apiJson<Summary>(worker, '/api/stats/summary')
      const marks = await rendered(worker)
      expect(own.total).toBeLessThan(summary.total)
      expect(total(marks)).toBe(own.total)
      const siteVillages = await worker.page.evaluate(async () => {
        const source = window.__pinganMap!.map.getSource('sites') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> }
        return [...new Set((await source.getData()).features.map((f) => f.properties?.['villageId']))]
      })
      expect(siteVillages).toEqual([village])
      const [w, s, e, n] = await worker.page.evaluate(() => window.__pinganMap!.map.getBounds().toArray().flat())
      // Opened on the village (a few kilometres across), not on the whole town.
      expect(e! - w!).toBeLessThan(0.15)
      expect(n! - s!).toBeLessThan(0.1)
      expect(worker.problems()).toEqual([])
    } finally {
      await worker.close()
    }
  })

  it('asks nothing of any other server and logs no errors', () => {
    expect(app.requests.some((url) => url.includes('/api/tiles/hazards/'))).toBe(true)
    expect(app.requests.some((url) => url.includes('/api/sites'))).toBe(true)
    expect(app.problems()).toEqual([])
  })
})
