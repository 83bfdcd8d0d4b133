import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { categoryColors, rankingColors } from '../../web/charts/palette'
import { type AppPage, type AppServer, FULL_HD, launchChromium, openApp, screenshot, startServer, waitForMap } from './harness'

const SMALL_LAPTOP = { width: 1280, height: 800 } as const

interface Figures {
  total: number
  open: number
  closed: number
  overdue: number
  escalated: number
}

/** GET /api/stats/summary from inside the page, with its session: what the KPI bar must show. */
async function summaryFor(page: Page, query: Record<string, string>): Promise<Figures> {
  const s = await page.evaluate(async (q) => {
    const res = await fetch(`/api/stats/summary?${new URLSearchParams(q)}`)
    if (!res.ok) throw new Error(`summary ${res.status}: ${await res.text()}`)
    return (await res.json()) as Figures
  }, query)
  return { total: s.total, open: s.open, closed: s.closed, overdue: s.overdue, escalated: s.escalated }
}

/** The figures the KPI bar shows, read as numbers; undefined while any is still loading. */
async function shownFigures(page: Page): Promise<Figures | undefined> {
  const texts = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-kpi]')].map((el) => [el.getAttribute('data-kpi'), el.querySelector('.kpi__value')?.textContent ?? ''])),
  )
  const n = (key: keyof Figures) => Number((texts[key] ?? '').replace(/,/g, ''))
  const figures = { total: n('total'), open: n('open'), closed: n('closed'), overdue: n('overdue'), escalated: n('escalated') }
  return Object.values(figures).every(Number.isFinite) ? figures : undefined
}

/** Waits until the KPI bar shows exactly what the summary says for `query`. */
async function expectFiguresFor(page: Page, query: Record<string, string>): Promise<Figures> {
  const expected = await summaryFor(page, query)
  await expect.poll(() => shownFigures(page), { timeout: 20_000 }).toEqual(expected)
  return expected
}

const queryOf = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams)

/** Where the bar drawn in `color` is on a chart's canvas (the topmost if several), read back from its pixels. */
function findBar(page: Page, testId: string, color: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ id, hex }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)
      const ctx = canvas?.getContext('2d')
      if (!canvas || !ctx || !canvas.width) return null
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
      const { width, height } = canvas
      const data = ctx.getImageData(0, 0, width, height).data
      let top = -1
      const xs: number[] = []
      for (let y = 0; y < height && (top < 0 || y - top < 6); y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4
          if (data[i + 3]! < 240 || !want.every((c, k) => Math.abs(data[i + k]! - c) < 6)) continue
          if (top < 0) top = y
          xs.push(x)
        }
      }
      if (top < 0) return null
      const scale = width / canvas.clientWidth
      return { x: (Math.min(...xs) + Math.max(...xs)) / 2 / scale, y: (top + 3) / scale }
    },
    { id: testId, hex: color },
  )
}

/** Clicks a chart's bar where it is really drawn, once the chart has drawn it. */
async function clickBar(page: Page, testId: string, color: string): Promise<void> {
  let spot: { x: number; y: number } | null = null
  // A bar under the mouse is drawn highlighted, in another colour: move away first.
  await page.mouse.move(0, 0)
  await expect.poll(async () => (spot = await findBar(page, testId, color)), { timeout: 10_000 }).not.toBeNull()
  const box = (await page.getByTestId(testId).boundingBox())!
  await page.mouse.click(box.x + spot!.x, box.y + spot!.y)
}

