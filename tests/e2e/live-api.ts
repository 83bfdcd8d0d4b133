/**
 * The API as another client would use it, from Node beside the browser: a demo account's
 * session, with the Origin header a browser sends (CSRF protection accepts only our own), through
 * the same typed client as the web (hc<AppType>), so a field renamed in the contract fails here too.
 */
import { hc } from 'hono/client'
import type { AppType } from '../../server/app'
import type { HazardFeature } from '../../server/domain/contract/hazards'
import { ok } from '../server/support/ledger'
import { DEMO_PASSWORD } from './harness'

export { ok }

export type Api = ReturnType<typeof hc<AppType>>['api']

/** A signed-in account: `ok(session.api.stats.summary.$get({ query: {} }))`. */
export interface ApiSession {
  api: Api
}

export async function apiSession(origin: string, username: string): Promise<ApiSession> {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (!login.ok) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const api = hc<AppType>(origin, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), cookie, origin, accept: 'application/json' } }),
  }).api
  return { api }
}

/** Every hazard of a query, following `nextCursor` page by page. */
export async function allHazards(session: ApiSession, query: Record<string, string> = {}): Promise<HazardFeature[]> {
  const out: HazardFeature[] = []
  let cursor: string | undefined
  do {
    const page = await ok(session.api.hazards.$get({ query: { ...query, limit: '10000', ...(cursor && { cursor }) } }))
    out.push(...page.features)
    cursor = page.nextCursor
  } while (cursor)
  return out
}
