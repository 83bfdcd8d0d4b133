import { shallowRef } from 'vue'
import { type SessionUser, fetchMe, login, logout } from '../api/auth'
import { CallError } from '../api/client'
import { cacheUser, cachedUser } from './outbox/useOutbox'
import type { PhoneKey } from './phone-i18n'
import { clearAccountCaches } from './sw-register'

/** 'checking' at start; 'login' when the server says nobody is; 'ready' with a user (maybe offline); 'stranded' offline with no user known. */
export type SessionState = 'checking' | 'login' | 'ready' | 'stranded'

/**
 * Who is using the phone. The server decides when it answers: 401 asks for a login. When there is
 * no answer (no signal), the last user this phone knew carries on, so the worker can queue work
 * offline after a first visit; the outbox sends it once the server answers again.
 */
export function usePhoneSession() {
  const state = shallowRef<SessionState>('checking')
  const user = shallowRef<SessionUser>()
  const offline = shallowRef(false)
  const loginError = shallowRef<PhoneKey>()
  const busy = shallowRef(false)

  /**
   * The last user this phone knew is shown at once (the form is usable before the server answers,
   * which on a slow network is seconds); the server's answer then confirms them, names another
   * account, or asks for a login (the outbox sends nothing meanwhile that the server would accept).
   */
  async function check(): Promise<void> {
    const known = await cachedUser().catch(() => undefined)
    if (known && !user.value) {
      user.value = known
      state.value = 'ready'
    }
    try {
      const me = await fetchMe()
      await accept(me)
    } catch (error) {
      if (error instanceof CallError && error.notLoggedIn) {
        state.value = 'login'
        return
      }
      offline.value = true
      if (known) {
        user.value = known
        state.value = 'ready'
      } else state.value = 'stranded'
    }
  }

  async function accept(me: SessionUser): Promise<void> {
    await cacheUser(me).catch(() => undefined)
    user.value = me
    offline.value = false
    state.value = 'ready'
  }

  /** Logs in; on success the session is ready (and an outbox paused by a 401 may resume). */
  async function logIn(username: string, password: string): Promise<boolean> {
    busy.value = true
    loginError.value = undefined
    try {
      await accept(await login(username.trim(), password))
      return true
    } catch (error) {
      const status = error instanceof CallError ? error.status : 0
      loginError.value = status === 401 ? 'login.wrong' : status === 429 ? 'login.tooMany' : 'login.offline'
      return false
    } finally {
      busy.value = false
    }
  }

  /**
   * Logs out (a phone may be shared): the server closes the session, and this phone forgets the
   * account and its kept task list and map data. The account's unsent items stay in its outbox
   * and go when it logs in again. Without an answer nothing changes (false).
   */
  async function logOut(): Promise<boolean> {
    try {
      await logout()
    } catch {
      return false
    }
    await cacheUser(undefined).catch(() => undefined)
    await clearAccountCaches().catch(() => undefined)
    user.value = undefined
    state.value = 'login'
    return true
  }

  return { state, user, offline, loginError, busy, check, logIn, logOut }
}
