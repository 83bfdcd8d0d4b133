import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { picture } from '../fixtures/images'
import { DEFAULT_AS_OF, screenshot, useAppServer } from './harness'
import { apiSession, ok } from './live-api'
import { openPanel } from './records-support'

/** The totals the coverage section shows, from its data attributes (the text says the same). */
async function shownTotals(page: Page) {
  const rate = page.getByTestId('coverage-rate')
  const n = async (name: string) => Number(await rate.getAttribute(`data-${name}`))
  return { due: await n('due'), done: await n('done'), missed: await n('missed'), pending: await n('pending') }
}
const rowsOf = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"] tbody tr`)

describe('the records tab reads the check plans', () => {
  const env = useAppServer()

  it('shows coverage against what was due with the API’s own numbers, by level and period, and the 未查 list', async () => {
    const app = await env.open('/work', { user: 'district-1' })
    const { page } = app
    const { api } = await apiSession(env.origin, 'district-1')
    await openPanel(page, 'InspectionsPanel')
    const asked = async (bucket: 'half-month' | 'month', level: 'village' | 'district' | 'unit' | 'site') => {
      const query = { period: DEFAULT_AS_OF, bucket, level }
      return { coverage: await ok(api['check-plans'].coverage.$get({ query })), missed: await ok(api['check-plans'].missed.$get({ query })) }
    }

    // Today's half-month by default, per village.
    const half = await asked('half-month', 'village')
    await expect.poll(() => page.getByTestId('coverage-period').textContent(), { timeout: 20_000 }).toBe(`${half.coverage.period.start} 至 ${half.coverage.period.end}`)
    const { rate: _rate, ...totals } = half.coverage.totals
    expect(await shownTotals(page)).toEqual(totals)
    expect(totals.due).toBeGreaterThan(0)
    expect(totals.missed).toBeGreaterThan(0)
    expect(await rowsOf(page, 'coverage-rows').count()).toBe(half.coverage.rows.length)
    const worst = [...half.coverage.rows].sort((a, b) => b.missed - a.missed)[0]!
    const worstRow = page.locator(`[data-testid="coverage-rows"] tr[data-row-id="${worst.id}"] td`)
    expect(await worstRow.allTextContents()).toEqual([worst.name, String(worst.due), String(worst.done), String(worst.missed), String(worst.pending), expect.stringMatching(/%$/)])
    expect(await rowsOf(page, 'missed-checks').count()).toBe(half.missed.missed.length)
    expect(await page.getByTestId('coverage-rate').textContent()).toContain(`已查 ${totals.done}/${totals.due} 项应查`)
    await screenshot(page, 'records-plans-coverage')

    // The month, per key site: the same figures as the API's.
    await page.getByTestId('coverage-bucket').selectOption('month')
    await page.getByTestId('coverage-level').selectOption('site')
    const month = await asked('month', 'site')
    await expect.poll(() => page.getByTestId('coverage-period').textContent(), { timeout: 20_000 }).toBe(`${month.coverage.period.start} 至 ${month.coverage.period.end}`)
    await expect.poll(() => shownTotals(page), { timeout: 20_000 }).toEqual((({ rate: _r, ...rest }) => rest)(month.coverage.totals))
    expect(await rowsOf(page, 'coverage-rows').count()).toBe(month.coverage.rows.length)
    expect(await rowsOf(page, 'missed-checks').count()).toBe(month.missed.missed.length)
    expect(await page.locator('[data-testid="missed-checks"] tbody tr[data-kind="site"]').count()).toBe(month.missed.missed.length)
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('a district officer records a key site’s check that found nothing, with a photo, and it is listed so', async () => {
    const app = await env.open('/work', { user: 'district-1' })
    const { page } = app
    const { api } = await apiSession(env.origin, 'district-1')
    const me = await ok(api.auth.me.$get())
    const sites = await ok(api.sites.$get({ query: { area: me.user.areaId! } }))
    const site = sites.features[0]!.properties
    await openPanel(page, 'InspectionsPanel')

    const form = page.getByTestId('inspection-form')
    await form.locator('select[name="source"]').selectOption('concentrated')
    await page.getByTestId('inspection-area').selectOption(site.villageId)
    await expect.poll(() => page.locator(`[data-testid="inspection-site"] option[value="${site.id}"]`).count(), { timeout: 20_000 }).toBe(1)
    await page.getByTestId('inspection-site').selectOption(site.id)
    await page.getByTestId('inspection-nothing-found').check()
    expect(await form.locator('input[name="hazardsFound"]').count()).toBe(0)
    await page.getByTestId('inspection-location').selectOption('site')
    await form.locator('input[name="inspectors"]').fill('王伟、李娜（派出所）')
    await form.locator('textarea[name="checked"]').fill('消防设施、值班值守、安全台账')
    await page.getByTestId('inspection-photos').locator('input[type="file"]').setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await picture('jpeg', 320, 240)) })
    await page.getByTestId('inspection-submit').click()
    await expect.poll(() => page.getByTestId('inspection-saved').textContent(), { timeout: 20_000 }).toContain(DEFAULT_AS_OF)

    // The API has it as sent: the site, its point, nothing found, one photo.
    const [saved] = (await ok(api.inspections.$get({ query: { limit: '1' } }))).inspections
    expect(saved).toMatchObject({ siteId: site.id, siteName: site.name, location: sites.features[0]!.geometry.coordinates, hazardsFound: 0, generalised: false })
    expect(saved!.photos).toHaveLength(1)
    const row = page.locator(`[data-testid="inspection-list"] tr[data-inspection-id="${saved!.id}"]`)
    await row.waitFor({ timeout: 20_000 })
    const cells = await row.locator('td').allTextContents()
    expect(cells.map((c) => c.trim()).slice(0, 7)).toEqual([DEFAULT_AS_OF, expect.any(String), site.name, '集中性排查', '—', '王伟、李娜（派出所）', '未发现隐患'])
    const img = row.getByTestId('inspection-photo').locator('img')
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBe(320)
    expect(await row.getByTestId('inspection-photo').getAttribute('href')).toBe(saved!.photos[0]!.url)
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, 'records-plans-nothing-found')
    expect(app.problems()).toEqual([])
    await app.close()
  })
})

