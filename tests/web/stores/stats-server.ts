import { vi } from 'vitest'
import { makeSummary } from '../charts/factories'

export interface Call {
  path: string
  query: Record<string, string>
  answer(body: unknown, status?: number): void
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/**
 * A fetch stub for the stats store: every call waits until the test answers it (so answers can
 * come back out of order), except the health check, answered at once with the demo's today.
 */
export function statsServer(today = '2026-06-15') {
  const calls: Call[] = []
  const fetch = vi.fn((input: string) => {
    const url = new URL(input, 'http://pingan.invalid')
    if (url.pathname === '/api/health') return Promise.resolve(json(200, { ok: true, today, demo: true }))
    return new Promise<Response>((resolve) => {
      calls.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), answer: (body, status = 200) => resolve(json(status, body)) })
    })
  })
  const pending = (path: string) => calls.filter((c) => c.path === path)
  return { fetch, calls, pending, last: (path: string) => pending(path).at(-1)! }
}

export const summaryWithTotal = (total: number) => makeSummary({ total })
