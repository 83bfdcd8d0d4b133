import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { openPanel, tabOf } from './records-support'

describe('key persons', () => {
  // A cap of two reveals a day, so the third test meets it.
  const env = useAppServer({ env: { REVEAL_DAILY_LIMIT: '2' } })

  it('the leader sees the register masked and unmasks one record by stating a reason', async () => {
    const app = await env.open('/work', { user: 'leader' })
    const { page } = app
    await openPanel(page, 'PersonsPanel')
    const rows = page.locator('[data-testid="persons"] tbody tr[data-person-id]')
    await rows.first().waitFor({ timeout: 20_000 })
    expect(await page.locator('[data-testid="persons"] tr[data-masked="false"]').count()).toBe(0)

    const first = rows.first()
    const id = await first.getAttribute('data-person-id')
    expect(await first.locator('[data-field="name"]').textContent()).toContain('*')
    expect(await first.locator('[data-field="idNumber"]').textContent()).toMatch(/^\d{6}\*{8}[\dX]{4}$/)

    await first.getByTestId('reveal').click()
    const confirm = page.getByTestId('reveal-confirm')
    await page.getByTestId('reveal-reason').fill('核')
    expect(await confirm.isDisabled()).toBe(true)
    // Typed straight into the focused field: the dialog is reachable from the keyboard.
    await page.keyboard.type('查走访记录')
    await confirm.click()

    const revealed = page.locator(`[data-testid="persons"] tr[data-person-id="${id}"]`)
    await expect.poll(() => revealed.getAttribute('data-masked'), { timeout: 20_000 }).toBe('false')
    expect(await revealed.locator('[data-field="name"]').textContent()).not.toContain('*')
    expect(await revealed.locator('[data-field="idNumber"]').textContent()).toMatch(/^\d{17}[\dX]$/)
    // Only that one: the others stay masked.
    expect(await page.locator('[data-testid="persons"] tr[data-masked="false"]').count()).toBe(1)
    // Asked by POST, the reason in the body: no address the browser sent carries it.
    expect(app.requests.some((url) => new URL(url).pathname === `/api/persons/${id}/reveal`)).toBe(true)
    expect(app.requests.filter((url) => decodeURIComponent(url).includes('走访') || url.includes('reason'))).toEqual([])
    await screenshot(page, 'records-persons')

    // Visit records and control measures, for the same person.
    await revealed.getByTestId('visits').click()
    const visits = page.getByTestId('person-visits')
    await visits.waitFor()
    await visits.locator('input').nth(1).fill('王伟、李娜')
    await visits.getByTestId('visit-note').fill('在家，情绪稳定，监护人在场')
    await visits.getByTestId('visit-add').click()
    await expect.poll(() => visits.getByTestId('visit').first().textContent(), { timeout: 20_000 }).toContain('情绪稳定')
    await screenshot(page, 'records-persons-visits')

    await revealed.getByTestId('remask').click()
    await expect.poll(() => revealed.getAttribute('data-masked')).toBe('true')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('past the day’s cap the dialog says so and the record stays masked', async () => {
    const app = await env.open('/work', { user: 'leader' })
    const { page } = app
    await openPanel(page, 'PersonsPanel')
    const rows = page.locator('[data-testid="persons"] tbody tr[data-person-id]')
    await rows.first().waitFor({ timeout: 20_000 })
    const reveal = async (n: number) => {
      const row = rows.nth(n)
      await row.getByTestId('reveal').click()
      await page.getByTestId('reveal-reason').fill('核查走访记录')
      await page.getByTestId('reveal-confirm').click()
      return row
    }
    // The first test used one of the leader's two; this one uses the second.
    const second = await reveal(1)
    await expect.poll(() => second.getAttribute('data-masked'), { timeout: 20_000 }).toBe('false')
    const third = await reveal(2)
    await page.getByTestId('reveal-limit').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('reveal-limit').textContent()).toContain('上限')
    expect(await third.getAttribute('data-masked')).toBe('true')
    expect(await third.locator('[data-field="idNumber"]').textContent()).toMatch(/\*{8}/)
    await screenshot(page, 'records-persons-limit')
    // Chromium reports the refused request itself on the console; nothing else may go wrong.
    expect(app.problems().filter((p) => !/status of 429/.test(p))).toEqual([])
    await app.close()
  })

  it('the leader finds each reveal, with its reason, and the refused one in the audit log', async () => {
    const app = await env.open('/work', { user: 'leader' })
    const { page } = app
    await openPanel(page, 'AuditPanel')
    const rows = page.locator('[data-testid="audit"] tbody tr')
    await rows.first().waitFor({ timeout: 20_000 })
    await page.getByTestId('audit-action').selectOption('reveal_person')
    await page.getByTestId('audit-search').click()
    await expect.poll(async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).join(','), { timeout: 20_000 }).toBe('reveal_person,reveal_person')
    expect(await rows.first().locator('[data-field="username"]').textContent()).toBe('leader')
    expect(await rows.first().locator('[data-field="reason"]').textContent()).toBe('核查走访记录')
    expect(await rows.nth(1).locator('[data-field="reason"]').textContent()).toBe('核查走访记录')
    await page.getByTestId('audit-action').selectOption('reveal_refused')
    await page.getByTestId('audit-search').click()
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1)
    await screenshot(page, 'records-audit')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('a role not cleared is offered no persons tab, and its page never asks for persons', async () => {
    const app = await env.open('/work', { user: 'analyst' })
    const { page } = app
    // The workbench is up once any of the analyst's own panels shows.
    await openPanel(page, 'CampaignsPanel')
    expect(await page.locator(tabOf('PersonsPanel')).count()).toBe(0)
    expect(await page.locator(tabOf('AuditPanel')).count()).toBe(0)
    expect(await page.getByRole('tab', { name: /重点人员/ }).count()).toBe(0)
    expect(await page.locator('[data-panel="PersonsPanel"] [data-testid="persons"]').count()).toBe(0)
    expect(app.requests.filter((url) => new URL(url).pathname.startsWith('/api/persons'))).toEqual([])
    await screenshot(page, 'records-persons-analyst')
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
