import { CallError } from '../../api/client'
import { backoffMs } from './backoff'
import type { OutboxHttp } from './http'
import type { ActionItem, OutboxItem, OutboxProblem, ReportItem } from './types'

/** How a send ended for the sender: go on with the next item, wait (no answer), or stop until a new login. */
export type Delivery = 'done' | 'wait' | 'loggedOut'

export interface DeliverDeps {
  http: OutboxHttp
  /** keeps the item's progress (the hazard's id, each photo's), so a crash or a failure resends only what is left */
  save(item: OutboxItem): Promise<void>
  now(): number
  random(): number
}

/**
 * Sends one item, which the caller has marked `sending`: a report's hazard first (unless a previous
 * try got its answer), then each photo not yet answered. The item is stored `sent` only once the
 * server has answered all of it. Failures decide its next state:
 * no answer / 5xx / 429 → `queued` after a backoff; 401 → `queued` and the sender pauses for a login;
 * a stale action → `attention` with both versions; any other refusal → `attention` with the server's words.
 */
export async function deliver(item: OutboxItem, deps: DeliverDeps): Promise<Delivery> {
  let current = item
  const progress = async (next: OutboxItem) => {
    current = next
    await deps.save(next)
  }
  try {
    if (current.kind === 'report') await sendReport(current, deps.http, progress)
    else await sendAction(current, deps.http, progress)
    await deps.save({ ...current, state: 'sent', attempts: 0, nextAttemptAt: 0, problem: undefined, updatedAt: iso(deps) })
    return 'done'
  } catch (error) {
    return failed(current, error, deps)
  }
}

type Progress = (item: OutboxItem) => Promise<void>

async function sendReport(item: ReportItem, http: OutboxHttp, progress: Progress): Promise<void> {
  let current = item
  if (current.hazardId === undefined) {
    const hazard = await http.report(current.clientId, current.body)
    current = { ...current, hazardId: hazard.id, code: hazard.code }
    await progress(current)
  }
  await sendPhotos(current, current.hazardId!, http, progress)
}

/**
 * An action is not marked as answered: if a photo fails after it, the next try sends the action
 * again with the same key, and the server answers it as the first time (no 409, no second step).
 */
async function sendAction(item: ActionItem, http: OutboxHttp, progress: Progress): Promise<void> {
  await http.act(item.hazardId, item.clientId, item.body)
  await sendPhotos(item, item.hazardId, http, progress)
}

/**
 * Each photo not yet answered, in order, each kept as answered before the next goes. An answered
 * photo's bytes leave the phone (the server has them): a day's reports with five photos each would
 * otherwise hold hundreds of megabytes on a cheap phone while their items stay listed as 已发送.
 */
async function sendPhotos(item: OutboxItem, hazardId: number, http: OutboxHttp, progress: Progress): Promise<void> {
  let photos = item.photos
  for (const [i, photo] of item.photos.entries()) {
    if (photo.uploadedId !== undefined) continue
    const stored = await http.photo(hazardId, photo)
    photos = photos.map((p, j) => (j === i ? { ...p, uploadedId: stored.id, blob: new Blob([], { type: p.blob.type }) } : p))
    await progress({ ...item, photos })
  }
}

async function failed(item: OutboxItem, error: unknown, deps: DeliverDeps): Promise<Delivery> {
  const refusal = error instanceof CallError ? error : new CallError(0, 'no_answer', error instanceof Error ? error.message : String(error))
  const updatedAt = iso(deps)
  if (transient(refusal)) {
    const attempts = item.attempts + 1
    await deps.save({ ...item, state: 'queued', attempts, nextAttemptAt: deps.now() + backoffMs(attempts, deps.random()), updatedAt })
    return 'wait'
  }
  if (refusal.notLoggedIn) {
    await deps.save({ ...item, state: 'queued', updatedAt })
    return 'loggedOut'
  }
  const problem: OutboxProblem = { status: refusal.status, code: refusal.code, message: wordsOf(refusal) }
  if (item.kind === 'action' && refusal.code === 'stale_version') {
    try {
      problem.conflict = { mine: item.seen, theirs: await deps.http.hazard(item.hazardId) }
    } catch (cause) {
      // Without the hazard as it now is the conflict cannot be shown: ask again later. A hazard gone from reach stays a plain refusal.
      if (!(cause instanceof CallError) || transient(cause) || cause.notLoggedIn) return failed(item, cause, deps)
    }
  }
  await deps.save({ ...item, state: 'attention', problem, updatedAt })
  return 'done'
}

/** No answer, the server failing, or asking to slow down: the same item may well go through later. */
function transient(refusal: CallError): boolean {
  return refusal.noAnswer || refusal.status >= 500 || refusal.tooManyAttempts
}

/** The server's message, with the fields a 400 names (`[{field, message}]`) that it does not say already, so the worker reads what was wrong. */
function wordsOf(refusal: CallError): string {
  if (!Array.isArray(refusal.details)) return refusal.message
  const fields = (refusal.details as Array<{ field?: unknown; message?: unknown }>)
    .filter((d) => typeof d?.field === 'string' && typeof d.message === 'string')
    .map((d) => `${String(d.field)}: ${String(d.message)}`)
    .filter((words) => !refusal.message.includes(words))
  return fields.length ? `${refusal.message} (${fields.join('; ')})` : refusal.message
}

function iso(deps: Pick<DeliverDeps, 'now'>): string {
  return new Date(deps.now()).toISOString()
}
