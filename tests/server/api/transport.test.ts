import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { type Env, readEnv } from '../../../server/env'
import { withStaticWeb } from '../../../server/static'
import { PASSWORD, type TestApp } from '../support/app'
import { cookieOf, jsonPost, send, serveReal } from '../support/http'
import { openSeededApp } from '../support/seeded'

let t: TestApp
beforeAll(async () => {
  t = await openSeededApp()
})
afterAll(() => t.close())

describe('a refused oversize body on a kept-alive connection', () => {
  let server: Awaited<ReturnType<typeof serveReal>>
  let cookie: string
  beforeAll(async () => {
    server = await serveReal(t)
    cookie = cookieOf(await jsonPost(server.port, '/api/auth/login', { username: 'leader', password: PASSWORD }))
  })
  afterAll(() => server.close())

  const cases: Array<[what: string, path: string, type: string, bytes: number, status: number, session: boolean]> = [
    ['a JSON body over 256 KiB', '/api/hazards', 'application/json', 400 * 1024, 413, true],
    ['a photo over PHOTO_MAX_MB', '/api/hazards/1/photos', 'multipart/form-data; boundary=x', 11 * 1024 * 1024, 413, true],
    ['a 2 MB upload without a session', '/api/hazards/1/photos', 'multipart/form-data; boundary=x', 2 * 1024 * 1024, 401, false],
  ]
  for (const [what, path, type, bytes, status, session] of cases)
    it(`answers ${status} to ${what}, and the client's next request gets its answer`, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      try {
        const big = Buffer.alloc(bytes, 'a')
        const refused = await send(server.port, path, { method: 'POST', agent, headers: { ...(session ? { cookie } : {}), 'content-type': type }, body: big })
        expect(refused.status).toBe(status)
        expect(JSON.parse(refused.body).error.code).toMatch(/^[a-z_]+$/)
        const next = await send(server.port, '/api/auth/me', { agent, headers: { cookie } })
        expect(next.status).toBe(200)
        expect(JSON.parse(next.body).user.username).toBe('leader')
      } finally {
        agent.destroy()
      }
    })

  it('keeps an idle connection longer than a balancer keeps its own to the server (60 s), so neither reuses one being closed', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const first = await send(server.port, '/api/auth/me', { agent, headers: { cookie } })
      // Longer than Node's default of 5 s, at which a reused connection could meet the server closing it.
      await new Promise((r) => setTimeout(r, 6_000))
      const second = await send(server.port, '/api/auth/me', { agent, headers: { cookie } })
      expect([first.status, second.status]).toEqual([200, 200])
      expect(second.socketPort).toBe(first.socketPort)
    } finally {
      agent.destroy()
    }
  })

  it('keeps the connection for the next request after an answer that read its whole body', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const first = await send(server.port, '/api/auth/me', { agent, headers: { cookie } })
      const second = await send(server.port, '/api/auth/me', { agent, headers: { cookie } })
      expect([first.status, second.status]).toEqual([200, 200])
      expect(second.socketPort).toBe(first.socketPort)
    } finally {
      agent.destroy()
    }
  })
})

describe('headers on every answer', () => {
  it('marks every API answer, error or not, as not to be stored', async () => {
    const leader = await t.as('leader')
    for (const res of [await leader.get('/api/hazards?limit=1'), await leader.get('/api/stats/summary'), await t.anonymous.get('/api/hazards'), await leader.get('/api/no-such-route')])
      expect(res.headers.get('cache-control'), res.url).toBe('no-store')
  })

  it('sends no referrer off the page', async () => {
    expect((await t.anonymous.get('/api/health')).headers.get('referrer-policy')).toMatch(/^(no-referrer|same-origin)$/)
  })
})

describe('the pages', () => {
  let dist: string
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'pingan-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>平安一张图</title><script type="module" src="/assets/app.js"></script>')
    writeFileSync(join(dist, 'assets', 'app.js'), 'export {}')
  })
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  const page = (env: Partial<Env>, path = '/wall') => {
    const merged = { ...t.services.env, ...env, WEB_DIST: dist }
    return withStaticWeb(createApp({ ...t.services, env: merged }), merged).request(path)
  }
  const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))

  it('carry a Content-Security-Policy that allows only our own origin, MapLibre\'s blob: worker, and no eval or framing', async () => {
    const res = await page({})
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')
    const d = directives(csp)
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.get('worker-src')).toContain('blob:')
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'self'"])
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(d.get('script-src') ?? d.get('default-src')).not.toContain("'unsafe-inline'")
    // <style> elements are refused too; only style="" attributes (ECharts' tooltips) are let through.
    expect(d.get('style-src') ?? d.get('default-src')).not.toContain("'unsafe-inline'")
    expect(res.headers.get('referrer-policy')).toMatch(/^(no-referrer|same-origin)$/)
  })

  it('let the configured basemap server\'s origin serve images, and no other', async () => {
    const d = directives((await page({ BASEMAP_URL: 'http://tiles.intranet:8081/base/{z}/{x}/{y}.png' })).headers.get('content-security-policy'))
    expect(d.get('img-src')).toContain('http://tiles.intranet:8081')
    expect(d.get('connect-src')).toContain('http://tiles.intranet:8081')
    const plain = directives((await page({})).headers.get('content-security-policy'))
    expect(plain.get('img-src')?.join(' ')).not.toMatch(/tiles\.intranet/)
  })

  it('keep the long cache on hashed assets and no-store on the API', async () => {
    expect((await page({}, '/assets/app.js')).headers.get('cache-control')).toMatch(/immutable/)
    expect((await page({}, '/api/health')).headers.get('cache-control')).toBe('no-store')
  })
})

