/**
 * Where the phone app runs (issue 15, "Secure context"). GPS and the service worker need a secure
 * context: HTTPS with a certificate the phone trusts (README, 内部 CA), or localhost.
 *   - Over HTTPS, the phone trusting the town's certificate: the worker installs and the app opens offline.
 *   - Over plain HTTP from another machine's name: no worker and no GPS, but the app runs, the
 *     location falls back to a pin, and the in-page outbox (IndexedDB) keeps the draft.
 * The server's own TLS (TLS_CERT/TLS_KEY) is tested in tests/server/api/transport.test.ts; here a TLS
 * front (node:tls, loopback only) stands before the test's server, with a throwaway certificate that
 * Chromium is told to trust by its public key, as a phone that installed the town's CA would.
 */
import { execFileSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppServer, DEMO_PASSWORD, startServer } from './harness'

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
/** A name that is not localhost: Chromium resolves it to the loopback address (--host-resolver-rules). */
const TOWN_HOST = 'pingan.town.test'

let server: AppServer
let browser: Browser
let front: TlsServer
let dir: string
let httpsOrigin: string
let plainOrigin: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pingan-phone-tls-'))
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${TOWN_HOST}`,
    '-addext', `subjectAltName=DNS:${TOWN_HOST}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' })
  const cert = readFileSync(join(dir, 'cert.pem'))
  const spki = createHash('sha256').update(new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' })).digest('base64')
  server = await startServer()
  const backend = Number(new URL(server.origin).port)
  front = createTlsServer({ cert, key: readFileSync(join(dir, 'key.pem')) }, (socket) => {
    const upstream = connect(backend, '127.0.0.1')
    socket.pipe(upstream).pipe(socket)
    const end = () => (socket.destroy(), upstream.destroy())
    socket.on('error', end)
    upstream.on('error', end)
  })
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
  httpsOrigin = `https://${TOWN_HOST}:${(front.address() as AddressInfo).port}`
  plainOrigin = `http://${TOWN_HOST}:${backend}`
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-unsafe-swiftshader',
      `--host-resolver-rules=MAP ${TOWN_HOST} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spki}`],
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => front?.close(resolve))
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** The first village's grid worker, asked of the server (directly, on loopback) as the leader. */
async function firstWorker(): Promise<string> {
  const login = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: server.origin }, body: JSON.stringify({ username: 'leader', password: DEMO_PASSWORD }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const areas = (await (await fetch(`${server.origin}/api/areas?level=village`, { headers: { cookie } })).json()) as { features: { properties: { id: string } }[] }
  return `grid-${areas.features[0]!.properties.id}`
}

/**
 * A phone context at `origin`, logged in as the worker from a page of that origin (the name resolves
 * only inside Chromium, so not through Playwright's own request client), then opening the report form.
 */
async function phoneAt(origin: string) {
  // GPS granted and giving an 8 m fix: whether the page gets it is then the context's doing alone.
  const context = await browser.newContext({ ...PHONE, baseURL: origin, permissions: ['geolocation'], geolocation: { latitude: 36.79, longitude: 119.96, accuracy: 8 } })
  const offOrigin: string[] = []
  context.on('request', (r) => void (/^(https?|wss?):/.test(r.url()) && new URL(r.url()).origin !== origin && offOrigin.push(r.url())))
  const page = await context.newPage()
  await page.goto('/phone/')
  const username = await firstWorker()
  const status = await page.evaluate(async ([username, password]) => {
    const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
    return res.status
  }, [username, DEMO_PASSWORD] as const)
  expect(status).toBe(200)
  // The app asked who is there before the login: it asks again on a new load.
  await page.goto('/phone/#report')
  await page.reload()
  return { context, page, offOrigin }
}

describe('the phone app and the secure context', () => {
  it('over HTTPS with a trusted certificate: the GPS fix is taken, the worker installs, the app opens with no signal', async () => {
    const { context, page, offOrigin } = await phoneAt(httpsOrigin)
    try {
      expect(await page.evaluate(() => [window.isSecureContext, 'serviceWorker' in navigator])).toEqual([true, true])
      await expect.poll(() => page.getByTestId('phone-location').getAttribute('data-verdict'), { timeout: 60_000 }).toBe('accepted')
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000 })
      await context.setOffline(true)
      await page.reload()
      await page.getByTestId('phone-title').waitFor()
      expect(await page.getByTestId('phone-title').isEnabled()).toBe(true)
      expect(offOrigin).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('over plain HTTP from another machine: no worker and no GPS (a pin instead), but the form works and its draft is kept', async () => {
    const { context, page, offOrigin } = await phoneAt(plainOrigin)
    try {
      expect(await page.evaluate(() => [window.isSecureContext, 'serviceWorker' in navigator])).toEqual([false, false])
      await page.getByTestId('phone-title').fill('村口变压器围栏缺失')
      // The same granted 8 m fix is refused outside a secure context: the location asks for a pin.
      await expect.poll(() => page.getByTestId('phone-location').getAttribute('data-verdict'), { timeout: 60_000 }).toBe('pin')
      // The draft is kept in the page's own storage (IndexedDB) and comes back after a reload.
      await expect.poll(async () => {
        await page.reload()
        return page.getByTestId('phone-title').inputValue()
      }, { timeout: 60_000 }).toBe('村口变压器围栏缺失')
      expect(await page.evaluate(async () => (await navigator.serviceWorker?.getRegistrations())?.length ?? 0)).toBe(0)
      expect(offOrigin).toEqual([])
    } finally {
      await context.close()
    }
  })
})
