import type { CategoryId } from '../../server/domain/categories'
import type { User } from '../../server/domain/schemas'
import { getJson, postJson, request } from './client'

/** The user as the API shows it: a lead unit also learns the category it leads. */
export type SessionUser = User & { category: CategoryId | null }

interface UserAnswer {
  user: SessionUser
}

/**
 * `POST /api/auth/login` — opens a session (an HttpOnly cookie the page never sees).
 * Refuses with 401 for wrong credentials and 429 after repeated failures.
 */
export async function login(username: string, password: string): Promise<SessionUser> {
  const answer = await postJson<UserAnswer>('/api/auth/login', { username, password }, { unauthorizedIsAnswer: true })
  return answer.user
}

/** `POST /api/auth/logout` — closes the session on the server (204). */
export async function logout(): Promise<void> {
  await request('/api/auth/logout', { method: 'POST', unauthorizedIsAnswer: true })
}

/** `GET /api/auth/me` — the logged-in user; a 401 (nobody is) comes back as an ApiError. */
export async function fetchMe(): Promise<SessionUser> {
  const answer = await getJson<UserAnswer>('/api/auth/me', {}, { unauthorizedIsAnswer: true })
  return answer.user
}
