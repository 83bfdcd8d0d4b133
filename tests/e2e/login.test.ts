import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppPage,
  type AppServer,
  DEMO_PASSWORD,
  FULL_HD,
  launchChromium,
  openApp,
  screenshot,
  startServer,
  waitForMap,
} from './harness'

const SMALL_LAPTOP = { width: 1280, height: 800 } as const
/** Failed logins are throttled per account: wrong passwords go to accounts no other test uses. */
let throwaway = 0
const throwawayUser = () => `nobody-${process.pid}-${++throwaway}`

async function fillLogin(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(password)
}

/** Logs in through the form, pressing Enter as a keyboard user would. */
async function logInWithForm(page: Page, username: string, password = DEMO_PASSWORD) {
  await fillLogin(page, username, password)
  await page.getByLabel('密码', { exact: true }).press('Enter')
}

const pathOf = (page: Page) => {
  const url = new URL(page.url())
  return `${url.pathname}${url.search}`
}

describe('logging in', () => {
  let server: AppServer
  let browser: Browser
  const opened: AppPage[] = []
  let provoked: string[] = []

  /**
   * Chromium logs every 4xx a page receives as a console error, the app's own handling
   * notwithstanding. A test names the refusals it provokes on purpose; any other line fails it.
   */
  function provokes(status: 401 | 429, path: string) {
    const reason = status === 401 ? 'Unauthorized' : 'Too Many Requests'
    provoked.push(`console error: Failed to load resource: the server responded with a status of ${status} (${reason}) (${server.origin}${path})`)
  }

  /** Set by a test that ends the session under an open page: any of its requests may then meet the 401 first. */
  let unauthorizedExpected = false
  const isOwnUnauthorized = (line: string) => line.startsWith(`console error: Failed to load resource: the server responded with a status of 401 (Unauthorized) (${server.origin}/api/`)

  /** A fresh context without a session, at `path`. */
  async function visit(path: string) {
    const app = await openApp(browser, server.origin, path)
    opened.push(app)
    return app
  }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })

  afterEach(async () => {
    // Every page of a test must have stayed on our own server and logged no errors.
    const problems = opened.flatMap((app) => app.problems()).filter((line) => !provoked.includes(line) && !(unauthorizedExpected && isOwnUnauthorized(line)))
    provoked = []
    unauthorizedExpected = false
    await Promise.all(opened.splice(0).map((app) => app.close()))
    expect(problems).toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('sends a visitor without a session from / to the login page, focused on the username', async () => {
    provokes(401, '/api/auth/me')
    const { page } = await visit('/')
    await page.waitForURL('**/login')
    await expect(page.locator('h1').textContent()).resolves.toBe('平安一张图')
    await expect(page.getByText('排查安全隐患 防范四类风险').isVisible()).resolves.toBe(true)
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('username')
    // The shell's header (user, logout) belongs to those logged in.
    await expect(page.getByTestId('logout').count()).resolves.toBe(0)
  })

  it('reaches the password and the button with Tab', async () => {
    const { page } = await visit('/login')
    await page.getByLabel('用户名').waitFor()
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent?.trim())
    await page.keyboard.press('Tab')
    await expect(focused()).resolves.toBe('password')
    await page.keyboard.press('Tab')
    await expect(focused()).resolves.toBe('登录')
  })

  it('shows the demo accounts on the demo server, and a click fills the username', async () => {
    const { page } = await visit('/login')
    const hint = page.getByTestId('demo-accounts')
    await hint.waitFor()
    await expect(hint.textContent()).resolves.toContain(DEMO_PASSWORD)
    for (const username of ['leader', 'analyst', 'police', 'masswork', 'governance', 'safety', 'district-1', 'wall']) {
      await expect(hint.locator(`[data-username="${username}"]`).count()).resolves.toBe(1)
    }
    await hint.locator('[data-username="analyst"]').click()
    await expect(page.getByLabel('用户名').inputValue()).resolves.toBe('analyst')
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('password')
  })

  it('says the username or password is wrong, and stays on the page', async () => {
    provokes(401, '/api/auth/login')
    const { page } = await visit('/login')
    await logInWithForm(page, throwawayUser(), 'not-the-password')
    await expect(page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor()).resolves.toBeUndefined()
    expect(pathOf(page)).toBe('/login')
    await expect(page.getByRole('button', { name: '登录' }).isEnabled()).resolves.toBe(true)
    await screenshot(page, 'login-wrong-password')
  })

  it('asks the reader to wait after too many failures', async () => {
    provokes(401, '/api/auth/login')
    provokes(429, '/api/auth/login')
    const { page } = await visit('/login')
    const username = throwawayUser()
    const error = page.getByTestId('login-error')
    // The server allows five failures per account in 15 minutes; the sixth attempt is refused outright.
    for (let attempt = 1; attempt <= 6; attempt++) {
      await Promise.all([page.waitForResponse('**/api/auth/login'), logInWithForm(page, username, `wrong-${attempt}`)])
      await page.getByRole('button', { name: '登录' }).and(page.locator(':enabled')).waitFor()
    }
    await expect(error.textContent()).resolves.toContain('尝试次数过多，请15分钟后再试')
  })

  it('disables the button while the login is under way', async () => {
    provokes(401, '/api/auth/login')
    const { page } = await visit('/login')
    await page.route('**/api/auth/login', async (route) => {
      await new Promise((r) => setTimeout(r, 500))
      await route.continue()
    })
    await fillLogin(page, throwawayUser(), 'not-the-password')
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.getByRole('button', { name: '正在登录…' }).isDisabled()).resolves.toBe(true)
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor()
  })

  it('logs the leadership group in to the desk, whose map becomes ready, with the user in the header', async () => {
    provokes(401, '/api/auth/me')
    const app = await visit('/')
    await app.page.waitForURL('**/login')
    await logInWithForm(app.page, 'leader')
    await app.page.waitForURL((url) => url.pathname === '/')
    await waitForMap(app)
    await expect(app.page.getByTestId('session-user').textContent()).resolves.toBe('领导小组')
    // The account is named after its role, so the role is not said twice.
    await expect(app.page.getByTestId('session-role').count()).resolves.toBe(0)
  })

  it('keeps a deep link through the login', async () => {
    provokes(401, '/api/auth/me')
    const { page } = await visit('/?x=1')
    await page.waitForURL((url) => url.pathname === '/login')
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?x=1')
    await logInWithForm(page, 'leader')
    await page.waitForURL((url) => url.pathname === '/')
    expect(pathOf(page)).toBe('/?x=1')
  })

  it('starts the wall account on the wall, with its name and role in the header', async () => {
    const { page } = await visit('/login')
    await logInWithForm(page, 'wall')
    await page.waitForURL((url) => url.pathname === '/wall')
    await expect(page.getByTestId('session-user').textContent()).resolves.toBe('指挥中心大屏')
    await expect(page.getByTestId('session-role').textContent()).resolves.toBe('指挥大屏')
  })

  it('names a lead unit and its role in the reader’s language', async () => {
    const app = await openApp(browser, server.origin, '/', { user: 'police', locale: 'en' })
    opened.push(app)
    await expect(app.page.getByTestId('session-user').textContent()).resolves.toBe('派出所')
    await expect(app.page.getByTestId('session-role').textContent()).resolves.toBe('Lead unit')
    await expect(app.page.getByTestId('logout').textContent()).resolves.toBe('Log out')
  })

  it('ignores a next that leads off the site', async () => {
    const { page } = await visit('/login?next=//evil.example')
    await logInWithForm(page, 'leader')
    await page.waitForURL((url) => url.pathname === '/')
    expect(page.url()).toBe(`${server.origin}/`)
  })

  it('logs out from the header with the keyboard, and / then asks for a login again', async () => {
    provokes(401, '/api/auth/me')
    const app = await openApp(browser, server.origin, '/', { user: 'analyst' })
    opened.push(app)
    const { page } = app
    const logout = page.getByTestId('logout')
    await logout.focus()
    // A request the desk still has in flight (its warnings, figures) when the session ends meets a
    // 401, which the browser logs; the page goes to the login all the same (asserted below).
    unauthorizedExpected = true
    await page.keyboard.press('Enter')
    await page.waitForURL('**/login')
    await page.goto('/')
    await page.waitForURL('**/login')
    const me = await page.request.get(`${server.origin}/api/auth/me`)
    expect(me.status()).toBe(401)
  })

  it('sends the reader back to log in when the session ends under them', async () => {
    // Whichever of the page's requests comes first after the end (the stream reconnecting, the
    // workbench's queue, the desk's data and figures) meets a 401; which ones do is a race.
    unauthorizedExpected = true
    const app = await openApp(browser, server.origin, '/work', { user: 'analyst' })
    opened.push(app)
    const { page } = app
    await page.getByTestId('logout').waitFor()
    // The session ends behind the page's back, as an expiry would.
    await page.request.post(`${server.origin}/api/auth/logout`, { headers: { Origin: server.origin } })
    // The workbench may find out by itself (its queue is asked again when the stream reconnects);
    // if not yet, off to the desk as a link would go (no full load): its first request meets the 401.
    const onLogin = (url: URL) => url.pathname === '/login'
    if (!onLogin(new URL(page.url())))
      await page.evaluate(() => {
        history.pushState(null, '', '/')
        dispatchEvent(new PopStateEvent('popstate'))
      })
    await page.waitForURL(onLogin)
    await expect(page.getByTestId('logout').count()).resolves.toBe(0)
    // After logging in again the reader is back where the session ended.
    const next = new URL(page.url()).searchParams.get('next') ?? '/'
    expect(['/', '/work']).toContain(next)
    await logInWithForm(page, 'analyst')
    await page.waitForURL((url) => url.pathname === next)
    if (next === '/') await waitForMap(app)
    else await page.getByTestId('logout').waitFor()
  })
})

