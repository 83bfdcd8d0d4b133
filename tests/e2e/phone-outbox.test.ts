/**
 * The phone's outbox against the real server (issue 15), in Chromium emulating a cheap Android phone
 * (360×740, touch, mobile UA): a queued report sent by two tabs at once lands once — with the tabs'
 * Web Lock the second tab waits and sends nothing; without it (an old webview) both send, and the
 * server's Idempotency-Key makes them one hazard; a server
 * restart between the send and its answer still gives one hazard; a rectification queued offline on a
 * hazard changed meanwhile lands in 需处理 with both versions, and is redone only when the worker says so.
 */
import { randomUUID } from 'node:crypto'
import { type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorkQueue } from '../../server/domain/contract/work'
import { type AppPage, type AppServer, DEMO_PASSWORD, type OpenOptions, launchChromium, openApp, screenshot, startServer } from './harness'

const PHONE = { width: 360, height: 740 }
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 12; M2006C3MG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'

let server: AppServer
let browser: Browser
beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The API as one demo account, outside any page. */
async function apiAs(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: server.origin, extraHTTPHeaders: { Origin: server.origin } })
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

/** The hazards on the server with this (unique) title. */
async function hazardsTitled(title: string): Promise<number> {
  return (await getAs<{ features: unknown[] }>('leader', `/api/hazards?q=${encodeURIComponent(title)}`)).features.length
}

/** The demo town's first village: its grid worker, and a place inside it for the phone's GPS. */
async function firstVillage(): Promise<{ worker: string; latitude: number; longitude: number }> {
  const areas = await getAs<{ features: Array<{ properties: { id: string; label: [number, number] } }> }>('leader', '/api/areas?level=village')
  const { id, label } = areas.features[0]!.properties
  return { worker: `grid-${id}`, longitude: label[0], latitude: label[1] }
}

/**
 * The phone app as `worker` on its task list, with an 8 m GPS fix at the place; `prepare` runs on
 * the context first. The tasks' arrival tells the phone the server's day, which the demo server pins
 * (AS_OF) and the phone's found and queued times must follow (web/phone/phone-clock.ts).
 */
async function openPhone(worker: string, where: { latitude: number; longitude: number }, prepare?: OpenOptions['prepare']): Promise<AppPage> {
  const context: BrowserContextOptions = {
    isMobile: true, hasTouch: true, userAgent: ANDROID_UA, deviceScaleFactor: 2,
    geolocation: { ...where, accuracy: 8 }, permissions: ['geolocation'],
  }
  const phone = await openApp(browser, server.origin, '/phone/#tasks', { user: worker, viewport: PHONE, context, prepare })
  await ready(phone.page)
  await phone.page.getByTestId('phone-task').first().waitFor()
  return phone
}

/**
 * The app open for its worker, and done with what it fetches on opening (the bundled font comes
 * after the first screen, web/phone/late-font.ts): a test that cuts the network next cuts the
 * outbox's sends, not a font's download (a console error of its own).
 */
async function ready(page: Page): Promise<void> {
  await page.getByTestId('phone-app').and(page.locator('[data-state="ready"]')).waitFor()
  await page.waitForLoadState('networkidle')
}

/** Fills and queues a report (the first item of 安全事故) once the GPS fix is taken. */
async function queueReport(page: Page, title: string): Promise<void> {
  await page.getByTestId('phone-tab-report').click()
  await expect.poll(() => page.getByTestId('phone-location').getAttribute('data-verdict')).toBe('accepted')
  await page.getByTestId('phone-category').selectOption('safety_accident')
  await page.getByTestId('phone-item').selectOption({ index: 1 })
  await page.getByTestId('phone-title').fill(title)
  await page.getByTestId('phone-report-submit').click()
  await page.getByTestId('phone-report-queued').waitFor()
}

/** The outbox item with this text, on the outbox tab. */
async function outboxItem(page: Page, text: string) {
  await page.getByTestId('phone-tab-outbox').click()
  return page.getByTestId('phone-outbox-item').filter({ hasText: text })
}

/** An outbox item's state, with the problem's words when it needs the worker (so a failure says why). */
async function stateOf(item: Locator): Promise<string | null> {
  const state = await item.getAttribute('data-state')
  return state === 'attention' && (await item.getByTestId('phone-outbox-problem').count()) ? `attention: ${await item.getByTestId('phone-outbox-problem').textContent()}` : state
}

/** Every `POST /api/hazards` the context makes (a report's send, whichever tab). */
function reportPosts(context: BrowserContext): string[] {
  const posts: string[] = []
  context.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/hazards') posts.push(r.headers()['idempotency-key'] ?? '')
  })
  return posts
}

/** Takes the Web Locks API away before any page script runs, as on a webview without it. */
const withoutLocks: OpenOptions['prepare'] = (context) => context.addInitScript(() => Object.defineProperty(navigator, 'locks', { value: undefined }))

