/**
 * The phone's session (issue 15): a worker the phone already knows gets the report form at once,
 * before a slow server has said who is logged in; logging out (a shared phone) forgets the account,
 * so a reload asks for a login instead of showing the last worker's tasks.
 */
import { type Route, request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, useAppServer } from './harness'

const PHONE = { width: 360, height: 740 }
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 12; M2006C3MG) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'
const app = useAppServer()

/** The grid worker of the demo town's first village. */
async function worker(): Promise<string> {
  const api = await request.newContext({ baseURL: app.origin, extraHTTPHeaders: { Origin: app.origin } })
  try {
    await api.post('/api/auth/login', { data: { username: 'leader', password: DEMO_PASSWORD } })
    const areas = (await (await api.get('/api/areas?level=village')).json()) as { features: Array<{ properties: { id: string } }> }
    return `grid-${areas.features[0]!.properties.id}`
  } finally {
    await api.dispose()
  }
}

async function openPhone() {
  const phone = await app.open('/phone/#report', { user: await worker(), viewport: PHONE, context: { isMobile: true, hasTouch: true, userAgent: ANDROID_UA } })
  await phone.page.locator('[data-testid="phone-app"][data-state="ready"][data-synced="true"]').waitFor()
  return phone
}

describe('the phone session', () => {
  it('shows a known worker the report form while the server has not yet said who is logged in', async () => {
    const phone = await openPhone()
    const { page } = phone
    let release: () => void = () => {}
    const held = new Promise<void>((done) => (release = done))
    await page.route('**/api/auth/me', async (route: Route) => {
      await held
      await route.continue()
    })
    await page.reload()
    await page.getByTestId('phone-title').fill('桥头护栏缺失')
    expect(await page.getByTestId('phone-app').getAttribute('data-state')).toBe('ready')
    release()
    await page.locator('[data-testid="phone-app"][data-synced="true"]').waitFor()
    await page.unroute('**/api/auth/me')
    expect(phone.problems()).toEqual([])
    await phone.close()
  })

  it('logs out for good: the account is forgotten, and a reload asks for a login', async () => {
    const phone = await openPhone()
    const { page } = phone
    await page.getByTestId('phone-tab-outbox').click()
    await expect.poll(() => page.getByTestId('phone-account').textContent()).toContain('当前账号')
    await page.getByTestId('phone-logout').click()
    await page.getByTestId('phone-login').waitFor()
    await page.reload()
    await page.getByTestId('phone-login').waitFor()
    expect(await page.getByTestId('phone-report').count()).toBe(0)
    expect(await page.getByTestId('phone-tasks').count()).toBe(0)
    // The browser logs the server's "nobody is logged in" (401 on /api/auth/me) itself: that answer is the point here.
    expect(phone.problems().filter((p) => !/status of 401 .*\/api\/auth\/me\)$/.test(p))).toEqual([])
    await phone.close()
  })
})
