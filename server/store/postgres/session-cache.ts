import type { SessionRow, SessionStore, Store, StoredUser } from '../types'
import type { PgSync } from './bridge'

/** Sessions kept per instance: the least recently used go first (≈ 1 KB each). */
export const SESSION_CACHE_CAPACITY = 10_000

/**
 * An entry is answered only while its last-seen time is this recent; older, the session is read
 * again. resumeSession touches a session seen over a minute ago (one write anyway), and its idle
 * limit is minutes long: so the session expires on what the database says, never on a last-seen
 * time another instance has since moved on (the user was busy there).
 */
export const ANSWER_SEEN_WITHIN_MS = 60_000

interface Entry {
  session: SessionRow
  user: StoredUser
}

/**
 * The sessions one instance has resumed, by token hash, with their user (issue 16): on PostgreSQL
 * every signed-in request would otherwise wait for one round trip to the database to resume its
 * session, which a sub-millisecond summary or tile cannot hide. SQLite has none: its reads are in
 * process, and `npm run user` writes the same file with no feed to tell the server.
 *
 * A cached session must end where the database's does. This instance's own writes forget their
 * entries at once (sessionStore, userStore); every instance forgets the users of each `accounts`
 * entry of the change feed it follows (migration 6: a session deleted, a user changed or removed,
 * by anyone) and everything when it reloads or cannot read the feed (services/follow.ts). And the
 * cache is trusted only while that follower has read the feed to its head lately (`confirm`, for
 * 2 × FOLLOW_POLL_MS): once that has lapsed, the next lookup asks the follower to read it now
 * (`follow`), and while it still cannot — no follower (a CLI), a follower stopped, the database
 * away — every request reads the database as if there were no cache. So a session ended on another
 * instance is refused here once the feed has carried it: within the LISTEN latency, or one poll
 * without LISTEN, never later than 2 × FOLLOW_POLL_MS.
 *
 * Expiry is still decided on every request (resumeSession) from the entry's createdAt and
 * lastSeenAt; the once-a-minute touch writes the database and the entry alike.
 */
export class SessionCache {
  /** Map order is use order: a hit moves its entry to the end, the first is the least recently used. */
  private readonly entries = new Map<string, Entry>()
  private trustedUntil = 0
  /** the follower's catch-up, to confirm the feed on demand; and when that was last tried, how often it may be */
  private readFeed: (() => void) | undefined
  private readAt = -Infinity
  private readGapMs = 0

  constructor(private readonly capacity = SESSION_CACHE_CAPACITY) {}

  /** Whether entries may be answered now: the follower has confirmed the feed lately. */
  trusted(now = Date.now()): boolean {
    return now < this.trustedUntil
  }

  /** The follower has read every change committed before now; trust entries until `until` (ms). */
  confirm(until: number): void {
    this.trustedUntil = until
  }

  /**
   * How to confirm the feed when the trust has lapsed (the follower's catch-up, which confirms or
   * distrusts), tried at most once every `gapMs`; none once the follower stops. A busy event loop
   * may hold back the follower's poll (in-process callers, a long export): then the first request
   * after the lapse reads the feed — one round trip — and the others are answered from the cache again.
   */
  follow(readFeed: (() => void) | undefined, gapMs = 0): void {
    this.readFeed = readFeed
    this.readGapMs = gapMs
  }

  /** Trust nothing and keep nothing: the follower stopped, or could not read the feed. */
  distrust(): void {
    this.trustedUntil = 0
    this.entries.clear()
  }

  /** The session and its user, if cached, trusted and seen lately (a copy: callers may not change the entry). */
  get(tokenHash: string, now = Date.now()): Entry | undefined {
    if (!this.trusted(now) && this.readFeed && now - this.readAt >= this.readGapMs) {
      this.readAt = now
      this.readFeed()
    }
    const entry = this.entries.get(tokenHash)
    if (!entry || !this.trusted(now) || now - entry.session.lastSeenAt > ANSWER_SEEN_WITHIN_MS) return undefined
    this.entries.delete(tokenHash)
    this.entries.set(tokenHash, entry)
    return { session: { ...entry.session }, user: { ...entry.user } }
  }

  /** Keeps a session just read from the database (only while trusted: an untrusted entry would never be answered). */
  put(session: SessionRow, user: StoredUser, now = Date.now()): void {
    if (!this.trusted(now)) return
    this.entries.delete(session.tokenHash)
    this.entries.set(session.tokenHash, { session: { ...session }, user })
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }

  /** The session was touched (written) at `at`. */
  touched(tokenHash: string, at: number): void {
    const entry = this.entries.get(tokenHash)
    if (entry) entry.session.lastSeenAt = at
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash)
  }

  /** Forgets every session of these users; of every user when `ids` is empty (a table truncated). */
  forgetUsers(ids: readonly number[]): void {
    if (!ids.length) return this.entries.clear()
    const gone = new Set(ids)
    for (const [hash, e] of this.entries) if (gone.has(e.session.userId)) this.entries.delete(hash)
  }

  /** Forgets every session of the user with this name (the users' writes name them). */
  forgetUsername(username: string): void {
    for (const [hash, e] of this.entries) if (e.user.username === username) this.entries.delete(hash)
  }

  forgetAll(): void {
    this.entries.clear()
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size
  }
}

/** One cache per connection: the store's parts over it (sessions, users) share it. */
const caches = new WeakMap<PgSync, SessionCache>()

export function sessionCacheFor(db: PgSync): SessionCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new SessionCache()))
  return cache
}

/** The session store's capability beside the port: its cache, which the instance's follower keeps true. */
export interface CachingSessionStore extends SessionStore {
  readonly cache: SessionCache
}

/** The store's session cache, if it has one (PostgreSQL's). */
export function sessionCacheOf(store: Store): SessionCache | undefined {
  return (store.sessions as Partial<CachingSessionStore>).cache
}
