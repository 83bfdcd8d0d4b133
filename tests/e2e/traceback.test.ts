import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { screenshot, screenshotDir, useAppServer } from './harness'
import { renderPdf } from './records-pdf'

/**
 * 责任倒查 on the page: the leader traces back a key site in the workbench, reads the five
 * sections with their flags, prints the A4 page through Chromium's PDF and downloads the workbook.
 */
describe('the responsibility trace-back page', () => {
  const env = useAppServer()

  it('traces back a key site, shows the five sections and the flags, prints on A4 and downloads the workbook', async () => {
    const app = await env.open('/work?tab=traceback', { user: 'leader' })
    const { page } = app
    await page.getByTestId('traceback-panel').waitFor({ timeout: 30_000 })
    await page.getByTestId('traceback-mode-site').check()
    const siteSelect = page.getByTestId('traceback-site')
    await expect.poll(() => siteSelect.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1)
    const site = (await siteSelect.locator('option').nth(1).getAttribute('value'))!
    const siteName = (await siteSelect.locator('option').nth(1).textContent())!.trim()
    await siteSelect.selectOption(site)
    await page.getByTestId('traceback-months').fill('6')
    await page.getByTestId('traceback-run').click()
    const doc = page.getByTestId('traceback-document')
    await doc.waitFor({ timeout: 30_000 })

    // The five sections, the site named in the first and its responsible person in the second.
    for (const section of ['place', 'posts', 'checks', 'hazards', 'flags']) expect(await doc.locator(`[data-section="${section}"]`).isVisible(), section).toBe(true)
    expect(await doc.locator('[data-section="place"]').textContent()).toContain(siteName)
    expect(await doc.locator('[data-post="site_head"]').count()).toBe(1)
    expect(await doc.locator('[data-post="grid_worker"]').count()).toBe(1)
    expect(await doc.getByTestId('traceback-ran-by').textContent()).toContain('领导小组（leader）')
    // What the API answered is what the page shows: every check a row, every flag a line, every hazard a card.
    const answer = await page.evaluate(async (q) => (await (await fetch(`/api/traceback?${q}`)).json()) as { checks: unknown[]; flags: Array<{ kind: string }>; hazards: unknown[] }, `site=${site}&months=6`)
    expect(await doc.locator('[data-section="checks"] tbody tr').count()).toBe(answer.checks.length)
    expect(await doc.locator('[data-section="flags"] li').count()).toBe(answer.flags.length)
    expect(await doc.locator('[data-section="hazards"] [data-hazard]').count()).toBe(answer.hazards.length)
    expect(answer.flags.length).toBeGreaterThan(0)
    // Checks not done are highlighted, as is each flagged hazard.
    expect(await doc.locator('tr.tb-doc__row--flagged').count()).toBe(answer.flags.filter((f) => f.kind === 'unchecked').length)
    await screenshot(page, 'traceback-panel')

    // The printable page: the same trace-back, on A4, without the app's chrome.
    await page.getByTestId('traceback-printable').click()
    await page.waitForURL((url) => url.pathname === '/traceback', { timeout: 30_000 })
    await page.locator('.tb-print[data-state="ready"]').waitFor({ timeout: 30_000 })
    await screenshot(page, 'traceback-print')
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.app-header').isVisible()).toBe(false)
    expect(await page.getByTestId('traceback-print').isVisible()).toBe(false)
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    const rendered = await renderPdf(app.context, env.origin, pdf)
    mkdirSync(screenshotDir, { recursive: true })
    writeFileSync(join(screenshotDir, 'traceback-pdf.png'), Buffer.from(rendered.png.split(',')[1]!, 'base64'))
    expect(rendered.height / rendered.width).toBeCloseTo(297 / 210, 2)
    expect(rendered.text).toContain('责任倒查报告')
    expect(rendered.text).toContain(siteName)
    // Page breaks between the sections: the place and its posts on the first page, each later section on its own.
    expect(rendered.pages).toBeGreaterThanOrEqual(4)
    for (const screenOnly of ['退出登录', '返回工作台', '下载']) expect(rendered.text).not.toContain(screenOnly)
    await page.emulateMedia({ media: 'screen' })

    // The workbook: four sheets, each headed by the place, the date and who ran it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('traceback-print-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await download.path())!)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['岗位', '排查', '隐患', '标记'])
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toBe('责任倒查')
      expect(String(ws.getCell('B1').value)).toContain(siteName)
      expect(ws.getCell('A3').value).toBe('执行人')
      expect(ws.getCell('B3').value).toBe('领导小组（leader）')
    }
    // One row a flag under the header rows (title, window, runner, a blank line, the columns).
    expect(wb.getWorksheet('标记')!.rowCount).toBe(5 + answer.flags.length)
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('opens from a hazard id on its printable page, and is not offered to a district officer', async () => {
    const app = await env.open('/traceback?hazard=1', { user: 'leader' })
    await app.page.locator('.tb-print[data-state="ready"]').waitFor({ timeout: 30_000 })
    const code = await app.page.evaluate(async () => ((await (await fetch('/api/hazards/1')).json()) as { hazard: { code: string } }).hazard.code)
    expect(await app.page.locator('[data-section="place"]').textContent()).toContain(`倒查隐患${code}`)
    await app.close()
    const grid = await env.open('/work?tab=traceback', { user: 'district-1' })
    await grid.page.getByTestId('work-view').waitFor({ timeout: 30_000 })
    expect(await grid.page.locator('[role="tab"][data-tab="traceback"]').count()).toBe(0)
    await grid.close()
  })
})
