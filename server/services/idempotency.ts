import { createHash } from 'node:crypto'
import { IDEMPOTENCY_KEY, UuidSchema } from '../domain/contract/hazards'
import type { Store } from '../store/types'
import type { Services } from './context'
import { ApiError } from './errors'

/**
 * Idempotent writes (issue 15): the phone's outbox sends each queued report or step with a key it
 * made (header Idempotency-Key), and may send it again after a lost answer, from a second tab, or
 * after the server restarted. Under one account, a key's first successful answer is kept with the
 * request's hash in the same transaction as the write it answers; the same request again gets that
 * answer, replayed; another request under the key gets 409 and changes nothing.
 *
 * Only successes are kept. A refused request (4xx) writes nothing, key included, so the same key may
 * be sent again with its content corrected: the outbox makes a new key per queued item, and a
 * corrected item is still that item.
 */

/** A keyed request: whose key, which key, and what it asked. */
export interface KeyedRequest {
  username: string
  key: string
  route: string
  requestHash: string
}

/** What a write answered: the answer, and what to do once it is committed (announce it). */
export interface Written<T> {
  body: T
  after(): void
}

/** An idempotent write's answer: `replayed` when it is the first answer to this key again. */
export interface Once<T> {
  body: T
  replayed: boolean
}

/** Keys are kept this long; a phone's outbox gives up on an item well before. */
const KEEP_MS = 30 * 86_400_000
const PRUNE_EVERY_MS = 86_400_000
const lastPruned = new WeakMap<Store, number>()

/** JSON with every object's keys sorted: the same body hashes alike whatever order its fields came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * The request under its key, or undefined when no key was sent. 400 naming Idempotency-Key when
 * the key is not a UUID. `route` names what was asked, a hazard's id included for a step.
 */
export function keyedRequest(username: string, header: string | undefined, route: string, body: unknown): KeyedRequest | undefined {
  if (header === undefined) return undefined
  if (!UuidSchema.safeParse(header).success)
    throw new ApiError(400, 'invalid_input', `${IDEMPOTENCY_KEY} must be a UUID.`, [{ field: IDEMPOTENCY_KEY, message: 'not a UUID' }])
  const requestHash = createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('hex')
  return { username, key: header.toLowerCase(), route, requestHash }
}

const conflict = () =>
  new ApiError(409, 'idempotency_conflict', `This ${IDEMPOTENCY_KEY} was already used for a different request; send a new request with a new key.`)

/** Another writer recorded the key first (an adapter without exclusive writes): read its answer. */
class KeyTaken extends Error {}

/**
 * Runs `write` once per key: its checks and writes, the view it answers and the key's row commit
 * together (its own transactions join this one), and `after` runs once committed. Without a key, the
 * write simply runs. `status` is the answer's, kept with it.
 */
export function once<T>(s: Services, keyed: KeyedRequest | undefined, status: number, write: () => Written<T>): Once<T> {
  if (!keyed) {
    const written = write()
    written.after()
    return { body: written.body, replayed: false }
  }
  prune(s)
  const keys = s.store.idempotency
  const replay = (answer: string, requestHash: string): Once<T> => {
    if (requestHash !== keyed.requestHash) throw conflict()
    return { body: JSON.parse(answer) as T, replayed: true }
  }
  let written: Written<T>
  try {
    const outcome = keys.exclusive((): { replayed: Once<T> } | { written: Written<T> } => {
      const prior = keys.get(keyed.username, keyed.key)
      if (prior) return { replayed: replay(prior.answer, prior.requestHash) }
      const fresh = write()
      const recorded = keys.put({ ...keyed, status, answer: JSON.stringify(fresh.body), createdAt: new Date().toISOString() })
      if (!recorded) throw new KeyTaken()
      return { written: fresh }
    })
    if ('replayed' in outcome) return outcome.replayed
    written = outcome.written
  } catch (err) {
    if (!(err instanceof KeyTaken)) throw err
    const prior = keys.get(keyed.username, keyed.key)
    if (!prior) throw err
    return replay(prior.answer, prior.requestHash)
  }
  written.after()
  return { body: written.body, replayed: false }
}

/** Forgets keys older than 30 days, at the first keyed request after start and then once a day. */
function prune(s: Services): void {
  const now = Date.now()
  if (now - (lastPruned.get(s.store) ?? 0) < PRUNE_EVERY_MS) return
  lastPruned.set(s.store, now)
  s.store.idempotency.prune(new Date(now - KEEP_MS).toISOString())
}

/** The header an idempotent route answers a replay with. */
export const replayHeaders = (answer: Once<unknown>): Record<string, string> => (answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
