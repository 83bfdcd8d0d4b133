/**
 * The grid worker's phone (issue 15), in Chromium emulating a cheap Android phone (360×740, touch,
 * mobile UA): a report made offline with two photos survives a reload and lands once; GPS at 8 m is
 * taken, at 250 m or refused a pin is asked; a 6 MB photo is queued at ≤ 500 KB; every screen stays
 * on its own origin, without console errors, with text ≥ 14 px and touch targets ≥ 44 px.
 * Screenshots go to test-output/screenshots/phone-*.png; docs/phone/ holds copies chosen for the README.
 */
import { randomBytes } from 'node:crypto'
import { type APIRequestContext, type BrowserContextOptions, type Page, request } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { type AppPage, DEMO_PASSWORD, screenshot as saveScreenshot, useAppServer } from './harness'

const PHONE = { width: 360, height: 740 }
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 12; M2006C3MG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'

const app = useAppServer()

/** A JPEG of noise: it compresses badly, so the resizing is tested at its worst. */
function noisyJpeg(width: number, height: number, quality: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer()
}

/** The API as one demo account sees it, outside any page. */
async function apiAs(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: app.origin, extraHTTPHeaders: { Origin: app.origin } })
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })
  if (!res.ok()) throw new Error(`login as ${username}: ${res.status()} ${await res.text()}`)
  return api
}

