import { describe, expect, it } from 'vitest'
import type { Bulletin } from '../../server/domain/contract/bulletins'
import { drawnOnMap, firstLine } from '../../web/warnings/warnings'
import { screenshot, useAppServer, waitForMap } from './harness'
import { apiSession, ok } from './live-api'
import { settle } from './map-support'
import { layoutReport, waitForWallFigures } from './wall-support'
import { minFont, openWarnings, overlayIds, rowIds, warningDetail } from './warnings-support'

/**
 * 预测预警 where users meet it: the desk's panel, map layer and drawer; a lead unit's queue in
 * the workbench; the wall's counts. The demo's own warnings (the engine runs on the demo ledger
 * as the server starts); every figure is compared with the API's answer to the same reader.
 */
describe('early warning in the browser', () => {
  const env = useAppServer()

  it('the desk lists the open warnings with their reasons and draws the warned cells; opening one shows its case and rings its evidence', async () => {
    const app = await env.open('/', { user: 'leader' })
    const { page } = app
    await waitForMap(app)
    const leader = await apiSession(env.origin, 'leader')
    const list = await openWarnings(leader)
    expect(list.ordered.length).toBeGreaterThan(0)

    // Folded, the panel still counts the open warnings by level.
    const panel = page.getByTestId('warnings-panel')
    await expect.poll(() => panel.locator('[data-testid="warnings-counts"] li[data-level="red"]').textContent(), { timeout: 30_000 }).toBe(String(list.open.red))
    for (const level of ['orange', 'yellow', 'blue'] as const)
      expect(await panel.locator(`[data-testid="warnings-counts"] li[data-level="${level}"]`).textContent()).toBe(String(list.open[level]))

    // Unfolded: every open warning, most urgent first, each with its 编号, level and the reason's first line.
    await page.getByTestId('warnings-fold').click()
    await panel.getByTestId('warnings-list').waitFor()
    expect(await rowIds(page, '[data-testid="warnings-list"]')).toEqual(list.ordered.slice(0, 200).map((w) => w.id))
    for (const w of list.ordered.slice(0, 5)) {
      const row = panel.locator(`[data-warning-id="${w.id}"]`)
      expect(await row.getAttribute('data-level')).toBe(w.level)
      expect(await row.textContent()).toContain(w.code)
      expect(await row.getByTestId('warning-reason').textContent()).toBe(firstLine(w.reason.zh))
    }
    // The social-security categories say they are internal notices, the others do not.
    const internal = list.ordered.find((w) => w.internalNotice)
    const publicOne = list.ordered.find((w) => !w.internalNotice)
    if (internal) expect(await panel.locator(`[data-warning-id="${internal.id}"]`).textContent()).toContain('内部风险提示，不对外发布')
    if (publicOne) expect(await panel.locator(`[data-warning-id="${publicOne.id}"]`).textContent()).not.toContain('内部风险提示')

    // The layer: each cell of a warned place once (the town-wide reminders and the units' build-ups are listed, not drawn).
    const grid = new Set((await ok(leader.api.areas.$get({ query: { level: 'grid' } }))).features.map((f) => f.properties.id))
    const warnedCells = new Set(list.warnings.filter(drawnOnMap).flatMap((w) => w.area.cells).filter((c) => grid.has(c)))
    expect(warnedCells.size).toBeGreaterThan(0)
    expect(warnedCells.size).toBeLessThan(grid.size)
    await expect.poll(async () => (await overlayIds(page, 'warnings-warned'))?.length, { timeout: 30_000 }).toBe(warnedCells.size)
    expect(new Set(await overlayIds(page, 'warnings-warned'))).toEqual(warnedCells)
    await settle(page)
    const drawn = await page.evaluate(() => window.__pinganMap!.renderedCounts(['overlay-warnings-warned-fill'])['overlay-warnings-warned-fill'])
    expect(drawn).toBeGreaterThan(0)

    // Filtering by level asks the server: the red ones only.
    await panel.locator('[data-level-filter="red"]').click()
    const red = await openWarnings(leader, { level: 'red' })
    await expect.poll(() => rowIds(page, '[data-testid="warnings-list"]'), { timeout: 30_000 }).toEqual(red.ordered.map((w) => w.id))
    await panel.locator('[data-level-filter="red"]').click()
    await expect.poll(async () => (await rowIds(page, '[data-testid="warnings-list"]')).length, { timeout: 30_000 }).toBe(Math.min(200, list.ordered.length))

    // Opening a warning with evidence: its whole case beside the map, its evidence ringed.
    const opened = list.ordered.find((w) => w.evidence.length >= 2 && drawnOnMap(w) && w.area.cells.length > 0) ?? list.ordered.find((w) => w.evidence.length > 0)!
    const detail = await warningDetail(leader, opened.id)
    await panel.locator(`[data-warning-id="${opened.id}"]`).click()
    const drawer = page.getByTestId('warning-drawer')
    await drawer.locator(`[data-testid="warning-full-reason"]`).waitFor({ timeout: 30_000 })
    expect(await drawer.getAttribute('data-warning-id')).toBe(String(opened.id))
    expect(await drawer.getByTestId('warning-full-reason').textContent()).toBe(detail.reason.zh)
    expect(await drawer.getByTestId('warning-rule').textContent()).toBe(`${detail.ruleId}（${detail.ruleVersion}）：${detail.rule.zh}`)
    expect(await drawer.getByTestId('warning-responsible').textContent()).toBe(detail.responsible.name)
    expect(await drawer.getByTestId('warning-deadline').textContent()).toBe(detail.responseDeadline)
    expect(await drawer.locator('[data-number="observed"] dd').textContent()).toContain(String(detail.observed))
    expect(await drawer.getByTestId('warning-status').textContent()).toBe({ issued: '已发布', acknowledged: '已签收', responding: '处置中', lifted: '已解除' }[detail.status])
    expect(await drawer.locator('[data-testid="warning-history"] li').count()).toBe(detail.actions.length)
    await expect.poll(async () => (await overlayIds(page, 'warnings-evidence'))?.map(Number).sort((a, b) => a - b), { timeout: 30_000 }).toEqual([...detail.evidence].sort((a, b) => a - b))
    // The opened warning's cells are outlined thicker.
    const openedCells = await page.evaluate(() =>
      window.__pinganMap!.stores.overlays.overlays['warnings-warned']!.data.features.filter((f) => f.properties!['opened']).map((f) => f.properties!['id'] as string),
    )
    expect(new Set(openedCells)).toEqual(new Set(drawnOnMap(opened) ? opened.area.cells.filter((c) => grid.has(c)) : []))
    await settle(page)
    await screenshot(page, 'warnings-desk')
    // The opened warning and the map's legend share the map's left edge: the legend steps aside, whole and readable.
    const [drawerBox, legendBox] = await Promise.all([drawer.boundingBox(), page.getByTestId('map-legend').boundingBox()])
    expect(drawerBox && legendBox && intersect(drawerBox, legendBox), JSON.stringify({ drawerBox, legendBox })).toBe(false)
    expect(legendBox!.x + legendBox!.width).toBeLessThanOrEqual(page.viewportSize()!.width)
    const smallest = await minFont(page, '[data-testid="warnings-panel"], [data-testid="warning-drawer"]')
    expect(smallest.size, smallest.where).toBeGreaterThanOrEqual(14)

    // An evidence hazard opens its card.
    const first = detail.evidence[0]!
    await drawer.locator(`[data-testid="warning-evidence"] [data-hazard-id="${first}"]`).click()
    const code = (await ok(leader.api.hazards[':id'].$get({ param: { id: String(first) } }))).hazard.code
    await expect.poll(() => page.getByTestId('hazard-card').textContent(), { timeout: 30_000 }).toContain(code)

    // An internal risk notice says so beside the map too.
    if (internal) {
      await panel.locator(`[data-warning-id="${internal.id}"]`).click()
      await expect.poll(() => drawer.getAttribute('data-warning-id'), { timeout: 30_000 }).toBe(String(internal.id))
      expect(await drawer.getByTestId('warning-internal').textContent()).toBe('内部风险提示，不对外发布')
    }
    // Closing takes the rings away.
    await drawer.getByTestId('warning-close').click()
    await expect.poll(() => overlayIds(page, 'warnings-evidence'), { timeout: 30_000 }).toBeUndefined()
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('a lead unit acknowledges a warning in its workbench queue and responds to it, and the status changes', async () => {
    const safety = await apiSession(env.origin, 'safety')
    const mine = await openWarnings(safety, { mine: 'true' })
    const target = mine.ordered.find((w) => w.status === 'issued' && w.may.includes('acknowledge') && w.evidence.length > 0)
    expect(target, 'an issued warning for 安监办 to acknowledge').toBeDefined()
    const app = await env.open('/work?tab=warnings', { user: 'safety' })
    const { page } = app
    const queue = page.getByTestId('warnings-queue')
    await queue.waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('warnings-queue-summary').textContent(), { timeout: 30_000 }).toBe(`待处理 ${mine.ordered.length} 条`)
    expect(await rowIds(page, '[data-testid="warnings-queue"] .warnings-queue__rows')).toEqual(mine.ordered.map((w) => w.id))

    await queue.locator(`.warnings-queue__rows [data-warning-id="${target!.id}"]`).click()
    const detail = page.getByTestId('warnings-queue-detail')
    await expect.poll(() => detail.getAttribute('data-warning-id'), { timeout: 30_000 }).toBe(String(target!.id))
    // Only what `may` allows is offered.
    const offered = await detail.locator('[data-testid="warning-act"] [data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
    expect(offered).toEqual(['acknowledge', 'respond', 'note', 'link', 'raise', 'lower', 'lift'].filter((a) => target!.may.includes(a as never)))

    // 签收
    await detail.locator('[data-action="acknowledge"] input').check()
    await detail.getByTestId('warning-act-submit').click()
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 30_000 }).toBe('acknowledged')
    expect(await page.getByTestId('warnings-queue-notice').textContent()).toBe(`已签收：${target!.code}`)
    expect((await warningDetail(safety, target!.id)).status).toBe('acknowledged')

    // 处置: a note and a linked hazard; a note is required first.
    await detail.locator('[data-action="respond"] input').check()
    await detail.getByTestId('warning-act-submit').click()
    expect(await detail.locator('.warning-act__problem').textContent()).toBe('请填写说明。')
    await detail.getByTestId('warning-act-note').fill('已组织专项排查，落实整改')
    await detail.getByTestId('warning-act-hazards').fill(String(target!.evidence[0]))
    await detail.getByTestId('warning-act-submit').click()
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 30_000 }).toBe('responding')
    const after = await warningDetail(safety, target!.id)
    expect(after.status).toBe('responding')
    const respond = after.actions.find((a) => a.action === 'respond')!
    expect(respond.note).toBe('已组织专项排查，落实整改')
    expect(respond.hazardIds).toEqual([target!.evidence[0]])
    const line = detail.locator('[data-testid="warning-history"] li[data-action="respond"]')
    expect(await line.textContent()).toContain('已组织专项排查，落实整改')
    expect(await line.textContent()).toContain(`#${target!.evidence[0]}`)
    // The row in the list follows.
    await expect.poll(() => queue.locator(`.warnings-queue__rows [data-warning-id="${target!.id}"]`).getAttribute('data-status'), { timeout: 30_000 }).toBe('responding')
    await screenshot(page, 'warnings-workbench')
    const smallest = await minFont(page, '[data-testid="warnings-queue"]')
    expect(smallest.size, smallest.where).toBeGreaterThanOrEqual(14)
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('the wall at 3840×2160 counts the open warnings by level and names the red and orange ones by area and category only, pulsing on the map', async () => {
    const app = await env.open('/wall?tour=off', { user: 'wall', viewport: { width: 3840, height: 2160 } })
    const { page } = app
    await waitForWallFigures(page)
    await waitForMap(app)
    const wall = await apiSession(env.origin, 'wall')
    const summary = await ok(wall.api.warnings.summary.$get())
    const box = page.getByTestId('wall-warnings')
    for (const level of ['red', 'orange', 'yellow', 'blue'] as const)
      await expect.poll(() => box.locator(`[data-level="${level}"] dd`).textContent(), { timeout: 30_000 }).toBe(String(summary.open[level]))
    const listed = Math.min(6, summary.urgent.length)
    expect(await box.locator('[data-testid="wall-warnings-urgent"] li').count()).toBe(listed)
    for (const [i, u] of summary.urgent.slice(0, listed).entries()) {
      const row = box.locator('[data-testid="wall-warnings-urgent"] li').nth(i)
      expect(await row.getAttribute('data-level')).toBe(u.level)
      expect(await row.textContent()).toContain(u.areaName)
    }
    // No hazard detail: none of the warnings' codes or reasons (as the leadership reads them) is on the wall.
    const leader = await apiSession(env.origin, 'leader')
    const all = await openWarnings(leader)
    const text = (await page.getByTestId('wall').textContent()) ?? ''
    for (const w of all.warnings) {
      expect(text).not.toContain(w.code)
      expect(text).not.toContain(firstLine(w.reason.zh))
    }
    // The wall asks only for the summary.
    const asked = [...new Set(app.requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith('/api/warnings')))]
    expect(asked).toEqual(['/api/warnings/summary'])
    // The red and orange ones pulse where they are, as long as they are open.
    expect(await page.locator('.wall-warning-pulse').count()).toBe(Math.min(12, summary.urgent.length))
    const report = await layoutReport(page)
    expect(report.overflowing).toEqual([])
    expect(report.overlapping).toEqual([])
    expect(report.minFont.size, report.minFont.where).toBeGreaterThanOrEqual(28)
    await screenshot(page, 'warnings-wall')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('the month’s bulletin lists its warnings with their responses and lifts', async () => {
    const analyst = await apiSession(env.origin, 'analyst')
    const bulletin = await ok(analyst.api.bulletins[':month'].$get({ param: { month: '2026-06' }, query: { format: 'json' } }))
    // Asked for JSON, the route answers the bulletin (it also answers a page and a workbook).
    const warnings = (bulletin as Bulletin).warnings ?? []
    expect(warnings.length).toBeGreaterThan(0)
    const app = await env.open('/bulletin/2026-06', { user: 'analyst' })
    const { page } = app
    const section = page.getByTestId('bulletin-warnings')
    await section.waitFor({ timeout: 30_000 })
    expect(await section.locator('tbody tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(warnings.map((w) => w.code))
    const count = (level: string) => warnings.filter((w) => w.level === level).length
    expect(await page.getByTestId('bulletin-warnings-summary').textContent()).toContain(
      `本月发布预警 ${warnings.length} 条（红色 ${count('red')}、橙色 ${count('orange')}、黄色 ${count('yellow')}、蓝色 ${count('blue')}）`,
    )
    // The warning 安监办 responded to above counts its response.
    const responded = warnings.find((w) => w.responses > 0)
    expect(responded, 'a warning with a response').toBeDefined()
    expect(await section.locator(`tr[data-code="${responded!.code}"] [data-responses]`).textContent()).toBe(`处置 ${responded!.responses} 次`)
    // It keeps to the page's width (A4 when printed): no column squeezed to a letter a line.
    const widths = await section.locator('table').evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }))
    expect(widths.table).toBeLessThanOrEqual(widths.box)
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'warnings-bulletin')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('speaks English when asked: the panel, its rows’ reasons and an opened warning’s rule', async () => {
    const app = await env.open('/', { user: 'analyst', locale: 'en' })
    const { page } = app
    await waitForMap(app)
    const list = await openWarnings(await apiSession(env.origin, 'analyst'))
    await page.getByTestId('warnings-fold').click()
    const panel = page.getByTestId('warnings-panel')
    await panel.getByTestId('warnings-list').waitFor({ timeout: 30_000 })
    expect(await panel.locator('.warnings-panel__title').textContent()).toBe('Early warning')
    const first = list.ordered[0]!
    expect(await panel.locator(`[data-warning-id="${first.id}"] [data-testid="warning-reason"]`).textContent()).toBe(firstLine(first.reason.en))
    expect(await panel.locator(`[data-warning-id="${first.id}"] [data-testid="warning-level"]`).textContent()).toBe({ red: 'Red', orange: 'Orange', yellow: 'Yellow', blue: 'Blue' }[first.level])
    await panel.locator(`[data-warning-id="${first.id}"]`).click()
    const drawer = page.getByTestId('warning-drawer')
    await drawer.getByTestId('warning-rule').waitFor({ timeout: 30_000 })
    expect(await drawer.getByTestId('warning-rule').textContent()).toBe(`${first.ruleId} (${first.ruleVersion}): ${first.rule.en}`)
    expect(await drawer.getByTestId('warning-full-reason').textContent()).toBe(first.reason.en)
    if (first.internalNotice) expect(await drawer.getByTestId('warning-internal').textContent()).toBe('Internal risk notice, not a public alert')
    expect(app.problems()).toEqual([])
    await app.close()
  })
})

type Box = { x: number; y: number; width: number; height: number }
const intersect = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
