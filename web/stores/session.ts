import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { CallError } from '../api/client'
import { fetchMe, login as apiLogin, logout as apiLogout, type SessionUser } from '../api/auth'
import { type Actor, isAggregateOnly, mayReadPersons, mayReport, roles } from '../../server/domain/roles'

/** The domain's view of a user: the role and what bounds it. */
export function actorOf(user: SessionUser): Actor {
  return { role: user.role, areaId: user.areaId ?? undefined, leadUnit: user.leadUnit ?? undefined }
}

/**
 * Who is logged in. The session itself is an HttpOnly cookie the page cannot read, so the
 * server is asked once (`refresh`) and told of every change (`login`, `logout`).
 */
export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<SessionUser | null>(null)
  /** The server has been asked at least once, so `user === null` means "nobody", not "not known yet". */
  const loaded = shallowRef(false)
  let asking: Promise<SessionUser | null> | undefined

  /** Asks the server who is logged in. A server that does not answer leaves `loaded` false. */
  function refresh(): Promise<SessionUser | null> {
    asking ??= fetchMe()
      .catch((error: unknown) => {
        if (error instanceof CallError && error.notLoggedIn) return null
        throw error
      })
      .then((found) => {
        user.value = found
        loaded.value = true
        return found
      })
      .finally(() => (asking = undefined))
    return asking
  }

  /** The known user, asking the server only the first time. */
  function ensureLoaded(): Promise<SessionUser | null> {
    return loaded.value ? Promise.resolve(user.value) : refresh()
  }

  async function login(username: string, password: string): Promise<SessionUser> {
    const found = await apiLogin(username, password)
    user.value = found
    loaded.value = true
    return found
  }

  /** Ends the session on the server; the page forgets the user even if the server could not be told. */
  async function logout(): Promise<void> {
    // Forgotten first: once the reader chose to leave, nothing on the page may still ask in their
    // name (a figure refreshed by the stream the logout drops would otherwise meet a 401).
    forget()
    await apiLogout()
  }

  /** The server said the session is gone (expired, or closed elsewhere). */
  function forget(): void {
    user.value = null
    loaded.value = true
  }

  const actor = computed(() => (user.value ? actorOf(user.value) : undefined))
  const role = computed(() => (user.value ? roles[user.value.role] : undefined))
  /** The wall shows counts and generalised positions only. */
  const aggregateOnly = computed(() => (actor.value ? isAggregateOnly(actor.value) : false))
  const canReport = computed(() => (actor.value ? mayReport(actor.value) : false))
  const canReadPersons = computed(() => (actor.value ? mayReadPersons(actor.value) : false))

  return { user, loaded, actor, role, aggregateOnly, canReport, canReadPersons, refresh, ensureLoaded, login, logout, forget }
})
