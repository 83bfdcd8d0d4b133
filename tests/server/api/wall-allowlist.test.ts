import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody, FieldErrorBody } from '../../../server/domain/contract/common'
import type { Client, TestApp } from '../support/app'
import { read } from '../support/ledger'
import { openSeededApp } from '../support/seeded'

/**
 * The wall is a long-lived session on an unattended screen: it may reach what the wall page needs
 * and nothing else. Every route is taken from the OpenAPI document, so a route added later is
 * tried here too, and must be refused to the wall unless it is added to the list below on purpose.
 */
interface Document {
  paths: Record<string, Record<string, unknown>>
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch']

/** What the wall page asks for (see tests/e2e/wall-support.ts WALL_API_PATHS): each answers the wall 2xx. */
const WALL_MAY: Record<string, string> = {
  'get /api/auth/me': '',
  'get /api/areas': '?level=village',
  'get /api/basemap': '',
  'get /api/sites': '',
  'get /api/stats/summary': '',
  'get /api/stats/trend': '',
  'get /api/stats/areas': '?level=district',
  'get /api/stats/coverage': '',
  'get /api/tiles/hazards/{z}/{x}/{y}': '',
  'get /api/stream': '',
  'get /api/scorecards': '?level=district',
  'get /api/warnings/summary': '',
}
/**
 * Open to anyone, session or not: the wall signs in and out through them, and the health check
 * (README: public, so the login page can offer the demo accounts) is in the document since it has a contract.
 */
const PUBLIC = new Set(['post /api/auth/login', 'post /api/auth/display-token', 'post /api/auth/logout', 'get /api/health'])

/** Values for path parameters that name something that exists in the demo town. */
const PARAMS: Record<string, string> = { id: '1', month: '2026-10', z: '12', x: '3420', y: '1550' }

let t: TestApp
let wall: Client
let routes: Array<{ key: string; method: string; url: string }>

beforeAll(async () => {
  t = await openSeededApp()
  wall = await t.as('wall')
  const doc = await read<Document>(t.anonymous.get('/api/openapi.json'))
  routes = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((method) => {
        const key = `${method} ${path}`
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? '1') + (WALL_MAY[key] ?? '')
        return { key, method, url }
      }),
  )
})
afterAll(() => t.close())

/** The status the wall gets; a stream's body is not read, only its answer. */
async function statusFor(client: Client, method: string, url: string): Promise<number> {
  const controller = new AbortController()
  const res = method === 'get' ? await client.raw(url, { method: 'GET', signal: controller.signal }) : await client.post(url, {})
  controller.abort()
  await res.body?.cancel().catch(() => undefined)
  return res.status
}

describe('the wall reaches only what the wall page needs', () => {
  it('the document lists the routes the wall page uses, and many more', () => {
    const keys = routes.map((r) => r.key)
    for (const key of Object.keys(WALL_MAY)) expect(keys, key).toContain(key)
    expect(routes.length).toBeGreaterThan(Object.keys(WALL_MAY).length + 15)
  })

  it('every route in the OpenAPI document: 2xx for the allowed, 403 for all the rest', async () => {
    const wrong: string[] = []
    for (const { key, method, url } of routes) {
      if (PUBLIC.has(key)) continue
      const status = await statusFor(wall, method, url)
      const allowed = key in WALL_MAY
      if (allowed ? status < 200 || status > 299 : status !== 403) wrong.push(`${key} (${url}): ${status}, expected ${allowed ? '2xx' : 403}`)
    }
    expect(wrong).toEqual([])
  })

  it('a refusal names the wall, and the records it refuses are there for a desk role', async () => {
    const res = await wall.get('/api/hazards?category=individual_extreme')
    expect(res.status).toBe(403)
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/wall/i)
    const leader = await t.as('leader')
    for (const url of ['/api/hazards?category=individual_extreme', '/api/hazards/1', '/api/inspections', '/api/campaigns', '/api/work', '/api/posts', '/api/traceback?hazard=1', '/api/supervisions', '/api/warnings'])
      expect((await leader.get(url)).status, url).toBe(200)
  })

  it('a route the document does not list is refused too, before it could answer', async () => {
    expect((await wall.get('/api/meta')).status).toBe(403)
    expect((await wall.get('/api/no-such-route')).status).toBe(403)
    expect((await wall.raw('/api/hazards', { method: 'HEAD' })).status).toBe(403)
  })

  it('the wall refuses text search and campaign filters, which would pick out single hazards', async () => {
    for (const url of ['/api/stats/summary?q=JDZ', '/api/stats/areas?level=village&campaign=1', '/api/tiles/hazards/12/3420/1550?q=%E7%81%AB']) {
      const res = await wall.get(url)
      expect(res.status, url).toBe(403)
      const body = (await res.json()) as FieldErrorBody
      expect(body.error.details?.[0]?.field, url).toMatch(/^(q|campaign)$/)
    }
    // The same questions are fine for the leader.
    expect((await (await t.as('leader')).get('/api/stats/summary?q=JDZ')).status).toBe(200)
  })

  it('logging out stays possible, and ends the session', async () => {
    const own = await t.as('wall')
    expect((await own.post('/api/auth/logout')).status).toBe(204)
  })
})
