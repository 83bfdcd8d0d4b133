import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { addDays, openPanel, serverToday } from './records-support'

describe('special campaigns', () => {
  const env = useAppServer()

  it('the analyst sets one up, groups the hazards of its category into it, and sees its progress', async () => {
    const app = await env.open('/work', { user: 'analyst' })
    const { page } = app
    await openPanel(page, 'CampaignsPanel')
    const deadline = addDays(await serverToday(page), 45)

    const form = page.getByTestId('campaign-form')
    await form.locator('input[name="name"]').fill('农用车违法载人专项整治')
    await form.locator('input[name="deadline"]').fill(deadline)
    await form.locator('select[name="category"]').selectOption('safety_accident')
    await form.locator('textarea[name="goal"]').fill('7月底前农用车违法载人隐患全部销号')
    await page.getByTestId('campaign-create').click()

    const item = page.locator('[data-testid="campaign-list"] li', { hasText: '农用车违法载人专项整治' })
    await item.waitFor({ timeout: 20_000 })
    const detail = page.getByTestId('campaign-detail')
    await detail.waitFor()
    expect(await detail.textContent()).toContain('农用车违法载人专项整治')
    expect(await page.getByTestId('campaign-notice').textContent()).toContain('农用车违法载人专项整治')

    await page.getByTestId('campaign-add-filtered').click()
    await expect.poll(() => page.getByTestId('campaign-notice').textContent(), { timeout: 30_000 }).toMatch(/已纳入 \d+ 条隐患/)
    const added = Number(/已纳入 (\d+) 条/.exec((await page.getByTestId('campaign-notice').textContent())!)![1])
    expect(added).toBeGreaterThan(0)
    await expect.poll(() => item.getByTestId('campaign-progress').textContent()).toMatch(new RegExp(`/${added}（`))
    expect(await page.locator('[data-testid="campaign-hazards"] tbody tr').count()).toBe(added)

    // What the page shows is what the server counts.
    const id = Number(await item.getAttribute('data-campaign-id'))
    const progress = await page.evaluate(async (cid) => ((await (await fetch(`/api/campaigns/${cid}`)).json()) as { campaign: { progress: { total: number } } }).campaign.progress, id)
    expect(progress.total).toBe(added)

    await screenshot(page, 'records-campaigns')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('a district officer follows the campaigns but is not offered to set one up', async () => {
    const app = await env.open('/work', { user: 'district-1' })
    const { page } = app
    await openPanel(page, 'CampaignsPanel')
    await page.locator('[data-panel="CampaignsPanel"] [aria-label]').first().waitFor()
    expect(await page.getByTestId('campaign-form').count()).toBe(0)
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
