import type { SessionUser } from '../../server/domain/contract/auth'
import { api, call } from './client'

/**
 * `POST /api/auth/display-token` — the wall display signs in with its configured long-lived token
 * (WALL_TOKEN) as the wall account; a wrong token is a 401 answer, not an expired session.
 */
export async function signInWithDisplayToken(token: string): Promise<SessionUser> {
  return (await call(api.auth['display-token'].$post({ json: { token } }), { unauthorizedIsAnswer: true })).user
}
