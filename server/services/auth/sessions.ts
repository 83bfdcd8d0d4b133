import { createHash, randomBytes } from 'node:crypto'
import type { CountersFactory, FailureCounters, Failures } from '../../store/failure-counters'
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

/**
 * The user behind a token, if its session is alive; touching it keeps it alive. `touch: false`
 * asks without counting as activity: an open stream re-checking its session must not keep an
 * idle desk logged in for ever.
 */
export function resumeSession(store: Store, token: string, limits: SessionLimits, now = Date.now(), { touch = true } = {}): StoredUser | undefined {
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
  if (touch && now - session.lastSeenAt > 60_000) store.sessions.touch(hash, now)
  return user
}

export function closeSession(store: Store, token: string): void {
  store.sessions.delete(hashToken(token))
}

/** How many failures are free, and how long a hold lasts after them: base × 2^(failures − free), at most max. */
interface HoldRule {
  free: number
  baseMs: number
  maxMs: number
}

export interface ThrottleOptions {
  /** one account from one address: a typo'd password five times is still just a person */
  pair: HoldRule
  /** one address over every account: password spraying, or a whole office behind one NAT */
  address: HoldRule
  /** a counter is forgotten this long after its last failure */
  forgetMs: number
  /** at most this many counters of each kind are kept, the least recently failed dropped first */
  capacity: number
}

const DEFAULTS: ThrottleOptions = {
  pair: { free: 5, baseMs: 60_000, maxMs: 15 * 60_000 },
  address: { free: 20, baseMs: 60_000, maxMs: 15 * 60_000 },
  forgetMs: 60 * 60_000,
  capacity: 10_000,
}

/** A Map kept in least-recently-failed order and cut to its capacity, so a flood of keys costs bounded memory. */
class Counters implements FailureCounters {
  private readonly map = new Map<string, Failures>()
  constructor(
    private readonly capacity: number,
    private readonly forgetMs: number,
  ) {}

  get(key: string, now: number): Failures | undefined {
    const f = this.map.get(key)
    if (f && now - f.last > this.forgetMs) {
      this.map.delete(key)
      return undefined
    }
    return f
  }
  fail(key: string, now: number): void {
    const count = (this.get(key, now)?.count ?? 0) + 1
    this.map.delete(key)
    this.map.set(key, { count, last: now })
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!)
  }
  delete(key: string): void {
    this.map.delete(key)
  }
  get size(): number {
    return this.map.size
  }
}

/**
 * Failed logins, counted per source address and per (account, address), each held back
 * progressively: after its free failures it must wait, and each further failure doubles the
 * wait. An account is never locked for other addresses, so a guesser cannot lock its owner out.
 * Memory is bounded: at most `capacity` counters of each kind (10,000 by default, about 2 MB). On a
 * shared database the counters are the store's (`failureCountersOf`), so every instance counts alike.
 */
export class LoginThrottle {
  private readonly options: ThrottleOptions
  private readonly pairs: FailureCounters
  private readonly addresses: FailureCounters

  constructor(options: Partial<ThrottleOptions> = {}, counters: CountersFactory = (_kind, capacity, forgetMs) => new Counters(capacity, forgetMs)) {
    this.options = { ...DEFAULTS, ...options }
    this.pairs = counters('pair', this.options.capacity, this.options.forgetMs)
    this.addresses = counters('address', this.options.capacity, this.options.forgetMs)
  }

  private static pairKey(address: string, account: string): string {
    return `${account.toLowerCase()}\u0000${address}`
  }

  private hold(f: Failures | undefined, rule: HoldRule, now: number): number {
    if (!f || f.count < rule.free) return 0
    const hold = Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(f.count - rule.free, 30))
    return Math.max(0, f.last + hold - now)
  }

  /** How many ms this address must wait before it may try this account again; 0 when it may now. */
  wait(address: string, account: string, now = Date.now()): number {
    const { pair, address: perAddress } = this.options
    return Math.max(
      this.hold(this.pairs.get(LoginThrottle.pairKey(address, account), now), pair, now),
      this.hold(this.addresses.get(address, now), perAddress, now),
    )
  }
  fail(address: string, account: string, now = Date.now()): void {
    this.pairs.fail(LoginThrottle.pairKey(address, account), now)
    this.addresses.fail(address, now)
  }
  /** The owner got in: the pair starts afresh. The address's count stays, or one good account would reset a sprayer. */
  succeed(address: string, account: string): void {
    this.pairs.delete(LoginThrottle.pairKey(address, account))
  }
  /** Counters held, of both kinds. */
  get size(): number {
    return this.pairs.size + this.addresses.size
  }
}
