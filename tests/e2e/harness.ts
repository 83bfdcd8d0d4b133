/**
 * Browser-test harness: the real server on a free port with a throwaway database, and Debian's
 * Chromium driven by playwright-core, watching every request, console error and page error.
 *
 *   const server = await startServer()                 // server/index.ts via tsx; PORT, DB_PATH, AS_OF
 *   const browser = await launchChromium()
 *   const app = await openApp(browser, server.origin, '/', { user: 'leader' })   // 1920×1080 by default
 *   await waitForMap(app)                             // window.__pinganMap, see web/map/test-handle.ts
 *   expect(app.problems()).toEqual([])                // off-origin requests, console and page errors
 *   await screenshot(app.page, 'desk-map')            // test-output/screenshots/desk-map.png
 *   await server.restart()                            // same port and database, e.g. to test reconnection
 *   await app.close(); await browser.close(); await server.stop()
 *
 * PINGAN_E2E_SERVER=<file> runs another server entry (same env contract) instead of server/index.ts.
 *
 * Test files run side by side (vite.config.ts, project e2e): each has its own server process, port,
 * temporary directory and database, and its own Chromium with a fresh profile; dist/ is only read.
 * A server starts on a copy of a seeded town kept in /tmp (tests/server/support/templates.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core'
import type {} from '../../web/map/test-handle' // declares window.__pinganMap
import { afterAll, beforeAll } from 'vitest'
import { TEMPLATES, keepTemplate, templateKey } from '../server/support/templates'
import { freePort } from '../server/support/free-port'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const FULL_HD = { width: 1920, height: 1080 } as const
/** The demo ledger's "today", so dates on screen are the same in every run. */
export const DEFAULT_AS_OF = '2026-06-15'

// ---------------------------------------------------------------------------------------------
// The server

export interface AppServer {
  origin: string
  dbPath: string
  /** Everything the server printed so far, for failure messages. */
  output(): string
  /**
   * Stops the process and starts it again on the same port and database; resolves once healthy.
   * `whileDown` runs after the old process has exited and before the new one starts.
   */
  restart(whileDown?: () => Promise<unknown>): Promise<void>
  stop(): Promise<void>
  /** the server process's id (it changes on restart), e.g. to read its memory from /proc */
  pid(): number
}

export interface ServerOptions {
  asOf?: string
  env?: Record<string, string>
  /** How long seeding a fresh database plus start-up may take. */
  timeoutMs?: number
}

/** What decides the town a server seeds on an empty database (server/start.ts → seedDemo). */
const SEEDING = ['SEED', 'SCOPE', 'HAZARDS', 'DEMO'] as const

/**
 * The template for a server started with `env`, or undefined when the server is not ours to key
 * (another entry) or seeds nothing. Seeding takes seconds per test file; a copy, milliseconds.
 */
function templateFor(env: Record<string, string | undefined>): string | undefined {
  if (process.env['PINGAN_E2E_SERVER'] || env['DEMO'] === 'false' || env['DEMO'] === '0') return undefined
  const settings = [`AS_OF=${env['AS_OF']}`, ...SEEDING.map((name) => `${name}=${env[name] ?? ''}`)].join(';')
  return join(TEMPLATES, `e2e-${templateKey(settings)}.db`)
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once('exit', () => done()))
}

/**
 * Starts `server/index.ts` as `npx tsx` would, but in one node process (`node --import tsx`) so
 * that stopping it leaves nothing behind; waits for GET /api/health.
 */
