import { readFileSync } from 'node:fs'
import { distance } from '@turf/turf'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppPage, type AppServer, FULL_HD, launchChromium, openApp, renderedCounts, screenshot, startServer, waitForMap } from './harness'
import { type ApiSession, allHazards, apiSession, ok } from './live-api'

const RADIUS = 500
/** The panel draws this many rows; the CSV carries every one. */
const SHOWN_ROWS = 300
/** The map's layers for the panel's overlays (map/sources.ts overlaySourceId, map/layers/overlays.ts). */
const overlaySources = { buffers: 'overlay-proximity-buffers', hits: 'overlay-proximity-hits' }
const BUFFER_FILL = `${overlaySources.buffers}-fill`
const HIT_RING = `${overlaySources.hits}-ring`

interface Row {
  code: string
  metres: number
}

const byDistance = (a: Row, b: Row) => a.metres - b.metres || a.code.localeCompare(b.code)

/** The answer worked out here, independently: every hazard of the filter against every school, with turf. */
async function expectedRows(session: ApiSession, query: Record<string, string>): Promise<Row[]> {
  const schools = await ok(session.api.sites.$get({ query: { kind: 'school' } }))
  const hazards = await allHazards(session, query)
  return hazards
    .map((h) => ({ code: h.properties.code, exact: Math.min(...schools.features.map((s) => distance(h.geometry.coordinates, s.geometry.coordinates, { units: 'meters' }))) }))
    .filter((h) => h.exact <= RADIUS)
    .map(({ code, exact }) => ({ code, metres: Math.round(exact) }))
    .sort(byDistance)
}

function shownRows(page: Page): Promise<(Row & { id: number })[]> {
  return page.$$eval('[data-testid="proximity-list"] button[data-hazard-id]', (buttons) =>
    buttons.map((b) => ({ id: Number(b.getAttribute('data-hazard-id')), code: b.querySelector('.proximity__code')?.textContent ?? '', metres: Number(b.getAttribute('data-metres')) })),
  )
}

/** Waits until the panel has answered with `n` hazards (it recomputes by itself after a change). */
async function answered(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const summary = document.querySelector('[data-testid="proximity-summary"]')?.textContent ?? ''
      const run = document.querySelector<HTMLButtonElement>('[data-testid="proximity-run"]')
      return summary.includes(`米内有 ${want} 条隐患`) && run?.disabled === false
    },
    n,
    { timeout: 30_000 },
  )
}

interface Csv {
  fileName: string
  bytes: Buffer
  header: string
  rows: (Row & { cells: string[] })[]
}

async function exportCsv(page: Page): Promise<Csv> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('proximity-export').click()])
  const bytes = readFileSync((await download.path())!)
  const [header = '', ...lines] = bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)
  // No cell of this ledger holds a comma or a quote, so a plain split reads it.
  const rows = lines.map((line) => line.split(',')).map((cells) => ({ code: cells[0]!, metres: Number(cells.at(-1)), cells }))
  return { fileName: download.suggestedFilename(), bytes, header, rows }
}

