import { failureCountersOf } from '../../store/failure-counters'
import { timingSafeEqual } from 'node:crypto'
import { categoryOfLeadUnit } from '../../domain/categories'
import type { DisplayToken, Health, Login, SessionUser } from '../../domain/contract/auth'
import type { User } from '../../domain/schemas'
import { accountabilityLimits } from '../../env'
import { DEMO_PASSWORD } from '../../seed/accounts'
import type { Store } from '../../store/types'
import { audit } from '../audit'
import type { Services } from '../context'
import { ApiError } from '../errors'
import { openStreams } from '../streams'
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password'
import { LoginThrottle, closeSession, limitsOf, openSession } from './sessions'

/** the account name the display token's attempts are counted under */
const DISPLAY_TOKEN = '(display-token)'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The user as the API shows it: a lead unit also learns the category it leads. */
export function sessionUser(u: User): SessionUser {
  return {
    id: u.id, username: u.username, name: u.name, role: u.role, areaId: u.areaId, leadUnit: u.leadUnit,
    category: u.leadUnit ? categoryOfLeadUnit(u.leadUnit) : null,
  }
}

/** The README publishes the demo password (NFKC, so a full-width copy is the same password). */
export const isPublishedPassword = (password: string) => password.normalize('NFKC') === DEMO_PASSWORD

/** Where a sign-in comes from and what the server allows there; the route knows these, the service decides. */
export interface SignInContext {
  /** the client's address, as the throttle counts it */
  address: string
  /** whether this server takes the demo's published password (loopback, or DEMO=true) */
  demoAccepted: boolean
  /** the session cookie the request came with: replaced, so a cookie planted before login is worth nothing after it */
  oldToken?: string
}

/** A new session: who it is for, its token for the cookie, and how long the cookie lives. */
export interface SignedIn {
  user: SessionUser
  token: string
  maxMs: number
}

/** One throttle per running server (a test process opens several), counting where the store says (shared on PostgreSQL). */
const throttles = new WeakMap<Store, LoginThrottle>()
function throttleOf(store: Store): LoginThrottle {
  let throttle = throttles.get(store)
  if (!throttle) throttles.set(store, (throttle = new LoginThrottle({}, failureCountersOf(store))))
  return throttle
}

/** Refuses an address that must still wait, saying how long (Retry-After), so a display can come back then. */
function holdBack(throttle: LoginThrottle, address: string, account: string): void {
  const wait = throttle.wait(address, account)
  if (wait <= 0) return
  const seconds = Math.ceil(wait / 1000)
  throw new ApiError(429, 'too_many_attempts', `Too many failed attempts; try again in ${seconds} s.`, { retryAfter: seconds }, { 'Retry-After': String(seconds) })
}

/** Checks a password and opens a session; every attempt is audited, failures are throttled and slowed. */
export async function logIn(s: Services, { username, password }: Login, at: SignInContext): Promise<SignedIn> {
  const { store, env } = s
  // Per source address and per (account, address): the owner elsewhere is never locked out by a guesser.
  const throttle = throttleOf(store)
  holdBack(throttle, at.address, username)
  const user = store.users.byUsername(username)
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()))
  // The README publishes the demo password: a server others can reach takes it only when told DEMO=true.
  const refusedDemo = ok && isPublishedPassword(password) && !at.demoAccepted
  if (!user || !ok || refusedDemo) {
    throttle.fail(at.address, username)
    audit(s, { username }, 'login_failed', at.address, refusedDemo ? 'published demo password on a server others can reach' : null)
    await sleep(400)
    throw new ApiError(401, 'bad_credentials', 'Wrong username or password.')
  }
  throttle.succeed(at.address, username)
  // A hash made with older, cheaper parameters is replaced while the password is at hand.
  if (needsRehash(user.passwordHash)) store.users.setPassword(user.username, await hashPassword(password))
  audit(s, user, 'login', at.address)
  // A new token at every login: a cookie planted before login is worth nothing after it.
  if (at.oldToken) closeSession(store, at.oldToken)
  const limits = limitsOf(env)
  return { user: sessionUser(user), token: openSession(store, user.id), maxMs: user.role === 'wall' ? limits.wallMaxMs : limits.maxMs }
}

/** The wall display signs in with its configured token (WALL_TOKEN) as the wall account. */
export async function logInWithDisplayToken(s: Services, { token }: DisplayToken, at: SignInContext): Promise<SignedIn> {
  const { store, env } = s
  const expected = env.WALL_TOKEN
  const throttle = throttleOf(store)
  holdBack(throttle, at.address, DISPLAY_TOKEN)
  const given = Buffer.from(token)
  const ok = !!expected && given.length === Buffer.byteLength(expected) && timingSafeEqual(given, Buffer.from(expected))
  const user = ok ? store.users.byUsername(env.WALL_USER) : undefined
  if (!user || user.role !== 'wall') {
    throttle.fail(at.address, DISPLAY_TOKEN)
    audit(s, { username: DISPLAY_TOKEN }, 'login_failed', at.address)
    await sleep(400)
    throw new ApiError(401, 'bad_credentials', 'The display token is not valid.')
  }
  throttle.succeed(at.address, DISPLAY_TOKEN)
  audit(s, user, 'login', at.address, 'display token')
  return { user: sessionUser(user), token: openSession(store, user.id), maxMs: limitsOf(env).wallMaxMs }
}

/** Ends a session on the server, and its open event streams now rather than at their next heartbeat. */
export function logOut(s: Services, token: string | undefined): void {
  if (!token) return
  closeSession(s.store, token)
  openStreams(s).end(token)
}

/** `/api/health`: the server is up, the day it keeps, and whether the login page may offer the demo accounts. */
export function health(s: Services, demoAccepted: boolean): Health {
  return { ok: true, today: s.today(), demo: s.store.meta.get('demo') === 'true' && demoAccepted, limits: accountabilityLimits(s.env) }
}
