import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { SessionUser } from '../../../server/domain/contract/auth'
import type { HazardAction, HazardReport, HazardView } from '../../../server/domain/contract/hazards'
import type { WorkQueue } from '../../../server/domain/contract/work'
import { OUTBOX_DB, OutboxRepo, type StoredDraft } from './db'
import { OutboxHttp } from './http'
import { type NewPhoto, actionItem, redoneOnTheirs, reportItem, retried, unsent, unsentHazards } from './items'
import { persistentStorage } from './persist'
import { type Locks, OutboxSender } from './sender'
import type { OutboxItem } from './types'

/** Sent items stay listed (已发送) this long, then leave the phone with their photos. */
export const SENT_KEPT_MS = 7 * 24 * 3600_000
const CHANNEL = 'pingan-outbox'

/** What a test (or another page) may put in place of the browser's own. */
export interface OutboxOptions {
  dbName?: string
  fetch?: typeof fetch
  locks?: Locks | null
  storage?: StorageManager
  now?: () => number
  random?: () => number
}

/**
 * The phone's outbox for the screens: the account's items (reactive), the header's count, queueing,
 * the worker's choices on an item, the report form's draft and the offline cache. `start(username)`
 * after login (or from the cached user when offline); the sender then runs on load, on `online`, on
 * its backoff timer and on `sendNow()`.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const items = shallowRef<OutboxItem[]>([])
  const username = shallowRef<string>()
  /** a 401 stopped the sender: the screens ask for a login, then call `resume()` */
  const needsLogin = shallowRef(false)
  /** whether the browser keeps this storage through pressure (undefined: it cannot say) */
  const persisted = shallowRef<boolean>()
  /** when the sender will try again by itself (epoch ms) */
  const nextTryAt = shallowRef<number>()
  const unsentCount = computed(() => items.value.filter(unsent).length)
  const unsentReports = computed(() => unsentHazards(items.value))
  let repo: OutboxRepo | undefined
  let sender: OutboxSender | undefined
  let channel: BroadcastChannel | undefined
  let now: () => number = Date.now
  let started = deferred()
  /** the draft as `start` found it, read beside the items and handed to the form's first ask */
  let firstDraft: Promise<StoredDraft | undefined> | undefined

  async function start(user: string, options: OutboxOptions = {}): Promise<void> {
    stop()
    now = options.now ?? Date.now
    const name = options.dbName ?? OUTBOX_DB
    repo = takeKept(name) ?? (await OutboxRepo.open(name))
    username.value = user
    needsLogin.value = false
    // Asked at once, beside the items: the report form's first question (see draft()).
    firstDraft = repo.draft(user)
    firstDraft.catch(() => undefined)
    items.value = await pruneSent(repo, user)
    nextTryAt.value = undefined
    // Not awaited: a browser may take its time deciding, and the form should not wait for it.
    void persistentStorage(repo, options.storage).then((granted) => (persisted.value = granted), () => undefined)
    const locks = options.locks === null ? undefined : (options.locks ?? globalThis.navigator?.locks)
    sender = new OutboxSender({
      repo, http: new OutboxHttp(options.fetch), username: user, locks, now, random: options.random,
      changed: () => void changed(), loggedOut: () => (needsLogin.value = true),
    })
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined
    channel?.addEventListener('message', () => void refresh())
    globalThis.addEventListener?.('online', onOnline)
    started.resolve()
    // Not awaited: the screens are usable while the first pass waits on a weak signal.
    void sender.run(true)
  }

  /** Resolves when the sender has nothing left to do for now (its pass ended; a backoff timer may be set). */
  async function idle(): Promise<void> {
    await sender?.settled()
    await refresh()
  }

  /** Another account, logout, or the page going away: no more sending for this one. */
  function stop(): void {
    if (repo) started = deferred()
    firstDraft = undefined
    sender?.stop()
    sender = undefined
    channel?.close()
    channel = undefined
    globalThis.removeEventListener?.('online', onOnline)
    repo?.close()
    repo = undefined
  }

  function onOnline(): void {
    void sender?.run(true)
  }

  /** Drops the account's items sent over SENT_KEPT_MS ago; returns the account's items left, in order. */
  async function pruneSent(r: OutboxRepo, user: string): Promise<OutboxItem[]> {
    const left: OutboxItem[] = []
    for (const item of await r.items()) {
      if (item.username !== user) continue
      if (item.state === 'sent' && Date.parse(item.updatedAt) < now() - SENT_KEPT_MS) await r.remove(item.clientId)
      else left.push(item)
    }
    return left
  }

  async function refresh(): Promise<void> {
    if (!repo) return
    items.value = (await repo.items()).filter((i) => i.username === username.value)
    nextTryAt.value = sender?.wakeAt
  }

  async function changed(): Promise<void> {
    await refresh()
    channel?.postMessage('changed')
  }

  /**
   * The account's storage once `start` has opened it: the screens may ask for the draft or queue
   * before the session is known (a restored tab), and are answered once it is.
   */
  async function opened(): Promise<{ repo: OutboxRepo; user: string }> {
    while (!repo || !username.value) await started.promise
    return { repo, user: username.value }
  }

  async function enqueue(make: (user: string) => OutboxItem): Promise<OutboxItem> {
    const { repo: r, user } = await opened()
    const item = make(user)
    await r.put(item)
    await changed()
    void sender?.run()
    return item
  }

  /** Queues a report with its (resized) photos; resolves once it is stored, before it is sent. */
  function queueReport(body: HazardReport, photos: readonly NewPhoto[] = []): Promise<OutboxItem> {
    return enqueue((user) => reportItem(user, body, photos, new Date(now())))
  }

  /** Queues a step on a hazard as the worker sees it (its version guards against a change meanwhile). */
  function queueAction(hazard: HazardView, body: HazardAction, photos: readonly NewPhoto[] = []): Promise<OutboxItem> {
    return enqueue((user) => actionItem(user, hazard, body, photos, new Date(now())))
  }

  /** Replaces an item that is not being sent by what `change` makes of it; false when there is none such. */
  async function replace(clientId: string, change: (item: OutboxItem) => OutboxItem | undefined): Promise<boolean> {
    const { repo: r } = await opened()
    const item = await r.item(clientId)
    const next = item && item.state !== 'sending' && item.state !== 'sent' ? change(item) : undefined
    if (!item || !next) return false
    await r.put({ ...next, seq: item.seq })
    await changed()
    void sender?.run(true)
    return true
  }

  /** 需处理 → 待发送, as it is, to be sent at once. */
  const retry = (clientId: string) => replace(clientId, (item) => retried(item, new Date(now())))
  /** A stale action made again on the hazard as it now is (the worker saw both versions). */
  const redo = (clientId: string) => replace(clientId, (item) => redoneOnTheirs(item, new Date(now())))

  /** Drops an item that is not being sent (a report already on the server stays there; only what is left of it goes). */
  async function discard(clientId: string): Promise<boolean> {
    const { repo: r } = await opened()
    const item = await r.item(clientId)
    if (!item || item.state === 'sending') return false
    await r.remove(clientId)
    await changed()
    return true
  }

  /** The "send now" button: every queued item at once, backoff or not; resolves when the pass is done. */
  async function sendNow(): Promise<void> {
    needsLogin.value = false
    await sender?.resume()
    await refresh()
  }

  /** After a new login as the same account: continue where the 401 stopped. */
  const resume = sendNow

  async function draft<T>(): Promise<StoredDraft<T> | undefined> {
    const { repo: r, user } = await opened()
    const first = firstDraft
    firstDraft = undefined
    return first ? ((await first) as StoredDraft<T> | undefined) : r.draft<T>(user)
  }
  async function saveDraft<T>(value: T): Promise<void> {
    const { repo: r, user } = await opened()
    firstDraft = undefined
    await r.saveDraft(user, value, new Date(now()).toISOString())
  }
  const clearDraft = async () => {
    const { repo: r, user } = await opened()
    firstDraft = undefined
    await r.clearDraft(user)
  }
  const cacheWork = async (queue: WorkQueue) => {
    const { repo: r, user } = await opened()
    await r.cache(`work:${user}`, queue)
  }
  const cachedWork = async () => {
    const { repo: r, user } = await opened()
    return r.cached<WorkQueue>(`work:${user}`)
  }

  return {
    items, username, needsLogin, persisted, nextTryAt, unsentCount, unsentReports,
    start, stop, idle, refresh, queueReport, queueAction, retry, redo, discard, sendNow, resume,
    draft, saveDraft, clearDraft, cacheWork, cachedWork,
  }
})

/** A promise and its resolve (Promise.withResolvers is too new for the phones' browsers and Node 20). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

/**
 * The connection cachedUser opened, kept for the outbox's `start` to take: opening the database
 * once, not twice, before the form (issue 15: usable within 1 s from the service worker).
 */
let kept: { name: string; repo: OutboxRepo } | undefined

function takeKept(name: string): OutboxRepo | undefined {
  const k = kept
  if (k?.name !== name) return undefined
  kept = undefined
  return k.repo
}

/** The last logged-in user, for opening the app with no signal; kept outside the store since it is read before `start`. */
export async function cachedUser(dbName: string = OUTBOX_DB): Promise<SessionUser | undefined> {
  const repo = await OutboxRepo.open(dbName)
  try {
    const user = await repo.cached<SessionUser>('user')
    kept?.repo.close()
    kept = { name: dbName, repo }
    return user
  } catch (error) {
    repo.close()
    throw error
  }
}

export async function cacheUser(user: SessionUser | undefined, dbName: string = OUTBOX_DB): Promise<void> {
  const repo = await OutboxRepo.open(dbName)
  try {
    await repo.cache('user', user)
  } finally {
    repo.close()
  }
}
