import { vi } from 'vitest'
import type { SessionUser } from '../../../web/api/auth'

/** A user as GET /api/auth/me returns it; the leadership group unless told otherwise. */
export function makeUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return { id: 2, username: 'leader', name: '领导小组', role: 'leader', areaId: null, leadUnit: null, category: null, ...overrides }
}

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A fetch stub answering by `METHOD path` (query left off); unknown calls fail the test loudly. */
export function fakeServer(routes: Record<string, () => Response | Promise<Response>>) {
  return vi.fn(async (input: string, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${input.split('?')[0]}`
    const answer = routes[key]
    if (!answer) throw new Error(`unexpected request ${key}`)
    return answer()
  })
}

export const unauthorized = () => jsonResponse(401, { error: { code: 'unauthorized', message: 'Not logged in.' } })