export async function startServer(options: ServerOptions = {}): Promise<AppServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'pingan-e2e-'))
  const dbPath = join(dir, 'pingan.db')
  const entry = process.env['PINGAN_E2E_SERVER'] ?? 'server/index.ts'
  const origin = `http://127.0.0.1:${port}`
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DB_PATH: dbPath, VAR_DIR: dir, AS_OF: options.asOf ?? DEFAULT_AS_OF, ...options.env }
  const template = templateFor(env)
  const fromTemplate = template !== undefined && existsSync(template) && copied(template, dbPath)
  let log = ''
  /** Where this process's output starts in `log`: what an earlier process printed does not count. */
  let since = 0
  const spawnServer = () => {
    since = log.length
    const started = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    started.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    return started
  }
  let child = spawnServer()

  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited(child)
      clearTimeout(killer)
    }
  }
  const stop = async () => {
    await halt()
    rmSync(dir, { recursive: true, force: true })
  }
  /**
   * server/index.ts says "listening on" once it holds the port. Waiting for it as well as for the
   * health answer means the answer came from this process, not from another test file's server
   * that took the port between freePort() and this one's start (then this one exits, and fails).
   */
  const listening = () => process.env['PINGAN_E2E_SERVER'] !== undefined || log.includes('listening on', since)
  const healthy = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null) return false
      if (listening() && (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false))) return true
      await new Promise((r) => setTimeout(r, 250))
    }
    return false
  }
  const restart = async (whileDown?: () => Promise<unknown>) => {
    await halt()
    await whileDown?.()
    child = spawnServer()
    if (!(await healthy(options.timeoutMs ?? 120_000))) throw new Error(`server did not come back at ${origin}/api/health (exit ${child.exitCode}):\n${log}`)
  }

  if (await healthy(options.timeoutMs ?? 120_000)) {
    // Seeded and not yet asked anything: the town as every later start of this setting needs it.
    if (template !== undefined && !fromTemplate) await keepTemplate(dbPath, template)
    return { origin, dbPath, output: () => log, restart, stop, pid: () => child.pid! }
  }
  await stop()
  throw new Error(`server did not become healthy at ${origin}/api/health (exit ${child.exitCode}):\n${log}`)
}