describe('the desk panels', () => {
  let server: AppServer
  let browser: Browser
  let app: AppPage
  let page: Page

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    app = await openApp(browser, server.origin, '/', { viewport: FULL_HD, user: 'leader' })
    page = app.page
    // The figures arrive after the first filter settles; expect.poll is for tests, not hooks.
    const deadline = Date.now() + 30_000
    while (!(await shownFigures(page)) && Date.now() < deadline) await page.waitForTimeout(200)
  })

  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await server?.stop()
  })

  it('shows the whole town’s figures as the summary gives them', async () => {
    const figures = await expectFiguresFor(page, {})
    expect(figures.total).toBeGreaterThan(0)
    await expect(page.getByTestId('area-breadcrumb').textContent()).resolves.toMatch(/\p{Script=Han}/u)
  })

  describe('each filter changes the figures to what the summary says for it', () => {
    const panel = () => page.getByTestId('filter-panel')
    const reset = async () => {
      await panel().getByRole('button', { name: '重置' }).click()
      await expectFiguresFor(page, {})
    }

    const cases: [string, () => Promise<void>, Record<string, string>][] = [
      ['category', () => panel().locator('input[data-category="mass_incident"]').check(), { category: 'mass_incident' }],
      ['level', () => panel().locator('label.chip', { has: page.locator('input[data-level="major"]') }).click(), { level: 'major' }],
      ['status', () => panel().locator('label.chip', { has: page.locator('input[data-status="rectifying"]') }).click(), { status: 'rectifying' }],
      ['source', () => panel().locator('label.chip', { has: page.locator('input[data-source="concentrated"]') }).click(), { source: 'concentrated' }],
      [
        'date range',
        async () => {
          await page.getByTestId('filter-from').fill('2026-01-01')
          await page.getByTestId('filter-to').fill('2026-03-31')
        },
        { from: '2026-01-01', to: '2026-03-31' },
      ],
      ['overdue only', () => page.getByTestId('filter-overdue').check(), { overdue: 'true' }],
      ['escalated only', () => page.getByTestId('filter-escalated').check(), { escalated: 'true' }],
      ['text search', () => page.getByTestId('filter-search').fill('消防'), { q: '消防' }],
    ]

    for (const [name, act, query] of cases) {
      it(name, async () => {
        const before = await expectFiguresFor(page, {})
        await act()
        const after = await expectFiguresFor(page, query)
        expect(after.total).toBeLessThan(before.total)
        expect(queryOf(page)).toMatchObject(query)
        await reset()
      })
    }

    it('items of a category, shown on demand', async () => {
      await panel().getByRole('button', { name: '展开“安全事故”的排查重点' }).click()
      await panel().locator('input[data-item="fire"]').check()
      await expectFiguresFor(page, { item: 'fire' })
      await reset()
    })
  })

  it('filters by a category when its bar is clicked, and lets go on a second click', async () => {
    await page.getByRole('tab', { name: '趋势·类别' }).click()
    await clickBar(page, 'chart-category', categoryColors.mass_incident)
    await expectFiguresFor(page, { category: 'mass_incident' })
    await expect(page.getByTestId('filter-panel').locator('input[data-category="mass_incident"]').isChecked()).resolves.toBe(true)
    await clickBar(page, 'chart-category', categoryColors.mass_incident)
    await expectFiguresFor(page, {})
  })

  it('picks a risk level on its chart from the keyboard', async () => {
    await page.getByRole('tab', { name: '等级·方式' }).click()
    const chart = page.getByTestId('chart-level')
    await chart.locator('canvas').first().waitFor()
    await chart.focus()
    // The first arrow lands on the top bar, the most severe level.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expectFiguresFor(page, { level: 'major' })
    await page.keyboard.press('Enter')
    await expectFiguresFor(page, {})
  })

  it('drills into a district from its ranking bar, and the breadcrumb goes back up', async () => {
    await page.getByRole('tab', { name: '区域排名' }).click()
    await clickBar(page, 'chart-ranking', rankingColors.open)
    await page.waitForURL(/path=/)
    const district = queryOf(page)['path']!
    expect(district.split(',')).toHaveLength(1)
    await expectFiguresFor(page, { area: district })
    const crumbs = page.getByTestId('area-breadcrumb').locator('li')
    await expect.poll(() => crumbs.count()).toBe(2)
    await expect.poll(() => page.getByText('村庄排名').count()).toBe(1)

    await crumbs.first().getByRole('button').click()
    await expectFiguresFor(page, {})
    expect(queryOf(page)['path']).toBeUndefined()
    await expect.poll(() => crumbs.count()).toBe(1)
  })

  it('undoes a filter with the browser’s Back button', async () => {
    await page.getByTestId('filter-panel').locator('input[data-category="individual_extreme"]').check()
    await expectFiguresFor(page, { category: 'individual_extreme' })
    await page.goBack()
    await expectFiguresFor(page, {})
    await expect(page.getByTestId('filter-panel').locator('input[data-category="individual_extreme"]').isChecked()).resolves.toBe(false)
  })

  it('replays the campaign: the slider shows what was open on a date, play moves on, off shows the whole ledger', async () => {
    const range = page.getByTestId('time-range')
    await expect.poll(() => range.isEnabled()).toBe(true)
    await range.fill('120')
    await page.waitForURL(/openOn=/)
    const day = queryOf(page)['openOn']!
    const onDay = await expectFiguresFor(page, { openOn: day })
    expect(onDay.total).toBeGreaterThan(0)
    await expect(page.getByTestId('time-label').textContent()).resolves.toContain('在办')

    await page.getByTestId('time-play').click()
    await expect.poll(() => queryOf(page)['openOn'], { timeout: 5_000 }).not.toBe(day)
    await page.getByTestId('time-play').click()
    const later = queryOf(page)['openOn']!
    expect(later > day).toBe(true)
    await expectFiguresFor(page, { openOn: later })

    await page.getByTestId('time-clear').click()
    await expectFiguresFor(page, {})
    expect(queryOf(page)['openOn']).toBeUndefined()
  })

  it('asks nothing of any other server and logs no errors', () => {
    expect(app.problems()).toEqual([])
  })
})