describe('which hazards lie within 500 m of the schools', () => {
  let server: AppServer
  let browser: Browser
  let app: AppPage
  let leader: ApiSession
  let expected: Row[]
  let csv: Csv

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    leader = await apiSession(server.origin, 'leader')
    app = await openApp(browser, server.origin, '/', { viewport: FULL_HD, user: 'leader' })
    await waitForMap(app)
    expected = await expectedRows(leader, {})

    const page = app.page
    await page.getByTestId('proximity-fold').click()
    // Schools only: the reservoirs and gas stations chosen by default are unticked.
    await page.locator('input[data-site-kind="reservoir"]').uncheck()
    await page.locator('input[data-site-kind="gas_station"]').uncheck()
    await expect(page.getByTestId('proximity-radius').inputValue()).resolves.toBe(String(RADIUS))
    await page.getByTestId('proximity-run').click()
    await answered(page, expected.length)
    csv = await exportCsv(page)
  })

  afterAll(async () => {
    await app?.close()
    await browser?.close()
    await server?.stop()
  })

  it('finds the same hazards at the same distances as turf does from the same API data', () => {
    expect(expected.length).toBeGreaterThan(10)
    expect([...csv.rows].map(({ code, metres }) => ({ code, metres })).sort(byDistance)).toEqual(expected)
  })

  it('lists them nearest first, the first rows on screen and every row in the CSV', async () => {
    const metres = csv.rows.map((r) => r.metres)
    expect(metres).toEqual([...metres].sort((a, b) => a - b))
    const shown = await shownRows(app.page)
    expect(shown.map(({ code, metres }) => ({ code, metres }))).toEqual(csv.rows.slice(0, SHOWN_ROWS).map(({ code, metres }) => ({ code, metres })))
  })

  it('exports a CSV that Excel opens as Chinese: a byte-order mark, a Chinese header, the nearest school of each', () => {
    expect(csv.fileName).toMatch(/^周边隐患_500米_\d{4}-\d{2}-\d{2}\.csv$/)
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.header).toBe('隐患编号,隐患名称,风险类别,风险等级,办理状态,最近场所,场所类型,距离（米）')
    expect(csv.rows.every((r) => r.cells.length === 8 && r.cells[6] === '学校')).toBe(true)
  })

  it('draws a buffer round each school and rings each hazard found', async () => {
    const page = app.page
    await page.evaluate(() => window.__pinganMap?.whenIdle())
    const schools = await ok(leader.api.sites.$get({ query: { kind: 'school' } }))
    const drawn = await page.evaluate((ids) => {
      const map = window.__pinganMap!.map
      const distinct = (id: string, key: string) => new Set(map.querySourceFeatures(id).map((f) => f.properties[key])).size
      return { buffers: distinct(ids.buffers, 'id'), hits: distinct(ids.hits, 'code') }
    }, overlaySources)
    expect(drawn).toEqual({ buffers: schools.features.length, hits: expected.length })
    const counts = await renderedCounts(page, [BUFFER_FILL, HIT_RING])
    expect(counts[BUFFER_FILL]).toBeGreaterThan(0)
    expect(counts[HIT_RING]).toBeGreaterThan(0)
    await screenshot(page, 'proximity-schools-500m-1920x1080')
  })

  it('opens the hazard card from a row', async () => {
    const page = app.page
    const [first] = await shownRows(page)
    await page.locator(`[data-testid="proximity-list"] button[data-hazard-id="${first!.id}"]`).click()
    // the card may still show the one before while this one loads: read it until it settles
    await expect.poll(() => page.getByTestId('hazard-card').locator('.hazard-card__code').textContent(), { timeout: 15_000 }).toBe(first!.code)
    await page.getByTestId('hazard-close').click()
  })

  it('answers again for the new filter when the filter changes, and back', async () => {
    const page = app.page
    const safety = await expectedRows(leader, { category: 'safety_accident' })
    expect(safety.length).toBeLessThan(expected.length)
    await page.locator('input[data-category="safety_accident"]').check()
    await answered(page, safety.length)
    const filtered = await exportCsv(page)
    expect(filtered.rows.map(({ code, metres }) => ({ code, metres })).sort(byDistance)).toEqual(safety)
    await page.locator('input[data-category="safety_accident"]').uncheck()
    await answered(page, expected.length)
  })

  it('takes the buffers and rings off the map when cleared', async () => {
    const page = app.page
    await page.getByTestId('proximity-clear').click()
    await page.evaluate(() => window.__pinganMap?.whenIdle())
    const left = await page.evaluate((ids) => Object.values(ids).filter((id) => window.__pinganMap!.map.getSource(id) && window.__pinganMap!.map.querySourceFeatures(id).length > 0), overlaySources)
    expect(left).toEqual([])
    await expect(page.getByTestId('proximity-list').count()).resolves.toBe(0)
  })

  it('asks nothing of any other server and logs no errors', () => {
    expect(app.problems()).toEqual([])
  })
})
