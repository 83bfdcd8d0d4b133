import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { openPanel } from './records-support'

/** The coverage the panel shows: villages covered and in all, once loaded. */
async function shownCoverage(page: Page): Promise<{ covered: number; total: number } | undefined> {
  const rate = page.getByTestId('coverage-rate')
  if (!(await rate.count())) return undefined
  return { covered: Number(await rate.getAttribute('data-covered')), total: Number(await rate.getAttribute('data-total')) }
}

describe('inspections', () => {
  const env = useAppServer()

  it('a district officer records a round in a village not yet inspected, and the coverage counts it', async () => {
    const app = await env.open('/work', { user: 'district-1' })
    const { page } = app
    await openPanel(page, 'InspectionsPanel')

    // The week holding today: the cycle in which some of the district's villages are still waiting.
    await page.getByTestId('coverage-bucket').selectOption('week')
    await expect.poll(() => page.getByTestId('coverage-period').textContent(), { timeout: 20_000 }).toMatch(/2026-06-15/)
    const waiting = page.locator('[data-testid="uninspected"] tbody tr')
    await waiting.first().waitFor({ timeout: 20_000 })
    const before = (await shownCoverage(page))!
    const villageId = (await waiting.first().getAttribute('data-village-id'))!
    const villageName = (await waiting.first().locator('td').nth(1).textContent())!.trim()

    const form = page.getByTestId('inspection-form')
    await form.locator('select[name="source"]').selectOption('concentrated')
    await page.getByTestId('inspection-area').selectOption(villageId)
    await form.locator('input[name="inspectors"]').fill('王伟、李娜（派出所）')
    await form.locator('textarea[name="checked"]').fill('出租房屋、液化气使用、消防通道')
    await form.locator('input[name="hazardsFound"]').fill('0')
    await page.getByTestId('inspection-submit').click()

    await expect.poll(() => page.getByTestId('inspection-saved').textContent(), { timeout: 20_000 }).toContain(villageName)
    await expect.poll(() => shownCoverage(page), { timeout: 20_000 }).toEqual({ covered: before.covered + 1, total: before.total })
    expect(await page.locator(`[data-testid="uninspected"] tr[data-village-id="${villageId}"]`).count()).toBe(0)
    expect(await page.locator('[data-testid="inspection-list"] tbody tr').first().textContent()).toContain(villageName)

    await screenshot(page, 'records-inspections')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('refuses an empty form on the page, naming what is missing, without asking the server', async () => {
    const app = await env.open('/work', { user: 'district-1' })
    const { page } = app
    await openPanel(page, 'InspectionsPanel')
    const posts: string[] = []
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/api/inspections') && posts.push(r.url()))
    await page.getByTestId('inspection-submit').click()
    await page.locator('[data-testid="inspection-form"] .rec-problem').first().waitFor()
    expect(await page.locator('[data-testid="inspection-form"] [aria-invalid="true"]').count()).toBe(2)
    expect(posts).toEqual([])
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
