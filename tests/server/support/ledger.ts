import { expect } from 'vitest'
import type { HazardFeature, HazardList } from '../../../server/domain/contract/hazards'
import type { Summary } from '../../../server/domain/stats'
import type { Client, TestApp } from './app'

/** The hazard API's answers, typed by the server's contract (server/domain/contract/hazards.ts). */
export type { HazardDetail, HazardFeature, HazardList, EventView as HazardEventView } from '../../../server/domain/contract/hazards'
export type { Summary } from '../../../server/domain/stats'

/** A hazard's fields as the list, the detail and every change return them (the list leaves out `location`, its geometry). */
export type HazardProps = HazardFeature['properties']

export interface AreaProps {
  id: string
  code: string
  name: string
  level: string
  parentId: string | null
  population: number | null
  households: number | null
  label: [number, number]
}

export interface AreaFeature {
  type: 'Feature'
  properties: AreaProps
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ field: string; message: string }> }
}

/** The JSON of a response that must have the given status (200 unless told). */
export async function read<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res
  const text = await r.text()
  expect(r.status, text.slice(0, 400)).toBe(status)
  return JSON.parse(text) as T
}

/** Every hazard a query returns, following `nextCursor` page by page. */
export async function listAll(client: Client, query = '', limit = 1000): Promise<HazardFeature[]> {
  const out: HazardFeature[] = []
  let cursor: string | undefined
  do {
    const sep = query ? '&' : ''
    const page = await read<HazardList>(client.get(`/api/hazards?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`))
    out.push(...page.features)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

export const summaryOf = (client: Client, query = '') => read<Summary>(client.get(`/api/stats/summary?${query}`))

export async function areasOf(client: Client, level: 'district' | 'village' | 'grid'): Promise<AreaProps[]> {
  const fc = await read<{ features: AreaFeature[] }>(client.get(`/api/areas?level=${level}`))
  return fc.features.map((f) => f.properties)
}

/**
 * The demo account of a management district. The seed numbers them district-1 … district-n in the
 * order /api/areas lists districts; that guess is checked against /api/auth/me, then every n tried.
 */
export async function districtAccount(t: TestApp, districtId: string): Promise<string> {
  const holds = async (n: number) =>
    (await read<{ user: { areaId: string | null } }>((await t.as(`district-${n}`)).get('/api/auth/me'))).user.areaId === districtId
  const districts = await areasOf(await t.as('leader'), 'district')
  const guess = districts.findIndex((d) => d.id === districtId) + 1
  if (guess > 0 && (await holds(guess))) return `district-${guess}`
  for (let n = 1; n <= districts.length; n++) if (n !== guess && (await holds(n))) return `district-${n}`
  throw new Error(`no account for district ${districtId}`)
}

export const gridAccount = (villageId: string) => `grid-${villageId}`
