import { expect } from 'vitest'
import type { Client, TestApp } from './app'

/** A hazard's properties as the list and the detail return them (api.md). */
export interface HazardProps {
  id: number
  code: string
  title: string
  description: string
  category: string
  item: string
  status: string
  level: string | null
  source: string
  areaId: string
  villageId: string
  districtId: string
  siteId: string | null
  discoveredAt: string
  reportedBy: string
  measures: string | null
  responsibleUnit: string | null
  responsiblePerson: string | null
  deadline: string | null
  overdue: boolean
  escalated: boolean
  closedAt: string | null
  version: number
  generalised: boolean
}

export interface HazardFeature {
  type: 'Feature'
  id: number
  properties: HazardProps
  geometry: { type: 'Point'; coordinates: [number, number] }
}

export interface HazardList {
  type: 'FeatureCollection'
  features: HazardFeature[]
  nextCursor?: string
}

export interface HazardEventView {
  at: string
  actor: string
  action: string
  note: string | null
  from: string | null
  to: string
}

export interface HazardDetail {
  hazard: HazardProps & { location: [number, number] }
  events: HazardEventView[]
}

export interface Summary {
  total: number
  open: number
  overdue: number
  escalated: number
  closed: number
  closeRate: number
  byCategory: Record<string, number>
  byLevel: Record<string, number>
  byStatus: Record<string, number>
  bySource: Record<string, number>
}

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
