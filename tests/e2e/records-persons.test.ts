import { describe, expect, it } from 'vitest'
import { screenshot, useAppServer } from './harness'
import { openPanel, tabOf } from './records-support'

describe('key persons', () => {
  const env = useAppServer()

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

  it('a role not cleared is offered no persons tab, and its page never asks for persons', async () => {
    const app = await env.open('/work', { user: 'analyst' })
    const { page } = app
    // The workbench is up once any of the analyst's own panels shows.
    await openPanel(page, 'CampaignsPanel')
    expect(await page.locator(tabOf('PersonsPanel')).count()).toBe(0)
    expect(await page.getByRole('tab', { name: /重点人员/ }).count()).toBe(0)
    expect(await page.locator('[data-panel="PersonsPanel"] [data-testid="persons"]').count()).toBe(0)
    expect(app.requests.filter((url) => new URL(url).pathname.startsWith('/api/persons'))).toEqual([])
    await screenshot(page, 'records-persons-analyst')
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
