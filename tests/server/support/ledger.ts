import type { ClientResponse } from 'hono/client'
import type { StatusCode } from 'hono/utils/http-status'
import type { Answer } from '../../../web/api/client'
import { expect } from 'vitest'
import type { AreaProperties } from '../../../server/domain/contract/reference'
import type { HazardFeature } from '../../../server/domain/contract/hazards'
import type { Client, TestApp } from './app'

/** The hazard API's answers, typed by the server's contract (server/domain/contract/hazards.ts). */
export type { HazardDetail, HazardFeature, HazardList, EventView as HazardEventView } from '../../../server/domain/contract/hazards'

/** A hazard's fields as the list, the detail and every change return them (the list leaves out `location`, its geometry). */
export type HazardProps = HazardFeature['properties']

/** What `read` needs of an answer: a plain Response, or one the typed client gives. */
export type Answered = Pick<Response, 'status' | 'text'>

/** The JSON of a response that must have the given status (200 unless told). */
export async function read<T>(res: Answered | Promise<Answered>, status = 200): Promise<T> {
  const r = await res
  const text = await r.text()
  expect(r.status, text.slice(0, 400)).toBe(status)
  return JSON.parse(text) as T
}

/** What a typed call answers when it succeeds, as the web reads it (web/api/client.ts). */
export type { Answer }

/** The typed JSON of a call over `client.api` that must succeed with the given status (200 unless told). */
export const ok = <R extends ClientResponse<unknown, StatusCode, string>>(sent: Promise<R>, status = 200): Promise<Answer<R>> =>
  read<Answer<R>>(sent, status)

/** A query written as in a URL (`status=reported&level=major`), as the typed client takes it. */
export const queryOf = (query: string): Record<string, string> => Object.fromEntries(new URLSearchParams(query))

/** Every hazard a query returns, following `nextCursor` page by page. */
export async function listAll(client: Client, query = '', limit = 1000): Promise<HazardFeature[]> {
  const out: HazardFeature[] = []
  let cursor: string | undefined
  do {
    const page = await ok(client.api.hazards.$get({ query: { ...queryOf(query), limit: String(limit), ...(cursor ? { cursor } : {}) } }))
    out.push(...page.features)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

export const summaryOf = (client: Client, query = '') => ok(client.api.stats.summary.$get({ query: queryOf(query) }))

export async function areasOf(client: Client, level: 'district' | 'village' | 'grid'): Promise<AreaProperties[]> {
  const fc = await ok(client.api.areas.$get({ query: { level } }))
  return fc.features.map((f) => f.properties)
}

/**
 * The demo account of a management district. The seed numbers them district-1 … district-n in the
 * order /api/areas lists districts; that guess is checked against /api/auth/me, then every n tried.
 */
export async function districtAccount(t: TestApp, districtId: string): Promise<string> {
  const holds = async (n: number) => (await ok((await t.as(`district-${n}`)).api.auth.me.$get())).user.areaId === districtId
  const districts = await areasOf(await t.as('leader'), 'district')
  const guess = districts.findIndex((d) => d.id === districtId) + 1
  if (guess > 0 && (await holds(guess))) return `district-${guess}`
  for (let n = 1; n <= districts.length; n++) if (n !== guess && (await holds(n))) return `district-${n}`
  throw new Error(`no account for district ${districtId}`)
}

export const gridAccount = (villageId: string) => `grid-${villageId}`
