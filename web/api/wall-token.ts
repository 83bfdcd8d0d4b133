import type { SessionUser } from './auth'
import { postJson } from './client'

/**
 * `POST /api/auth/display-token` — the wall display signs in with its configured long-lived token
 * (WALL_TOKEN) as the wall account; a wrong token is a 401 answer, not an expired session.
 */
export async function signInWithDisplayToken(token: string): Promise<SessionUser> {
  const answer = await postJson<{ user: SessionUser }>('/api/auth/display-token', { token }, { unauthorizedIsAnswer: true })
  return answer.user
}