describe('the login page as it looks', () => {
  let server: AppServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it.each([
    ['1920x1080', FULL_HD],
    ['1280x800', SMALL_LAPTOP],
  ])('at %s: whole card in view, every Chinese text in the bundled font, no problems', async (name, viewport) => {
    const app = await openApp(browser, server.origin, '/login', { viewport })
    try {
      const { page } = app
      await page.getByTestId('demo-accounts').waitFor()
      await page.evaluate(() => document.fonts.ready)
      const card = await page.locator('article').boundingBox()
      expect(card).not.toBeNull()
      expect(card!.y).toBeGreaterThanOrEqual(0)
      expect(card!.y + card!.height).toBeLessThanOrEqual(viewport.height)
      const offenders = await page.evaluate(() => {
        const found: string[] = []
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const family = node.parentElement ? getComputedStyle(node.parentElement).fontFamily : ''
          if (/\p{Script=Han}/u.test(node.textContent ?? '') && !family.includes('Noto Sans SC')) found.push(`${node.textContent} (${family})`)
        }
        return found
      })
      expect(offenders).toEqual([])
      await screenshot(page, `login-${name}`)
      expect(app.problems()).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('switches to English with the language switch, error message included', async () => {
    const app = await openApp(browser, server.origin, '/login')
    try {
      const { page } = app
      await page.getByRole('button', { name: '登录' }).click()
      await page.getByTestId('login-error').filter({ hasText: '请输入用户名和密码' }).waitFor()
      await page.getByRole('button', { name: 'EN' }).click()
      await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true)
      await expect(page.getByTestId('login-error').textContent()).resolves.toBe('Enter your username and password.')
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en')
      await page.getByTestId('demo-accounts').waitFor()
      await screenshot(page, 'login-en-1920x1080')
      expect(app.problems()).toEqual([])
    } finally {
      await app.close()
    }
  })
})
