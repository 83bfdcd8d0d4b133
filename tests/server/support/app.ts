import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hc } from 'hono/client'
import { type AppType, createApp } from '../../../server/app'
import { readEnv } from '../../../server/env'
import type { Services } from '../../../server/services/context'
import { startServices } from '../../../server/start'
import { createDatabase, dropDatabase, onPostgres } from '../../postgres/databases'

export const AS_OF = '2026-11-28'
export const PASSWORD = 'pingan2026'

export interface TestApp {
  services: Services
  app: ReturnType<typeof createApp>
  /** a cookie-carrying client for one user */
  as(username: string): Promise<Client>
  anonymous: Client
  close(): void
}

/** The server's routes, typed by the server (`AppType`): a field renamed in the contract fails the tests' type check. */
export type Api = ReturnType<typeof hc<AppType>>['api']

export interface Client {
  /** typed calls: `ok(client.api.stats.summary.$get({ query }))` */
  api: Api
  get(path: string): Promise<Response>
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  raw(path: string, init: RequestInit): Promise<Response>
}

/**
 * A real server stack over a real SQLite file seeded with the demo town, one per test file; in the
 * vitest project `postgres`, over a database of its own in the test cluster instead (DATABASE_URL
 * in `extra` names one already made, e.g. from a template).
 */
export async function openTestApp(extra: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-test-'))
  const database = onPostgres() && !extra['DATABASE_URL'] ? await createDatabase() : undefined
  const store = onPostgres() ? { STORE: 'postgres', ...(database && { DATABASE_URL: database.url }) } : {}
  const env = readEnv({ DB_PATH: join(dir, 'test.db'), VAR_DIR: dir, AS_OF, SEED: '2026', ...store, ...extra })
  const services = await startServices(env)
  const app = createApp(services)
  const client = (cookie?: string): Client => {
    const raw = async (path: string, init: RequestInit) =>
      await app.request(path, { ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) } })
    // hc hands its headers over as a `Headers` (a JSON body's Content-Type among them), which spreading would drop.
    const api = hc<AppType>('http://local', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        app.request(input instanceof Request ? input : String(input), { ...init, headers: withCookie(init?.headers, cookie) }),
    }).api
    return {
      api,
      raw,
      get: (path) => raw(path, { method: 'GET' }),
      post: (path, body, headers = {}) =>
        raw(path, { method: 'POST', body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
    }
  }
  const cookies = new Map<string, string>()
  return {
    services,
    app,
    anonymous: client(),
    async as(username) {
      let cookie = cookies.get(username)
      if (!cookie) {
        const res = await client().post('/api/auth/login', { username, password: PASSWORD })
        if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`)
        cookie = res.headers.get('set-cookie')!.split(';')[0]!
        cookies.set(username, cookie)
      }
      return client(cookie)
    },
    close() {
      services.store.close()
      rmSync(dir, { recursive: true, force: true })
      if (database) void dropDatabase(database.name)
    },
  }
}

function withCookie(headers: HeadersInit | undefined, cookie: string | undefined): Headers {
  const all = new Headers(headers)
  if (cookie) all.set('cookie', cookie)
  return all
}
