/**
 * The API as another client would use it, from Node beside the browser: a demo account's
 * session, with the Origin header a browser sends (CSRF protection accepts only our own).
 */
import type { Feature, FeatureCollection, Point } from 'geojson'
import { DEMO_PASSWORD } from './harness'

export interface ApiSession {
  get<T>(path: string): Promise<T>
  post<T>(path: string, body: unknown): Promise<T>
}

export async function apiSession(origin: string, username: string): Promise<ApiSession> {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  if (!login.ok) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${origin}${path}`, { ...init, headers: { ...init.headers, cookie, origin, accept: 'application/json' } })
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  return {
    get: (path) => call(path),
    post: (path, body) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  }
}

export type HazardPoint = Feature<Point, { id: number; code: string; title: string; generalised: boolean; category: string }>

/** Every hazard of a query, following `nextCursor` page by page. */
export async function allHazards(api: ApiSession, query: Record<string, string> = {}): Promise<HazardPoint[]> {
  const out: HazardPoint[] = []
  let cursor: string | undefined
  do {
    const params = new URLSearchParams({ ...query, limit: '10000', ...(cursor && { cursor }) })
    const page = await api.get<FeatureCollection<Point, HazardPoint['properties']> & { nextCursor?: string }>(`/api/hazards?${params}`)
    out.push(...(page.features as HazardPoint[]))
    cursor = page.nextCursor
  } while (cursor)
  return out
}