describe('the phone outbox', () => {
  for (const [name, prepare] of [['with the tabs’ Web Lock', undefined], ['without Web Locks (the server’s key decides)', withoutLocks]] as const) {
    it(`sends a report queued offline once when two tabs send it, ${name}`, async () => {
      const { worker, ...where } = await firstVillage()
      const phone = await openPhone(worker, where, prepare)
      const { page, context } = phone
      const second = await context.newPage()
      await second.goto('/phone/#outbox')
      await ready(second)
      const posts = reportPosts(context)
      const title = `两页同发-${randomUUID().slice(0, 6)}`
      // The first send of the report, whichever tab makes it, is held on its way to the server until released.
      let release!: () => void
      const released = new Promise<void>((done) => (release = done))
      let arrived!: (sender: Page) => void
      const held = new Promise<Page>((done) => (arrived = done))
      let holding = false
      await context.route('**/api/hazards', async (route) => {
        if (route.request().method() !== 'POST' || holding) return route.fallback()
        holding = true
        arrived(route.request().frame().page())
        await released
        await route.continue()
      })

      await context.setOffline(true)
      await queueReport(page, title)
      await expect.poll(async () => stateOf(await outboxItem(second, title))).toBe('queued')
      await context.setOffline(false)
      // The other tab is reloaded while the first send is on its way: it finds the item 发送中.
      const other = (await held) === page ? second : page
      await other.reload()
      await ready(other)
      const inOther = await outboxItem(other, title)
      if (prepare) {
        // Without locks it cannot tell a live send from a dead tab's, and sends it too: the same key, so the same hazard.
        await expect.poll(() => posts.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2)
        await expect.poll(() => stateOf(inOther), { timeout: 60_000 }).toBe('sent')
      } else {
        // With the lock it waits for the sending tab to finish.
        await expect.poll(() => stateOf(inOther)).toBe('sending')
      }
      release()
      for (const tab of [page, second]) await expect.poll(async () => stateOf(await outboxItem(tab, title)), { timeout: 60_000 }).toBe('sent')

      expect(await hazardsTitled(title)).toBe(1)
      expect(new Set(posts).size).toBe(1)
      if (!prepare) expect(posts).toHaveLength(1)
      expect(phone.problems()).toEqual([])
      await phone.close()
    })
  }

  it('gives one hazard when the server restarts between taking a report and its answer reaching the phone', async () => {
    const { worker, ...where } = await firstVillage()
    const phone = await openPhone(worker, where)
    const { page, context } = phone
    const posts = reportPosts(context)
    const replayed: string[] = []
    context.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/hazards') replayed.push(r.headers()['idempotent-replayed'] ?? 'first')
    })
    // The first send reaches the server, which stores the hazard; then the server goes down and the answer never comes back.
    let held = false
    await page.route('**/api/hazards', async (route) => {
      if (route.request().method() !== 'POST' || held) return route.fallback()
      held = true
      await route.fetch()
      await server.restart()
      await route.abort('connectionreset')
    })
    const title = `重启之间-${randomUUID().slice(0, 6)}`
    await queueReport(page, title)
    const item = await outboxItem(page, title)
    // The sender backs off and tries again by itself, with the same key.
    await expect.poll(() => stateOf(item), { timeout: 90_000 }).toBe('sent')

    expect(await hazardsTitled(title)).toBe(1)
    expect(posts).toHaveLength(2)
    expect(posts[1]).toBe(posts[0])
    expect(replayed).toEqual(['true'])
    // The browser logs the cut answer as a failed load: that one is this test's doing.
    expect(phone.problems().filter((p) => !p.includes(`net::ERR_CONNECTION_RESET (${server.origin}/api/hazards)`))).toEqual([])
    await phone.close()
  })

  it('puts a rectification queued on a hazard changed meanwhile in 需处理 with both versions, and redoes it only when asked', async () => {
    const { worker, ...where } = await firstVillage()
    const work = await getAs<WorkQueue>(worker, '/api/work')
    const task = work.items.find((i) => i.nextSteps.includes('rectify'))
    if (!task) throw new Error(`${worker} has no hazard to rectify in the demo`)
    const phone = await openPhone(worker, where)
    const { page, context } = phone
    await page.getByTestId('phone-task').and(page.locator(`[data-code="${task.code}"]`)).click()
    await page.getByTestId('phone-task-detail').waitFor()

    await context.setOffline(true)
    await page.getByTestId('phone-rectify-note').fill('已加装护栏并张贴警示')
    await page.getByTestId('phone-rectify-no-photo').fill('现场无法拍照')
    await page.getByTestId('phone-rectify-submit').click()
    await page.getByTestId('phone-step-queued').waitFor()
    // Meanwhile the leader comments on the hazard: its version moves on.
    const leader = await apiAs('leader')
    const comment = await leader.post(`/api/hazards/${task.id}/actions`, {
      data: { action: 'comment', version: task.version, note: '请注意夜间警示' }, headers: { 'Idempotency-Key': randomUUID() },
    })
    expect(comment.status()).toBe(200)
    await leader.dispose()

    await context.setOffline(false)
    const item = (await outboxItem(page, task.title)).and(page.locator('[data-kind="action"]'))
    await expect.poll(() => stateOf(item), { timeout: 60_000 }).toBe('attention')
    await expect(item.getByTestId('phone-outbox-state').textContent()).resolves.toBe('需处理')
    await expect(item.getByTestId('phone-conflict-mine').textContent()).resolves.toContain(String(task.version))
    await expect(item.getByTestId('phone-conflict-theirs').textContent()).resolves.toContain(String(task.version + 1))
    await screenshot(page, 'phone-outbox-conflict')
    const untouched = await getAs<{ hazard: { status: string; version: number } }>('leader', `/api/hazards/${task.id}`)
    expect(untouched.hazard).toMatchObject({ status: task.status, version: task.version + 1 })

    await item.getByTestId('phone-outbox-redo').click()
    await expect.poll(() => stateOf(item), { timeout: 60_000 }).toBe('sent')
    const rectified = await getAs<{ hazard: { status: string; version: number } }>('leader', `/api/hazards/${task.id}`)
    expect(rectified.hazard).toMatchObject({ status: 'rectified', version: task.version + 2 })
    // The browser logs the server's 409 as it does any refused request: that one is this test's conflict.
    expect(phone.problems().filter((p) => !p.includes(`status of 409 (Conflict) (${server.origin}/api/hazards/${task.id}/actions)`))).toEqual([])
    await phone.close()
  })
})
