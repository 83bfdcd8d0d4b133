import { getJson } from './client'

export interface Health {
  ok: boolean
  /** The day the server keeps (YYYY-MM-DD). */
  today: string
  /** The server holds the demo database, whose accounts share a published password. */
  demo: boolean
}

interface HealthAnswer {
  ok: boolean
  today: string
  demo?: unknown
}

/** `GET /api/health` — public. A server that does not say `demo` is not a demo. */
export async function fetchHealth(): Promise<Health> {
  const answer = await getJson<HealthAnswer>('/api/health')
  return { ok: answer.ok, today: answer.today, demo: answer.demo === true }
}