describe('a link to a view', () => {
  let server: AppServer
  let browser: Browser
  const opened: AppPage[] = []

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const app of opened) await app.close()
    await browser?.close()
    await server?.stop()
  })

  async function open(path: string, options: Parameters<typeof openApp>[3]) {
    const app = await openApp(browser, server.origin, path, options)
    opened.push(app)
    return app
  }

  /** A district, one of its villages and a hazard of that village, as the API names them. */
  async function placeWithHazard(page: Page) {
    return page.evaluate(async () => {
      const get = async (url: string) => (await fetch(url)).json()
      const districts = (await get('/api/areas?level=district')).features.map((f: { properties: unknown }) => f.properties)
      const villages = (await get('/api/areas?level=village')).features.map((f: { properties: unknown }) => f.properties)
      const district = districts[0]
      const village = villages.find((v: { parentId: string }) => v.parentId === district.id)
      const hazards = await get(`/api/hazards?area=${village.id}&category=safety_accident&limit=1`)
      return { district, village, hazard: hazards.features[0].properties }
    })
  }

  it('reproduces the filters, the area and the open hazard card', async () => {
    const probe = await open('/', { user: 'leader' })
    const { district, village, hazard } = await placeWithHazard(probe.page)
    const path = `/?category=safety_accident&level=general,major&path=${district.id},${village.id}&hazard=${hazard.id}`
    const app = await open(path, { viewport: FULL_HD, user: 'leader' })
    const { page } = app

    await expectFiguresFor(page, { category: 'safety_accident', level: 'general,major', area: village.id })
    await expect.poll(() => page.getByTestId('area-breadcrumb').textContent()).toContain(`${district.name}${village.name}`)
    const card = page.getByTestId('hazard-card')
    await expect.poll(() => card.textContent()).toContain(hazard.code)
    await expect(card.textContent()).resolves.toContain('安全事故')
    await expect(card.textContent()).resolves.toContain(district.name)
    await expect(page.getByTestId('filter-panel').locator('input[data-category="safety_accident"]').isChecked()).resolves.toBe(true)
    await expect.poll(() => page.getByTestId('hazard-timeline').locator('li').count()).toBeGreaterThan(0)
    await expect(page.getByTestId('hazard-timeline').textContent()).resolves.toContain('登记')

    await waitForMap(app, 30_000).catch(() => undefined)
    await screenshot(page, 'desk-panels-1920x1080')

    await page.keyboard.press('Escape')
    await expect.poll(() => card.count()).toBe(0)
    expect(queryOf(page)['hazard']).toBeUndefined()
    expect(app.problems()).toEqual([])
  })

  it('reproduces the layers drawn and the choropleth’s cut, and a toggle rewrites the link', async () => {
    const app = await open('/?layers=heat-safety_accident,choropleth,sites&cut=grid,density', { user: 'leader' })
    const { page } = app
    await waitForMap(app)
    // The map opens with them: drawn from its first frame, not switched on after.
    const drawn = await page.evaluate(() => {
      const map = window.__pinganMap!.map
      const shown = (pattern: RegExp) => map.getLayersOrder().filter((id) => pattern.test(id) && map.getLayoutProperty(id, 'visibility') !== 'none')
      return { heat: shown(/^hazard-heat-/), choropleth: shown(/choropleth/), hazards: shown(/^hazard-(points|bins|overdue|escalated)$/) }
    })
    expect(drawn.heat).toHaveLength(1)
    expect(drawn.heat[0]).toMatch(/safety_accident/)
    expect(drawn.choropleth).toHaveLength(1)
    expect(drawn.hazards).toEqual([])
    await expect(page.getByTestId('toggle-hazards').isChecked()).resolves.toBe(false)
    await expect(page.getByTestId('toggle-choropleth').isChecked()).resolves.toBe(true)
    await expect(page.getByTestId('choropleth-level').inputValue()).resolves.toBe('grid')
    await expect(page.getByTestId('choropleth-metric').inputValue()).resolves.toBe('density')

    // Switching the single hazards back on is written into the link, without a history entry of its own.
    const entries = await page.evaluate(() => history.length)
    await page.getByTestId('toggle-hazards').check()
    await expect.poll(() => queryOf(page)['layers']).toBe('hazards,heat-safety_accident,choropleth,sites')
    expect(queryOf(page)['cut']).toBe('grid,density')
    expect(await page.evaluate(() => history.length)).toBe(entries)
    expect(app.problems()).toEqual([])
  })

  it('ignores what it cannot read and still shows the desk', async () => {
    const app = await open('/?category=aliens&level=purple&from=2026-02-30&map=999,0,3&hazard=-1&path=%3Cx%3E', { user: 'leader' })
    await expectFiguresFor(app.page, {})
    expect(app.problems()).toEqual([])
  })

  it('keeps a linked path only as far as it holds together, without asking about unknown areas', async () => {
    const probe = await open('/', { user: 'leader' })
    const { district } = await placeWithHazard(probe.page)
    const app = await open(`/?path=${district.id},no-such-village&status=closed`, { user: 'leader' })
    await expectFiguresFor(app.page, { status: 'closed', area: district.id })
    await expect.poll(() => queryOf(app.page)['path']).toBe(district.id)
    expect(app.problems()).toEqual([])
  })

  it('withholds a confidential hazard’s text from a role not cleared for it', async () => {
    const probe = await open('/', { user: 'analyst' })
    const id = await probe.page.evaluate(async () => (await (await fetch('/api/hazards?category=violent_terror&limit=1')).json()).features[0].id as number)
    const app = await open(`/?hazard=${id}`, { user: 'analyst' })
    await expect.poll(() => app.page.getByTestId('hazard-generalised').textContent()).toBe('保密：仅显示所在村，详情限授权角色查看')
    await expect(app.page.getByTestId('hazard-card').textContent()).resolves.not.toContain('经办')
    expect(app.problems()).toEqual([])
  })

  it('fits a small laptop screen with the charts, the card and the replay at once', async () => {
    const probe = await open('/', { user: 'leader' })
    const { district, hazard } = await placeWithHazard(probe.page)
    const app = await open(`/?path=${district.id}&openOn=2026-03-15&hazard=${hazard.id}`, { viewport: SMALL_LAPTOP, user: 'leader' })
    const { page } = app
    await expectFiguresFor(page, { area: district.id, openOn: '2026-03-15' })
    await expect.poll(() => page.getByTestId('hazard-card').textContent()).toContain(hazard.code)
    await waitForMap(app, 30_000).catch(() => undefined)
    await screenshot(page, 'desk-panels-1280x800')
    // Nothing of the panels runs off the screen.
    const offscreen = await page.evaluate(() =>
      ['kpi-bar', 'charts-panel', 'time-slider', 'filter-panel', 'hazard-card', 'area-breadcrumb'].filter((id) => {
        const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect()
        return r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight
      }),
    )
    expect(offscreen).toEqual([])
    expect(app.problems()).toEqual([])
  })

  it('speaks English when asked', async () => {
    const app = await open('/', { user: 'leader', locale: 'en' })
    await expect.poll(() => app.page.getByTestId('kpi-bar').textContent()).toContain('Close rate')
    await expect(app.page.getByTestId('filter-panel').textContent()).resolves.toContain('Safety accident')
    await waitForMap(app, 30_000).catch(() => undefined)
    await screenshot(app.page, 'desk-panels-en-1920x1080')
    expect(app.problems()).toEqual([])
  })
})
