import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { openPanel } from './records-support'

describe('real boundaries', () => {
  const env = useAppServer()

  it('the admin uploads villages with bad features, sees each refused with its reason, and nothing changes', async () => {
    const app = await env.open('/work', { user: 'admin' })
    const { page } = app
    await openPanel(page, 'BoundaryImportPanel')
    const village = await page.evaluate(async () => {
      const areas = (await (await fetch('/api/areas?level=village')).json()) as { features: Array<{ properties: { name: string; label: [number, number] } }> }
      return areas.features[0]!.properties
    })
    const [lon, lat] = village.label
    const square = [[[lon, lat], [lon + 0.001, lat], [lon + 0.001, lat + 0.001], [lon, lat + 0.001], [lon, lat]]]
    const file = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { NAME: '不存在村' }, geometry: { type: 'Polygon', coordinates: square } },
        { type: 'Feature', properties: { NAME: village.name }, geometry: { type: 'Point', coordinates: [lon, lat] } },
      ],
    }
    await page.getByTestId('boundary-file').setInputFiles({ name: 'villages.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(file)) })
    await page.getByTestId('boundary-field').fill('NAME')
    await page.getByTestId('boundary-submit').click()

    await page.getByTestId('boundary-failure').waitFor({ timeout: 30_000 })
    const lines = page.locator('[data-testid="rejections"] tbody tr')
    expect(await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-at')))).toEqual(['0', '1'])
    expect(await lines.nth(0).textContent()).toContain('不存在村')
    expect(await lines.nth(1).textContent()).toContain('Polygon')
    expect(await page.getByTestId('boundary-result').count()).toBe(0)
    await screenshot(page, 'records-boundaries')
    // The refusal is the server's 422: the browser logs the failed request, nothing else may go wrong.
    expect(app.problems().filter((p) => !/422/.test(p))).toEqual([])
    await app.close()
  })
})