async function getAs<T>(username: string, path: string): Promise<T> {
  const api = await apiAs(username)
  try {
    const res = await api.get(path)
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`)
    return (await res.json()) as T
  } finally {
    await api.dispose()
  }
}

const leaderGet = <T>(path: string) => getAs<T>('leader', path)

/** The demo town's first village: its grid worker's account, and its label point (a place inside it). */
let village: { worker: string; latitude: number; longitude: number } | undefined
async function firstVillage(): Promise<{ worker: string; latitude: number; longitude: number }> {
  if (!village) {
    const areas = await leaderGet<{ features: Array<{ properties: { id: string; label: [number, number] } }> }>('/api/areas?level=village')
    const { id, label } = areas.features[0]!.properties
    village = { worker: `grid-${id}`, longitude: label[0], latitude: label[1] }
  }
  return village
}

/** Opens the phone app as the village's grid worker, GPS as given (no `geolocation`: permission refused). */
async function openPhone(gps: { accuracy: number } | 'denied', path = '/phone/#report'): Promise<AppPage> {
  const { worker, ...where } = await firstVillage()
  const context: BrowserContextOptions = {
    isMobile: true, hasTouch: true, userAgent: ANDROID_UA, deviceScaleFactor: 2,
    ...(gps !== 'denied' && { geolocation: { ...where, accuracy: gps.accuracy }, permissions: ['geolocation'] }),
  }
  const phone = await app.open(path, { user: worker, viewport: PHONE, context })
  // Ready, and the task list (with the server's day) fetched once, as a worker's first visit online does.
  await phone.page.locator('[data-testid="phone-app"][data-state="ready"][data-synced="true"]').waitFor()
  return phone
}

/** A screenshot once the Chinese font's subsets the screen uses have arrived. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await saveScreenshot(page, name)
}

const verdict = (page: Page) => page.getByTestId('phone-location').getAttribute('data-verdict')

/** Fills the report's plan item and title (the first item of 安全事故). */
async function fillReport(page: Page, title: string): Promise<void> {
  await page.getByTestId('phone-category').selectOption('safety_accident')
  await page.getByTestId('phone-item').selectOption({ index: 1 })
  await page.getByTestId('phone-title').fill(title)
}

async function photosSettled(page: Page, testid: string, count: number): Promise<void> {
  const box = page.getByTestId(testid)
  await expect.poll(async () => [await box.getAttribute('data-count'), await box.getAttribute('data-busy')], { timeout: 60_000 }).toEqual([String(count), 'false'])
}

/** Every visible text at least 14 px, every visible control at least 44 × 44 px (a checkbox or file input: its label). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
    }
    for (const el of document.querySelectorAll<HTMLElement>('.ph-app *')) {
      const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
      if (text && visible(el) && parseFloat(getComputedStyle(el).fontSize) < 14) problems.push(`text ${getComputedStyle(el).fontSize}: ${el.textContent!.trim().slice(0, 30)}`)
    }
    for (const el of document.querySelectorAll<HTMLElement>('.ph-app button, .ph-app input, .ph-app select, .ph-app textarea, .ph-app a[href]')) {
      const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'file') ? el.closest('label') ?? el : el
      if (!visible(el) && !visible(target)) continue
      const r = target.getBoundingClientRect()
      if (r.width < 44 || r.height < 44) problems.push(`control ${Math.round(r.width)}×${Math.round(r.height)}: ${el.dataset['testid'] ?? el.outerHTML.slice(0, 60)}`)
    }
    return problems
  })
}

describe('the phone report', () => {
  it('made offline with two photos survives a reload and reaches the server once, with both photos', async () => {
    const phone = await openPhone({ accuracy: 8 })
    const { page, context } = phone
    await expect.poll(() => verdict(page)).toBe('accepted')
    // The offline shell must control the page before the signal goes.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 })
    const title = `离线上报-${randomBytes(3).toString('hex')}`
    const [one, two] = await Promise.all([noisyJpeg(800, 600, 80), noisyJpeg(640, 480, 80)])

    await context.setOffline(true)
    await fillReport(page, title)
    await page.getByTestId('phone-photos-input').setInputFiles([
      { name: 'a.jpg', mimeType: 'image/jpeg', buffer: one },
      { name: 'b.jpg', mimeType: 'image/jpeg', buffer: two },
    ])
    await photosSettled(page, 'phone-photos', 2)

    await page.reload()
    await page.getByTestId('phone-draft-restored').waitFor()
    await expect(page.getByTestId('phone-title').inputValue()).resolves.toBe(title)
    await photosSettled(page, 'phone-photos', 2)
    await expect.poll(() => verdict(page)).toBe('accepted')
    await screenshot(page, 'phone-report')
    await page.getByTestId('phone-report-submit').click()
    await page.getByTestId('phone-report-queued').waitFor()
    await expect(page.getByTestId('phone-unsent').getAttribute('data-count')).resolves.toBe('1')
    // The item just used is offered first next time.
    await expect.poll(() => page.getByTestId('phone-recent-item').count()).toBe(1)

    await page.reload()
    await page.getByTestId('phone-tab-tasks').click()
    await expect.poll(() => page.getByTestId('phone-task-unsent').filter({ hasText: title }).count()).toBe(1)
    await page.getByTestId('phone-tab-outbox').click()
    const item = page.getByTestId('phone-outbox-item').filter({ hasText: title })
    await expect(item.getAttribute('data-state')).resolves.toBe('queued')
    await expect(item.getByTestId('phone-outbox-state').textContent()).resolves.toBe('待发送')

    await context.setOffline(false)
    // The item's text in the failure message says why, should the server refuse it.
    await expect.poll(async () => [await item.getAttribute('data-state'), await item.textContent()], { timeout: 60_000 }).toEqual(['sent', expect.anything()])
    await expect(item.getByTestId('phone-outbox-state').textContent()).resolves.toBe('已发送')
    await expect.poll(() => page.getByTestId('phone-unsent').count()).toBe(0)
    await expect.poll(() => page.getByTestId('phone-offline').count()).toBe(0)

    const found = await leaderGet<{ features: Array<{ id: number; properties: { locationMethod: string; locationAccuracy: number } }> }>(`/api/hazards?q=${encodeURIComponent(title)}`)
    expect(found.features).toHaveLength(1)
    expect(found.features[0]!.properties).toMatchObject({ locationMethod: 'gps', locationAccuracy: 8 })
    const detail = await leaderGet<{ photos: unknown[] }>(`/api/hazards/${found.features[0]!.id}`)
    expect(detail.photos).toHaveLength(2)
    // Offline, the browser logs each request that found no network (and font subsets never fetched); nothing else may go wrong.
    expect(phone.offOrigin).toEqual([])
    expect(phone.pageErrors).toEqual([])
    expect(phone.consoleErrors.filter((e) => !/Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED)/.test(e))).toEqual([])
    await phone.close()
  })

  it('takes a GPS fix of 8 m as it is', async () => {
    const phone = await openPhone({ accuracy: 8 })
    await expect.poll(() => verdict(phone.page)).toBe('accepted')
    await expect(phone.page.getByTestId('phone-location-status').textContent()).resolves.toContain('8 米')
    expect(phone.problems()).toEqual([])
    await phone.close()
  })

  it('takes a GPS fix of 60 m with a warning', async () => {
    const phone = await openPhone({ accuracy: 60 })
    await expect.poll(() => verdict(phone.page)).toBe('warning')
    await expect(phone.page.getByTestId('phone-location-status').textContent()).resolves.toContain('偏差较大')
    expect(phone.problems()).toEqual([])
    await phone.close()
  })

  it('asks for a pin and its reason when the best fix is 250 m, then sends the pin', async () => {
    const phone = await openPhone({ accuracy: 250 })
    const { page } = phone
    // The phone keeps looking for a better fix for up to 30 s before it asks for the pin.
    await expect.poll(() => verdict(page), { timeout: 45_000 }).toBe('pin')
    await expect(page.getByTestId('phone-location-status').textContent()).resolves.toContain('250 米')
    const title = `标注上报-${randomBytes(3).toString('hex')}`
    await fillReport(page, title)
    await page.getByTestId('phone-report-submit').click()
    await expect(page.getByTestId('phone-report-missing').textContent()).resolves.toContain('位置')

    await page.getByTestId('phone-pin').click()
    await page.getByTestId('phone-pin-picker').locator('[data-map-state="ready"]').waitFor({ timeout: 60_000 })
    await screenshot(page, 'phone-pin')
    await page.getByTestId('phone-pin-done').click()
    await expect.poll(() => verdict(page)).toBe('pinned')
    await expect(page.getByTestId('phone-pin-reason').inputValue()).resolves.toBe('poor_accuracy')
    await page.getByTestId('phone-report-submit').click()
    await page.getByTestId('phone-report-queued').waitFor()
    await page.getByTestId('phone-tab-outbox').click()
    const item = page.getByTestId('phone-outbox-item').filter({ hasText: title })
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 60_000 }).toBe('sent')

    const found = await leaderGet<{ features: Array<{ properties: { locationMethod: string; pinReason: string } }> }>(`/api/hazards?q=${encodeURIComponent(title)}`)
    expect(found.features.map((f) => f.properties)).toMatchObject([{ locationMethod: 'pin', pinReason: '定位精度差' }])
    expect(phone.problems()).toEqual([])
    await phone.close()
  })

  it('asks for a pin when location is not allowed', async () => {
    const phone = await openPhone('denied')
    await expect.poll(() => verdict(phone.page)).toBe('pin')
    await expect(phone.page.getByTestId('phone-location-status').textContent()).resolves.toContain('未获得定位权限')
    expect(phone.problems()).toEqual([])
    await phone.close()
  })

  it('queues a 6 MB camera photo at 500 KB or less', async () => {
    const phone = await openPhone({ accuracy: 8 })
    const big = await noisyJpeg(3200, 2400, 90)
    expect(big.length).toBeGreaterThan(6_000_000)
    await phone.page.getByTestId('phone-photos-input').setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: big })
    await photosSettled(phone.page, 'phone-photos', 1)
    const bytes = Number(await phone.page.getByTestId('phone-photos').locator('li').getAttribute('data-bytes'))
    expect(bytes).toBeGreaterThan(10_000)
    expect(bytes).toBeLessThanOrEqual(500 * 1024)
    expect(phone.problems()).toEqual([])
    await phone.close()
  })
})

describe('a task on the phone', () => {
  it('is rectified through the outbox on the version shown', async () => {
    const phone = await openPhone({ accuracy: 8 })
    const { page } = phone
    const worker = (await firstVillage()).worker
    const work = await getAs<{ items: Array<{ id: number; code: string; nextSteps: string[] }> }>(worker, '/api/work')
    const task = work.items.find((i) => i.nextSteps.includes('rectify'))!
    await page.getByTestId('phone-tab-tasks').click()
    await page.locator(`[data-testid="phone-task"][data-code="${task.code}"]`).click()
    await page.getByTestId('phone-rectify-note').fill('已设置警示牌并清理')
    await page.getByTestId('phone-rectify-submit').click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('无法拍照的原因')
    await page.getByTestId('phone-rectify-no-photo').fill('现场无法拍照')
    await page.getByTestId('phone-rectify-submit').click()
    await page.getByTestId('phone-step-queued').waitFor()

    await page.getByTestId('phone-tab-outbox').click()
    const item = page.locator('[data-testid="phone-outbox-item"][data-kind="action"]')
    await expect.poll(async () => [await item.getAttribute('data-state'), await item.textContent()], { timeout: 60_000 }).toEqual(['sent', expect.anything()])
    const detail = await getAs<{ hazard: { status: string } }>(worker, `/api/hazards/${task.id}`)
    expect(detail.hazard.status).toBe('rectified')
    expect(phone.problems()).toEqual([])
    await phone.close()
  })
})

describe('the phone screens', () => {
  it('stay on their own origin, without errors, with readable text and thumb-sized controls', async () => {
    const phone = await openPhone({ accuracy: 8 })
    const { page } = phone
    await expect.poll(() => verdict(page)).toBe('accepted')
    const seen: Record<string, string[]> = {}
    seen['report'] = await layoutProblems(page)
    await screenshot(page, 'phone-report-form')

    await page.getByTestId('phone-tab-tasks').click()
    await page.getByTestId('phone-task').first().waitFor()
    seen['tasks'] = await layoutProblems(page)
    await screenshot(page, 'phone-tasks')
    await page.getByTestId('phone-task').first().click()
    await page.getByTestId('phone-task-detail').waitFor()
    seen['task'] = await layoutProblems(page)
    await screenshot(page, 'phone-task')

    await page.getByTestId('phone-tab-outbox').click()
    await page.getByTestId('phone-outbox').waitFor()
    seen['outbox'] = await layoutProblems(page)
    await screenshot(page, 'phone-outbox')

    await page.getByTestId('phone-tab-map').click()
    await page.getByTestId('phone-map-tab').locator('[data-map-state="ready"]').waitFor({ timeout: 60_000 })
    seen['map'] = await layoutProblems(page)
    await screenshot(page, 'phone-map')

    await page.getByTestId('phone-locale').click()
    await expect.poll(() => page.locator('.ph-title').textContent()).toBe("Ping'an Map · Grid worker")
    seen['english'] = await layoutProblems(page)

    expect(seen).toEqual({ report: [], tasks: [], task: [], outbox: [], map: [], english: [] })
    expect(phone.problems()).toEqual([])
    await phone.close()
  })
})
