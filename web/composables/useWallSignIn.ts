import type { LocationQuery, RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { signInWithDisplayToken } from '../api/wall-token'
import { LOGIN_PATH, safeNext } from '../navigation'
import { useSessionStore } from '../stores/session'

export const WALL_PATH = '/wall'
/** Kept for this tab only, so the wall can sign in again by itself if its session ends. */
const TOKEN_KEY = 'pingan.wallToken'

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The URL's query without the token: it must not stay in the address bar or the history. */
export function withoutToken(query: LocationQuery): LocationQuery {
  const { token: _token, ...rest } = query
  return rest
}

/** Whether a navigation to the login page would come back to the wall. */
export function returnsToWall(to: Pick<RouteLocationNormalized, 'path' | 'query'>): string | undefined {
  if (to.path !== LOGIN_PATH) return undefined
  const next = safeNext(to.query['next'])
  return next && new URL(next, 'http://wall.invalid').pathname === WALL_PATH ? next : undefined
}

/**
 * A guard that runs before the session guard. `/wall?token=…` signs in with the display token
 * (POST /api/auth/display-token) and drops the token from the URL; later, when the session has
 * gone and the app would send the wall to the login page, the kept token signs it in again.
 * A token the server refuses is forgotten, and the usual login page takes over.
 */
export function wallTokenGuard(storage: Storage | undefined = globalThis.sessionStorage) {
  return async (to: RouteLocationNormalized): Promise<true | RouteLocationRaw> => {
    const given = to.path === WALL_PATH && typeof to.query['token'] === 'string' ? to.query['token'] : undefined
    const back = returnsToWall(to)
    const token = given ?? (back ? storage?.getItem(TOKEN_KEY) : undefined)
    if (!token) return true
    try {
      await signInWithDisplayToken(token)
      storage?.setItem(TOKEN_KEY, token)
      await useSessionStore().refresh()
    } catch {
      storage?.removeItem(TOKEN_KEY)
      return given ? { path: WALL_PATH, query: withoutToken(to.query), replace: true } : true
    }
    return given ? { path: WALL_PATH, query: withoutToken(to.query), replace: true } : back!
  }
}
