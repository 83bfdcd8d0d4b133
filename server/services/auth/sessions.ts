import { createHash, randomBytes } from 'node:crypto'
import type { Env } from '../../env'
import type { StoredUser, Store } from '../../store/types'

export interface SessionLimits {
  idleMs: number
  maxMs: number
  wallMaxMs: number
}

export const limitsOf = (env: Env): SessionLimits => ({
  idleMs: env.SESSION_IDLE_MINUTES * 60_000,
  maxMs: env.SESSION_MAX_HOURS * 3_600_000,
  wallMaxMs: env.WALL_SESSION_DAYS * 86_400_000,
})

/** Only a hash of the token is stored, so a copy of the database opens no session. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')

export function openSession(store: Store, userId: number, now = Date.now()): string {
  const token = randomBytes(32).toString('base64url')
  store.sessions.create({ tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now })
  return token
}

/** The user behind a token, if its session is alive; touching it keeps it alive. */
export function resumeSession(store: Store, token: string, limits: SessionLimits, now = Date.now()): StoredUser | undefined {
  const hash = hashToken(token)
  const session = store.sessions.get(hash)
  if (!session) return undefined
  const user = store.users.byId(session.userId)
  // The wall runs all day unattended: no idle timeout, a longer absolute one.
  const wall = user?.role === 'wall'
  const expired = wall
    ? now - session.createdAt > limits.wallMaxMs
    : now - session.createdAt > limits.maxMs || now - session.lastSeenAt > limits.idleMs
  if (!user || expired) {
    store.sessions.delete(hash)
    return undefined
  }
  // Writing on every request would serialise reads behind the WAL; a minute's precision is enough.
  if (now - session.lastSeenAt > 60_000) store.sessions.touch(hash, now)
  return user
}

export function closeSession(store: Store, token: string): void {
  store.sessions.delete(hashToken(token))
}

/** Failed logins per username and address, to slow down and then refuse guessing (429). */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()
  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (list.length) this.failures.set(key, list)
    else this.failures.delete(key)
    return list
  }
  blocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.limit
  }
  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now])
  }
  succeed(key: string): void {
    this.failures.delete(key)
  }
}