/** Copies a template into place; false when another run has just pruned it (the server then seeds). */
function copied(template: string, dbPath: string): boolean {
  try {
    copyFileSync(template, dbPath)
    return true
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

/**
 * Offline hardening as architecture.md prescribes. Without a GPU, WebGL runs on SwiftShader;
 * Chromium still falls back to it by itself in headless mode, but is retiring that fallback,
 * so it is asked for explicitly (safe here: the page is our own).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
]

/**
 * Launches headless Debian Chromium. Playwright gives each launch a fresh temporary profile
 * (--user-data-dir), and every openApp() a new incognito-like context with its own cookies.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
}

export interface AppPage {
  page: Page
  context: BrowserContext
  /** Every URL the page, its workers and its frames asked for, in order. */
  requests: string[]
  /** Requests to any other origin; they are aborted as well as recorded. */
  offOrigin: string[]
  consoleErrors: string[]
  pageErrors: string[]
  /** All of the above that should make a test fail, one line each; empty when clean. */
  problems(): string[]
  close(): Promise<void>
}

/** Every demo account's password (api.md, "Sessions"). */
export const DEMO_PASSWORD = 'pingan2026'

export interface OpenOptions {
  viewport?: { width: number; height: number }
  /** Log in as this demo account (leader, analyst, wall, grid-<code> …) before the page opens. */
  user?: string
  /** The UI language kept in localStorage (the 中/EN switch); default: the app's own (zh-CN). */
  locale?: 'zh-CN' | 'en'
  /** Runs on the new context before the page opens (routes that make some requests fail, say). */
  prepare?: (context: BrowserContext) => Promise<unknown>
  /** More of the context's options, e.g. a phone's (isMobile, hasTouch, userAgent, geolocation, permissions). */
  context?: BrowserContextOptions
}

/** Logs the context in; the session cookie then goes with every page of that context. */
export async function logIn(context: BrowserContext, origin: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await context.request.post(`${origin}/api/auth/login`, {
    data: { username, password },
    // As a browser would send it: CSRF protection accepts only our own origin.
    headers: { Origin: origin },
  })
  if (!res.ok()) throw new Error(`login as ${username} failed: ${res.status()} ${await res.text()}`)
}

const isNetwork = (url: string) => url.startsWith('http:') || url.startsWith('https:') || url.startsWith('ws')

/** Opens `path` of the app in a fresh context that records and polices its traffic. */
export async function openApp(browser: Browser, origin: string, path = '/', options: OpenOptions = {}): Promise<AppPage> {
  const context = await browser.newContext({
    ...options.context,
    viewport: options.viewport ?? FULL_HD,
    baseURL: origin,
    ...(options.locale && {
      storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'pingan.locale', value: options.locale }] }] },
    }),
  })
  const requests: string[] = []
  const offOrigin: string[] = []
  const consoleErrors: string[] = []
  const pageErrors: string[] = []

  context.on('request', (request) => {
    const url = request.url()
    requests.push(url)
    if (isNetwork(url) && new URL(url).origin !== origin && !offOrigin.includes(url)) offOrigin.push(url)
  })
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      const url = route.request().url()
      if (!offOrigin.includes(url)) offOrigin.push(url)
      return route.abort('blockedbyclient')
    },
  )
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`)
  })
  context.on('weberror', (error) => pageErrors.push(error.error().stack ?? String(error.error())))

  if (options.user) await logIn(context, origin, options.user)
  await options.prepare?.(context)
  const page = await context.newPage()
  await page.goto(path)
  return {
    page,
    context,
    requests,
    offOrigin,
    consoleErrors,
    pageErrors,
    problems: () => [
      ...offOrigin.map((url) => `off-origin request: ${url}`),
      ...consoleErrors.map((text) => `console error: ${text}`),
      ...pageErrors.map((text) => `page error: ${text}`),
    ],
    close: () => context.close(),
  }
}

/**
 * A server and a browser for the tests of one describe block: started before them, stopped after.
 * `open` opens a page of that server in a fresh context, as openApp does.
 */
export function useAppServer(options: ServerOptions = {}) {
  let server: AppServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(options), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  return {
    get origin(): string {
      return server!.origin
    },
    open: (path: string, openOptions: OpenOptions = {}) => openApp(browser!, server!.origin, path, openOptions),
  }
}

// ---------------------------------------------------------------------------------------------
// The map

/**
 * Waits until the app has published its map (data and label font loaded, style set) and the map
 * has drawn a frame with nothing left to load. Fails early with the app's own message when the
 * map reports an error instead (e.g. not logged in), and with the page's problems on a timeout.
 */
export async function waitForMap(app: AppPage, timeoutMs = 60_000): Promise<void> {
  const { page } = app
  const fail = (what: string) => new Error([what, ...app.problems()].join('\n'))
  await page
    .waitForFunction(() => window.__pinganMap !== undefined || document.querySelector('[data-map-state="error"]') !== null, undefined, {
      timeout: timeoutMs,
    })
    .catch(() => {
      throw fail(`the map was not published within ${timeoutMs} ms`)
    })
  const failure = await page.evaluate(() => document.querySelector('[data-map-state="error"]')?.textContent?.trim())
  if (failure !== undefined) throw fail(`the map reported: ${failure}`)
  const idle = await page.evaluate(
    (ms) => Promise.race([window.__pinganMap?.whenIdle().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ms))]),
    timeoutMs,
  )
  if (!idle) throw fail(`the map did not settle within ${timeoutMs} ms`)
}

/** How many features each layer draws in the current view. */
export function renderedCounts(page: Page, layerIds: string[]): Promise<Record<string, number>> {
  return page.evaluate((ids) => window.__pinganMap?.renderedCounts(ids) ?? {}, layerIds)
}

/** The text of every label the given symbol layers placed in the current view. */
export function renderedLabels(page: Page, layerIds: string[]): Promise<string[]> {
  return page.evaluate((ids) => window.__pinganMap?.renderedLabels(ids) ?? [], layerIds)
}

// ---------------------------------------------------------------------------------------------
// Evidence

export const screenshotDir = join(repoRoot, 'test-output', 'screenshots')

/** Saves a PNG of the viewport under test-output/screenshots/ and prints its absolute path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const file = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path: file })
  console.log(`screenshot: ${file}`)
  return file
}
