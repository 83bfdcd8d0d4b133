import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { openPanel } from './records-support'

describe('the ledger as files', () => {
  const env = useAppServer()

  it('a lead unit exports the ledger as .xlsx and imports a CSV whose one bad row is rejected with its reason', async () => {
    const app = await env.open('/work', { user: 'safety' })
    const { page } = app
    await openPanel(page, 'LedgerFilesPanel')

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-link"][data-format="xlsx"]').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 2).toString()).toBe('PK') // a zip: the .xlsx container

    // A place and an item the lead unit may register: one of its own hazards'.
    const sample = await page.evaluate(async () => {
      const res = await fetch('/api/hazards?category=safety_accident&limit=1')
      const f = ((await res.json()) as { features: Array<{ geometry: { coordinates: [number, number] }; properties: { item: string } }> }).features[0]!
      return { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], item: f.properties.item }
    })
    const csv = [
      '标题,风险类别,排查重点,发现方式,经度,纬度',
      `导入测试：加油站消防器材过期,safety_accident,${sample.item},经常性自查,${sample.lon},${sample.lat}`,
      `导入测试：类别写错的一行,不存在的类别,${sample.item},经常性自查,${sample.lon},${sample.lat}`,
    ].join('\n')
    await page.getByTestId('import-file').setInputFiles({ name: 'import.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await page.getByTestId('import-submit').click()

    const result = page.getByTestId('import-result')
    await result.waitFor({ timeout: 30_000 })
    expect(await result.getAttribute('data-created')).toBe('1')
    expect(await result.getAttribute('data-rejected')).toBe('1')
    const reasons = page.locator('[data-testid="rejections"] tbody tr')
    expect(await reasons.count()).toBe(1)
    expect(await reasons.first().getAttribute('data-at')).toBe('3')
    expect(await reasons.first().textContent()).toContain('category')

    await screenshot(page, 'records-files')
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
