import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { openPanel } from './records-support'

/** The checks due and done that the coverage section shows, once loaded. */
async function shownCoverage(page: Page): Promise<{ done: number; due: number; missed: number } | undefined> {
  const rate = page.getByTestId('coverage-rate')
  if (!(await rate.count())) return undefined
  const n = async (name: string) => Number(await rate.getAttribute(`data-${name}`))
  return { done: await n('done'), due: await n('due'), missed: await n('missed') }
}

describe('inspections', () => {
  const env = useAppServer()

  it('a district officer records a key site’s missed check from the 未查 list, and the coverage counts it done', async () => {
    const app = await env.open('/work', { user: 'district-1' })
    const { page } = app
    await openPanel(page, 'InspectionsPanel')

    // Today's half-month: the 未查 list names the key sites' checks whose week went by undone.
    await expect.poll(() => page.getByTestId('coverage-period').textContent(), { timeout: 20_000 }).toMatch(/2026-06-15/)
    const missedCheck = page.locator('[data-testid="missed-checks"] tbody tr[data-kind="site"]').first()
    await missedCheck.waitFor({ timeout: 20_000 })
    const before = (await shownCoverage(page))!
    const villageId = (await missedCheck.getAttribute('data-village-id'))!
    const siteId = (await missedCheck.getAttribute('data-subject-id'))!
    const start = (await missedCheck.getAttribute('data-start'))!
    const villageName = (await missedCheck.locator('td').nth(1).textContent())!.trim()

    const form = page.getByTestId('inspection-form')
    await form.locator('select[name="source"]').selectOption('routine')
    await page.getByTestId('inspection-area').selectOption(villageId)
    await expect.poll(() => page.locator(`[data-testid="inspection-site"] option[value="${siteId}"]`).count(), { timeout: 20_000 }).toBe(1)
    await page.getByTestId('inspection-site').selectOption(siteId)
    await form.locator('input[name="date"]').fill(start)
    await form.locator('input[name="inspectors"]').fill('王伟、李娜（派出所）')
    await form.locator('textarea[name="checked"]').fill('出租房屋、液化气使用、消防通道')
    await form.locator('input[name="hazardsFound"]').fill('0')
    await page.getByTestId('inspection-submit').click()

    await expect.poll(() => page.getByTestId('inspection-saved').textContent(), { timeout: 20_000 }).toContain(villageName)
    await expect.poll(() => shownCoverage(page), { timeout: 20_000 }).toEqual({ done: before.done + 1, due: before.due, missed: before.missed - 1 })
    expect(await page.locator(`[data-testid="missed-checks"] tr[data-subject-id="${siteId}"][data-start="${start}"]`).count()).toBe(0)
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
