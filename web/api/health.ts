import type { Health } from '../../server/domain/contract/auth'
import { defaultLimits } from '../../server/domain/accountability'
import { api, call } from './client'

export type { Health }

/**
 * `GET /api/health` — public. A server that does not say `demo` (an older one) is not a demo, and
 * one that names no accountability limits keeps the defaults.
 */
export async function fetchHealth(): Promise<Health> {
  const answer = await call(api.health.$get())
  return { ok: answer.ok, today: answer.today, demo: answer.demo === true, limits: (answer.limits as Health['limits'] | undefined) ?? defaultLimits }
}
