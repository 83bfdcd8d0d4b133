import { describe, expect, it } from 'vitest'
import { scoreClasses } from '../../web/map/choropleth'
import { choroplethLayerId, CLASS_STATE } from '../../web/map/layers/choropleth'
import { type AppPage, renderedCounts, screenshot, useAppServer, waitForMap } from './harness'
import { apiSession, ok } from './live-api'
import { settle } from './map-support'

/** The demo's today is 2026-06-15: May is over and frozen with its bulletin, June runs (provisional). */
const FROZEN = '2026-05'
const RUNNING = '2026-06'

/** Opens the scorecard tab and waits for the month's table. */
async function openScorecards(app: AppPage, month: string, level: 'village' | 'district' | 'unit' = 'village'): Promise<void> {
  const { page } = app
  await page.goto('/work?tab=scorecards')
  await page.locator('[data-panel="ScorecardsPanel"]').waitFor({ timeout: 30_000 })
  await page.getByTestId('scorecard-month').selectOption(month)
  await page.locator(`[role="radio"][data-level="${level}"]`).click()
  await expect.poll(() => page.locator('[data-testid="scorecard-table"] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0)
  await page.waitForFunction(() => document.querySelector('.scorecards__table')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 30_000 })
}

/** The table's rows as shown: id, rank and score text. */
const shownRows = (app: AppPage) =>
  app.page.$$eval('[data-testid="scorecard-table"] tbody tr', (rows) =>
    rows.map((tr) => ({
      id: tr.getAttribute('data-row-id')!,
      rank: tr.querySelector('.score-table__rank')!.textContent!.trim(),
      score: tr.querySelector('[data-measure="score"]')?.textContent?.trim() ?? null,
      red: tr.getAttribute('data-red-list') === 'true',
    })),
  )

describe('the scorecard tab (考核)', () => {
  const env = useAppServer()

  it('ranks the frozen month’s villages as the API does, marks it final, names the red list and reads at 1920×1080', async () => {
    const app = await env.open('/work', { user: 'leader' })
    await openScorecards(app, FROZEN)
    const leader = await apiSession(env.origin, 'leader')
    const answer = await ok(leader.api.scorecards.$get({ query: { month: FROZEN, level: 'village' } }))
    expect(answer.frozen).toBe(true)
    expect(await app.page.getByTestId('scorecard-state').textContent()).toContain('已定稿')
    expect(await shownRows(app)).toEqual(
      answer.rows.map((r) => ({ id: r.id, rank: r.rank === null ? '—' : String(r.rank), score: r.score === null ? null : r.score.toFixed(1), red: r.redList })),
    )
    const red = answer.rows.filter((r) => r.redList).map((r) => r.name)
    const redText = await app.page.getByTestId('scorecard-red-list').textContent()
    for (const name of red) expect(redText).toContain(name)
    // Each indicator's name carries its formula.
    const formula = await app.page.locator('[data-testid="scorecard-table"] thead [data-indicator="coverage"]').getAttribute('title')
    expect(formula).toContain('应查')
    await app.page.mouse.move(5, 5)
    await screenshot(app.page, 'scorecards-tab-1920x1080')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('reads in English too', async () => {
    const app = await env.open('/work', { user: 'district-1', locale: 'en' })
    await openScorecards(app, FROZEN)
    expect(await app.page.getByTestId('scorecard-state').textContent()).toContain('Final')
    expect(await app.page.locator('[data-testid="scorecard-table"] thead').textContent()).toContain('Check coverage')
    await screenshot(app.page, 'scorecards-tab-en')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('drills every kind of figure down to exactly as many records as the figure says', async () => {
    const app = await env.open('/work', { user: 'leader' })
    await openScorecards(app, FROZEN)
    const { page } = app
    // The first figure of each indicator and deduction shown.
    const measures = await page.$$eval('[data-testid="scorecard-table"] tbody button[data-measure]:not([data-measure="score"])', (buttons) => [
      ...new Set(buttons.map((b) => b.getAttribute('data-measure')!)),
    ])
    expect(measures.length).toBeGreaterThan(2)
    for (const measure of measures) {
      // The drawer of the figure before is closed first, as a reader does: it sits over the table's right side.
      if (await page.getByTestId('score-drill').count()) {
        await page.keyboard.press('Escape')
        await expect.poll(() => page.getByTestId('score-drill').count()).toBe(0)
      }
      const button = page.locator(`[data-testid="scorecard-table"] tbody button[data-measure="${measure}"]`).first()
      const denominator = await button.getAttribute('data-denominator')
      const numerator = await button.getAttribute('data-numerator')
      const count = await button.getAttribute('data-count')
      await button.click()
      const drawer = page.getByTestId('score-drill')
      await expect.poll(() => drawer.getAttribute('data-measure'), { timeout: 10_000 }).toBe(measure)
      const total = page.getByTestId('score-drill-count')
      await total.waitFor({ timeout: 30_000 })
      const records = await page.locator('[data-testid="score-drill-records"] tbody tr').count()
      const counted = await page.locator('[data-testid="score-drill-records"] tbody tr[data-counted="true"]').count()
      if (denominator !== null) {
        expect({ measure, records, counted }).toEqual({ measure, records: Number(denominator), counted: Number(numerator) })
      } else {
        expect({ measure, records, counted }).toEqual({ measure, records: Number(count), counted: Number(count) })
      }
      expect(await total.getAttribute('data-records')).toBe(String(records))
      // Why each record counts, in the reader's words (the domain's drillNotes), not the server's keys.
      if (records) expect(await page.locator('[data-testid="score-drill-records"] tbody tr td:last-child').allTextContents()).not.toContainEqual(expect.stringMatching(/[a-z]{3}/))
    }
    // A hazard behind a figure opens in the card beside the list.
    const hazard = page.locator('[data-testid="score-drill-records"] button[data-hazard-id]').first()
    if (await hazard.count()) {
      await hazard.click()
      await page.getByTestId('hazard-card').waitFor({ timeout: 30_000 })
    }
    await screenshot(page, 'scorecards-drill-1920x1080')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('score-drill').count()).toBe(0)

    // The score itself opens its breakdown: every indicator and deduction beside its figure.
    await page.locator('[data-testid="scorecard-table"] tbody button[data-measure="score"]').first().click()
    await expect.poll(() => page.getByTestId('score-drill').getAttribute('data-measure')).toBe('score')
    // The keyboard lands in the drawer, on its heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="score-drill"]') !== null && document.activeElement?.tagName)).toBe('H3')
    expect(await page.locator('[data-testid="score-drill"] tr[data-measure]').count()).toBe(11)
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('keeps a frozen month’s published score after a late record and shows the recomputed one beside it, marked', async () => {
    const leader = await apiSession(env.origin, 'leader')
    const before = await ok(leader.api.scorecards.$get({ query: { month: FROZEN, level: 'village' } }))
    // A self-check recorded late for a week of May that had none.
    let found: { row: (typeof before.rows)[number]; date: string } | undefined
    for (const row of before.rows) {
      const drill = await ok(leader.api.scorecards.records.$get({ query: { month: FROZEN, level: 'village', id: row.id, measure: 'coverage' } }))
      const missed = drill.records.find((r) => !r.counted && r.id.startsWith('self_check:'))
      if (missed && row.score !== null) found = { row, date: missed.date }
      if (found) break
    }
    if (!found) throw new Error(`the demo has no missed self-check in ${FROZEN}`)
    const grid = await apiSession(env.origin, `grid-${found.row.id}`)
    await ok(grid.api.inspections.$post({ json: { source: 'routine', areaId: found.row.id, date: found.date, inspectors: '网格员', checked: '补录自查', hazardsFound: 1 } }), 201)
    const after = await ok(leader.api.scorecards.$get({ query: { month: FROZEN, level: 'village' } }))
    const published = after.rows.find((r) => r.id === found.row.id)!
    expect(published.score).toBe(found.row.score)
    expect(published.recomputed?.score).not.toBe(found.row.score)

    const app = await env.open('/work', { user: 'leader' })
    await openScorecards(app, FROZEN)
    const row = app.page.locator(`[data-testid="scorecard-table"] tbody tr[data-row-id="${found.row.id}"]`)
    expect((await row.locator('[data-measure="score"]').textContent())!.trim()).toBe(found.row.score!.toFixed(1))
    expect((await row.getByTestId('recomputed').textContent())!.trim()).toBe(`重算 ${published.recomputed!.score!.toFixed(1)}`)
    expect(await app.page.getByTestId('recomputed').count()).toBe(after.rows.filter((r) => r.recomputed && r.recomputed.score !== r.score).length)
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('prints the bulletin’s 考核排名: the districts as ranked, the red list named', async () => {
    const analyst = await apiSession(env.origin, 'analyst')
    const bulletin = await ok(analyst.api.bulletins[':month'].$get({ param: { month: FROZEN }, query: { format: 'json' } }))
    if (typeof bulletin === 'string' || bulletin instanceof Response || !bulletin.scorecards) throw new Error('the bulletin came without its 考核排名')
    const app = await env.open(`/bulletin/${FROZEN}`, { user: 'analyst' })
    const section = app.page.getByTestId('bulletin-scorecards')
    await section.waitFor({ timeout: 30_000 })
    expect(await section.locator('[data-part="districts"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).toEqual(
      bulletin.scorecards.districts.map((r) => r.id),
    )
    const red = await app.page.getByTestId('bulletin-red-list').textContent()
    for (const r of bulletin.scorecards.redList) expect(red).toContain(r.name)
    await section.scrollIntoViewIfNeeded()
    await screenshot(app.page, 'scorecards-bulletin-section')
    expect(app.problems()).toEqual([])
    await app.close()
  })

  it('lets the admin change a weight: a new version, and the running month’s scores follow', async () => {
    const app = await env.open('/work', { user: 'admin' })
    await openScorecards(app, RUNNING)
    const { page } = app
    expect(await page.getByTestId('scorecard-state').textContent()).toContain('未定稿')
    const before = await shownRows(app)
    const admin = await apiSession(env.origin, 'admin')
    const table = await ok(admin.api.scorecards.indicators.$get())
    await page.locator('[data-testid="indicator-editor"] summary').click()
    await expect.poll(() => page.getByTestId('indicator-version').textContent()).toContain(String(table.version))
    // Check coverage alone decides the score now.
    for (const id of Object.keys(table.weights)) await page.locator(`[data-weight="${id}"]`).fill(id === 'coverage' ? '100' : '0')
    await page.getByTestId('indicator-save').click()
    await expect.poll(() => page.getByTestId('indicator-saved').textContent(), { timeout: 30_000 }).toContain(String(table.version + 1))
    const after = await ok(admin.api.scorecards.$get({ query: { month: RUNNING, level: 'village' } }))
    expect(after.table.version).toBe(table.version + 1)
    expect(after.table.weights.coverage).toBe(100)
    const expected = after.rows.map((r) => ({ id: r.id, rank: r.rank === null ? '—' : String(r.rank), score: r.score === null ? null : r.score.toFixed(1), red: r.redList }))
    await expect.poll(() => shownRows(app), { timeout: 30_000 }).toEqual(expected)
    expect(expected).not.toEqual(before)
    // The frozen month keeps the table it was published with.
    const frozen = await ok(admin.api.scorecards.$get({ query: { month: FROZEN, level: 'village' } }))
    expect(frozen.table.version).toBe(table.version)
    await ok(admin.api.scorecards.indicators.$put({ json: { weights: table.weights, points: table.points, redLine: table.redLine } }))
    expect(app.problems()).toEqual([])
    await app.close()
  })
})

describe('the wall’s district ranking by score', () => {
  const env = useAppServer()

  it('lists the districts by this month’s score at 3840×2160, asking the scorecards for districts only', async () => {
    const app = await env.open('/wall?tour=off', { user: 'wall', viewport: { width: 3840, height: 2160 } })
    const { page } = app
    const wall = await apiSession(env.origin, 'wall')
    const answer = await ok(wall.api.scorecards.$get({ query: { level: 'district' } }))
    const want = answer.rows.map((r) => ({ id: r.id, score: r.score === null ? '' : String(r.score) }))
    await expect
      .poll(() => page.$$eval('[data-testid="wall-scores"] [data-district]', (rows) => rows.map((r) => ({ id: r.getAttribute('data-district')!, score: r.getAttribute('data-score')! }))), { timeout: 60_000 })
      .toEqual(want)
    await page.waitForFunction(() => window.__pinganMap?.map.loaded(), undefined, { timeout: 60_000 })
    await screenshot(page, 'scorecards-wall-4k')
    const asked = app.requests.map((url) => new URL(url)).filter((url) => url.pathname.startsWith('/api/scorecards'))
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.map((url) => `${url.pathname}?level=${url.searchParams.get('level')}`)).toEqual(asked.map(() => '/api/scorecards?level=district'))
    expect(app.problems()).toEqual([])
    await app.close()
  })
})

describe('the desk’s choropleth by score', () => {
  const env = useAppServer()

  it('paints each village by this month’s score from a link, and its legend reads red to green', async () => {
    const app = await env.open('/?layers=hazards,choropleth,sites&cut=village,score', { user: 'leader' })
    await waitForMap(app)
    const { page } = app
    const leader = await apiSession(env.origin, 'leader')
    const answer = await ok(leader.api.scorecards.$get({ query: { level: 'village' } }))
    const expected = scoreClasses(answer.rows).classes
    await settle(page)
    await expect
      .poll(
        () => page.evaluate(([ids, key]) => ids.map((id) => window.__pinganMap!.map.getFeatureState({ source: 'areas', id })[key] as number | undefined), [answer.rows.map((r) => r.id), CLASS_STATE] as const),
        { timeout: 30_000 },
      )
      .toEqual(answer.rows.map((r) => expected.get(r.id)))
    expect((await renderedCounts(page, [choroplethLayerId]))[choroplethLayerId]).toBeGreaterThan(0)
    expect(await page.getByTestId('choropleth-score-note').textContent()).toContain(answer.month)
    const legend = await page.getByTestId('choropleth-classes').textContent()
    expect(legend).toContain('≥ 90')
    expect(legend).toContain('无得分')
    await page.mouse.move(960, 10)
    await screenshot(page, 'scorecards-desk-choropleth')

    // By district: the unit switch asks for the districts' scores and paints them; the link follows.
    const districts = await ok(leader.api.scorecards.$get({ query: { level: 'district' } }))
    const byDistrict = scoreClasses(districts.rows).classes
    await page.getByTestId('choropleth-level').selectOption('district')
    await expect
      .poll(
        () => page.evaluate(([ids, key]) => ids.map((id) => window.__pinganMap!.map.getFeatureState({ source: 'areas', id })[key] as number | undefined), [districts.rows.map((r) => r.id), CLASS_STATE] as const),
        { timeout: 30_000 },
      )
      .toEqual(districts.rows.map((r) => byDistrict.get(r.id)))
    await expect.poll(() => new URL(page.url()).searchParams.get('cut')).toBe('district,score')
    expect(app.problems()).toEqual([])
    await app.close()
  })
})