describe('the admin’s posts page', () => {
  const env = useAppServer()

  it('lists the grid workers as of a date with their histories, assigns a new holder, and shows a refusal in words', async () => {
    const app = await env.open('/work', { user: 'admin' })
    const { page } = app
    const { api } = await apiSession(env.origin, 'admin')
    await openPanel(page, 'PostsPanel')
    const posts = await ok(api.posts.$get({ query: { kind: 'grid_worker', on: DEFAULT_AS_OF, history: 'true' } }))
    const rows = page.locator('[data-testid="posts-table"] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(new Set([...posts.holders, ...posts.history!].map((p) => p.place)).size)

    // A cell whose worker was replaced shows both records, oldest first.
    const changed = page.locator('[data-testid="posts-table"] tbody tr[data-records="2"]')
    const replacedPlaces = [...new Set(posts.history!.map((p) => p.place))].filter((place) => posts.history!.filter((p) => p.place === place).length === 2)
    expect(await changed.count()).toBe(replacedPlaces.length)

    // Assign a new worker from tomorrow to a cell that has had one worker all year.
    const target = posts.holders.find((h) => posts.history!.filter((p) => p.place === h.place).length === 1)!
    const from = '2026-06-16'
    await page.getByTestId('post-place').selectOption(target.place)
    const form = page.getByTestId('post-assign')
    await form.locator('input[name="name"]').fill('赵新民')
    await form.locator('input[name="phone"]').fill('13800001234')
    await form.locator('input[name="from"]').fill(from)
    await page.getByTestId('post-submit').click()
    await expect.poll(() => page.getByTestId('post-assigned').textContent(), { timeout: 20_000 }).toContain('赵新民')
    expect(await page.getByTestId('post-assigned').textContent()).toContain(`${target.holder.name} 的任职记录于 2026-06-15 结束`)

    // As of tomorrow the cell is held by the new worker, after the old one.
    await page.getByTestId('posts-on').fill(from)
    const row = page.locator(`[data-testid="posts-table"] tr[data-place="${target.place}"]`)
    await expect.poll(() => row.getByTestId('post-holder').textContent(), { timeout: 20_000 }).toBe('赵新民')
    expect(await row.locator('[data-testid="post-history"] li').allTextContents()).toEqual([
      `${target.holder.name}（${target.from} 至 2026-06-15）`,
      `赵新民（${from} 至今）`,
    ])

    // A date not after the current holder's first day is refused, in words, and changes nothing.
    await page.getByTestId('post-place').selectOption(target.place)
    await form.locator('input[name="name"]').fill('钱错日')
    await form.locator('input[name="from"]').fill('2026-06-01')
    await page.getByTestId('post-submit').click()
    await expect.poll(() => page.getByTestId('post-refused').textContent(), { timeout: 20_000 }).toBe('任职日期须晚于现任责任人的任职日期（2026-06-16）')
    const after = await ok(api.posts.$get({ query: { kind: 'grid_worker', place: target.place, on: from } }))
    expect(after.holders.map((p) => p.holder.name)).toEqual(['赵新民'])
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, 'records-posts')
    // The browser logs the refused request itself; nothing else went wrong.
    expect(app.problems().filter((p) => !p.includes('status of 422'))).toEqual([])
    await app.close()
  })
})
