import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshot, screenshotDir, useAppServer } from './harness'
import { renderPdf } from './records-pdf'
import { openPanel } from './records-support'

/** The demo's today is 2026-06-15, so May's bulletin is final (frozen) and June's provisional. */
const MONTH = '2026-05'

describe('the monthly bulletin, printed', () => {
  const env = useAppServer()

  it('prints as A4 without the app header, and the PDF’s image holds the ranked table', async () => {
    const app = await env.open(`/bulletin/${MONTH}`, { user: 'analyst' })
    const { page } = app
    await page.getByTestId('bulletin').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('bulletin').getAttribute('data-final')).toBe('true')
    const districts = page.locator('[data-testid="bulletin-districts"] tbody tr')
    expect(await districts.count()).toBeGreaterThan(0)
    const firstDistrict = (await districts.first().locator('th').textContent())!.trim()
    await screenshot(page, 'records-bulletin')

    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.app-header').isVisible()).toBe(false)
    expect(await page.getByTestId('bulletin-print').isVisible()).toBe(false)
    await screenshot(page, 'records-bulletin-print-media')

    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const rendered = await renderPdf(app.context, env.origin, pdf)
    mkdirSync(screenshotDir, { recursive: true })
    writeFileSync(join(screenshotDir, 'records-bulletin-pdf.png'), Buffer.from(rendered.png.split(',')[1]!, 'base64'))

    // A4 portrait: 210 × 297 mm.
    expect(rendered.height / rendered.width).toBeCloseTo(297 / 210, 2)
    // The header fill and the row rules of the tables: many full-width bands, not a blank page.
    expect(rendered.bandRows).toBeGreaterThan(10)
    expect(rendered.text).toContain('排名')
    expect(rendered.text).toContain(firstDistrict)
    // Neither the app's header (the user's name, the logout button) nor the page's toolbar is printed.
    for (const screenOnly of ['退出登录', '返回', '打印', '下载']) expect(rendered.text).not.toContain(screenOnly)
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('is not even asked for by a role it is not circulated to', async () => {
    const app = await env.open(`/bulletin/${MONTH}`, { user: 'admin' })
    await app.page.getByTestId('bulletin-not-received').waitFor({ timeout: 30_000 })
    expect(app.requests.filter((url) => url.includes('/api/bulletins'))).toEqual([])
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('the wall account opening it is taken to the wall, which reads aggregates only', async () => {
    const app = await env.open(`/bulletin/${MONTH}`, { user: 'wall' })
    await app.page.waitForURL((url) => url.pathname === '/wall', { timeout: 30_000 })
    expect(app.requests.filter((url) => url.includes('/api/bulletins'))).toEqual([])
    await app.close()
  })

  it('a district officer reads it in the workbench, in English too, and downloads the workbook', async () => {
    const app = await env.open('/work', { user: 'district-1', locale: 'en' })
    const { page } = app
    await openPanel(page, 'BulletinPanel')
    await page.getByTestId('bulletin-month').selectOption(MONTH)
    await expect.poll(() => page.getByTestId('bulletin').getAttribute('data-month'), { timeout: 30_000 }).toBe(MONTH)
    expect(await page.locator('[data-testid="bulletin"] h2').textContent()).toContain('Bulletin')
    expect(await page.getByTestId('bulletin-summary').textContent()).toMatch(/[A-Za-z]{4}/)
    await screenshot(page, 'records-bulletin-panel-en')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK')
    expect(await page.getByTestId('bulletin-print-link').getAttribute('href')).toBe(`/bulletin/${MONTH}`)
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
