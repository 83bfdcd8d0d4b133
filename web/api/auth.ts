import type { SessionUser } from '../../server/domain/contract/auth'
import { api, call } from './client'

export type { SessionUser }

/**
 * `POST /api/auth/login` — opens a session (an HttpOnly cookie the page never sees).
 * Refuses with 401 for wrong credentials and 429 after repeated failures.
 */
export async function login(username: string, password: string): Promise<SessionUser> {
  return (await call(api.auth.login.$post({ json: { username, password } }), { unauthorizedIsAnswer: true })).user
}

/** `POST /api/auth/logout` — closes the session on the server (204). */
export async function logout(): Promise<void> {
  await call(api.auth.logout.$post(), { unauthorizedIsAnswer: true })
}

/** `GET /api/auth/me` — the logged-in user; a 401 (nobody is) comes back as a CallError. */
export async function fetchMe(): Promise<SessionUser> {
  return (await call(api.auth.me.$get(), { unauthorizedIsAnswer: true })).user
}