describe('PUBLIC_ORIGIN behind a TLS proxy', () => {
  const ORIGIN = 'https://pingan.example.gov.cn'
  const app = () => createApp({ ...t.services, env: { ...t.services.env, PUBLIC_ORIGIN: ORIGIN } })
  const call = (path: string, init: RequestInit & { host?: string } = {}) => {
    const { host = 'pingan.example.gov.cn', ...rest } = init
    return app().request(`http://${host}${path}`, rest)
  }
  const login = (headers: Record<string, string> = {}, host?: string) =>
    call('/api/auth/login', { method: 'POST', host, body: JSON.stringify({ username: 'analyst', password: PASSWORD }), headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers } })

  it('must be an origin: a scheme and a host, no path', () => {
    expect(readEnv({ PUBLIC_ORIGIN: ORIGIN }).PUBLIC_ORIGIN).toBe(ORIGIN)
    expect(() => readEnv({ PUBLIC_ORIGIN: 'pingan.example.gov.cn' })).toThrow(/PUBLIC_ORIGIN/)
    expect(() => readEnv({ PUBLIC_ORIGIN: `${ORIGIN}/app` })).toThrow(/PUBLIC_ORIGIN/)
  })

  it('refuses a request naming another Host with 421, pages and API alike, and serves its own', async () => {
    for (const path of ['/api/health', '/api/auth/me', '/'])
      expect((await call(path, { host: 'evil.example' })).status, path).toBe(421)
    expect((await login({}, 'evil.example')).status).toBe(421)
    expect((await call('/api/health')).status).toBe(200)
  })

  it('refuses a changing request from another origin, or from our host over plain http', async () => {
    expect((await login({ origin: 'https://evil.example' })).status).toBe(403)
    expect((await login({ origin: 'http://pingan.example.gov.cn' })).status).toBe(403)
    expect((await login({ origin: ORIGIN })).status).toBe(200)
  })

  it('sets a Secure, __Host- session cookie that the API then recognises, and ignores the plain name', async () => {
    const res = await login()
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/^__Host-pingan_session=/)
    expect(header).toMatch(/;\s*Secure/i)
    expect(header).toMatch(/;\s*Path=\/(;|$)/)
    expect(header).not.toMatch(/Domain=/i)
    const value = header.split(';')[0]!.split('=').slice(1).join('=')
    expect((await call('/api/auth/me', { headers: { cookie: `__Host-pingan_session=${value}` } })).status).toBe(200)
    expect((await call('/api/auth/me', { headers: { cookie: `pingan_session=${value}` } })).status).toBe(401)
    const out = await call('/api/auth/logout', { method: 'POST', headers: { cookie: `__Host-pingan_session=${value}`, origin: ORIGIN } })
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-pingan_session=;/)
  })

  it('leaves the cookie as it was without PUBLIC_ORIGIN (plain http on localhost)', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'analyst', password: PASSWORD })
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/^pingan_session=/)
    expect(header).not.toMatch(/Secure/i)
  })
})

describe('HTTPS served directly (TLS_CERT, TLS_KEY)', () => {
  let dir: string
  let cert: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pingan-tls-'))
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' })
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('must name both files, and files that exist', () => {
    expect(() => readEnv({ TLS_CERT: join(dir, 'cert.pem') })).toThrow(/TLS_KEY/)
    expect(() => readEnv({ TLS_CERT: join(dir, 'nope.pem'), TLS_KEY: join(dir, 'key.pem') })).toThrow(/TLS_CERT/)
  })

  it('answers over https with the given certificate and sets a Secure __Host- cookie', async () => {
    const server = await serveReal(t, { TLS_CERT: join(dir, 'cert.pem'), TLS_KEY: join(dir, 'key.pem') })
    try {
      const health = await send(server.port, '/api/health', { ca: cert })
      expect(health.status).toBe(200)
      expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/)
      const res = await jsonPost(server.port, '/api/auth/login', { username: 'analyst', password: PASSWORD }, { ca: cert })
      expect(res.status).toBe(200)
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-pingan_session=.*;\s*Secure/i)
      const me = await send(server.port, '/api/auth/me', { ca: cert, headers: { cookie: cookieOf(res) } })
      expect(me.status).toBe(200)
      // Plain http to the same port gets no answer from the app.
      await expect(send(server.port, '/api/health')).rejects.toThrow()
    } finally {
      await server.close()
    }
  })
})

describe('the published demo password', () => {
  const app = (env: Partial<Env>) => createApp({ ...t.services, env: { ...t.services.env, ...env } })
  const login = (env: Partial<Env>, password = PASSWORD) =>
    app(env).request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'police', password }), headers: { 'content-type': 'application/json' } })

  it('is refused by a server bound to a network address unless DEMO=true was set explicitly', async () => {
    const exposed = { HOST: '0.0.0.0', DEMO: undefined }
    expect((await login(exposed)).status).toBe(401)
    expect((await login({ HOST: '192.168.1.20', DEMO: undefined })).status).toBe(401)
    expect((await login({ ...exposed, DEMO: true })).status).toBe(200)
    const health = await (await app(exposed).request('/api/health')).json()
    expect(health.demo).toBe(false)
  })

  it('is accepted on loopback, where npm start brings the demo up', async () => {
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) expect((await login({ HOST, DEMO: undefined })).status, HOST).toBe(200)
    expect(readEnv({}).HOST).toBe('127.0.0.1')
  })

  it('is told apart from the explicit setting: DEMO unset is not DEMO=true', () => {
    expect(readEnv({}).DEMO).toBeUndefined()
    expect(readEnv({ DEMO: 'true' }).DEMO).toBe(true)
    expect(readEnv({ DEMO: 'false' }).DEMO).toBe(false)
  })
})
