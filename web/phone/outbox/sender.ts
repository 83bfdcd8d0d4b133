import type { OutboxRepo, StoredItem } from './db'
import { deliver } from './deliver'
import type { OutboxHttp } from './http'

/** The lock every tab's sender takes: one sender at a time across the phone's tabs. */
export const SENDER_LOCK = 'pingan-outbox'

/** What the sender needs of `navigator.locks` (absent on older webviews). */
export type Locks = Pick<LockManager, 'request'>

export interface SenderDeps {
  repo: OutboxRepo
  http: OutboxHttp
  /** whose items this tab sends: the session's cookie is theirs, so another account's items wait for them */
  username: string
  locks?: Locks
  now?: () => number
  random?: () => number
  /** false when the browser knows it has no network (navigator.onLine); true says little, so then it just tries */
  online?: () => boolean
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
  /** told after every stored change, so the screens reload the list */
  changed?: () => void
  /** told when the server said the session is gone (the sender is paused until `resume`) */
  loggedOut?: () => void
}

/** While the browser says it is offline, how often to look again in case its `online` event never comes. */
export const OFFLINE_RECHECK_MS = 30_000

/**
 * Sends the account's queued items, one at a time, in queue order. A pass runs under the tabs'
 * lock; it stops at the first item the server did not answer (the network or the server is down,
 * the rest would fare no better) and a timer wakes it when that item's backoff ends. A 401 pauses it
 * until `resume()`. It never depends on Background Sync: the screens call `run` on load, on the
 * `online` event and from the "send now" button.
 */
export class OutboxSender {
  /** when the timer will try again (epoch ms), if one is set */
  wakeAt: number | undefined
  paused = false
  /** what ended the last pass early, if the storage failed under it */
  failure: unknown
  private running: Promise<void> | undefined
  private again = false
  private againForced = false
  private timer: unknown
  private stopped = false
  private recovered = false
  private readonly now: () => number
  private readonly random: () => number
  private readonly online: () => boolean

  constructor(private readonly deps: SenderDeps) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    this.online = deps.online ?? (() => globalThis.navigator?.onLine !== false)
  }

  /**
   * A pass over the queue; `force` ignores the head's backoff (load, back online, "send now").
   * Called while a pass runs, it runs one more pass after it. Resolves when no pass is left to run.
   */
  run(force = false): Promise<void> {
    if (this.stopped || this.paused) return this.running ?? Promise.resolve()
    if (this.running) {
      this.again = true
      this.againForced ||= force
      return this.running
    }
    this.running = this.loop(force)
      // The storage failing under a pass (the tab closing the database, a full disk) ends the pass; the items stay as stored.
      .catch((error: unknown) => void (this.failure = error))
      .finally(() => (this.running = undefined))
    return this.running
  }

  /** Resolves when the pass under way (if any) and those asked for meanwhile are done. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  /** After a new login: continue where the 401 stopped. */
  resume(): Promise<void> {
    this.paused = false
    return this.run(true)
  }

  /** No more passes or timers (logout, another account, the page closing). */
  stop(): void {
    this.stopped = true
    this.unschedule()
  }

  private async loop(force: boolean): Promise<void> {
    let forced = force
    do {
      this.again = false
      this.unschedule()
      await this.locked(forced)
      forced = this.againForced
      this.againForced = false
    } while (this.again && !this.paused && !this.stopped)
  }

  private async locked(force: boolean): Promise<void> {
    if (!this.deps.locks) return this.pass(force, false)
    await this.deps.locks.request(SENDER_LOCK, () => this.pass(force, true))
  }

  /**
   * One pass. `exclusive`: this tab holds the lock, so an item left `sending` was interrupted (the tab
   * died mid-send) and goes back to the queue; the idempotency key makes its resend safe. Without
   * locks that is known only of the first pass after load.
   */
  private async pass(force: boolean, exclusive: boolean): Promise<void> {
    const { repo, username } = this.deps
    if (exclusive || !this.recovered) await this.requeueInterrupted()
    this.recovered = true
    while (!this.paused && !this.stopped) {
      const head = (await repo.items()).find((i) => i.username === username && i.state === 'queued')
      if (!head) return
      // A send that cannot leave the phone only fails (and logs a network error); `online` will wake the sender.
      if (!this.online()) return this.schedule(this.now() + OFFLINE_RECHECK_MS)
      if (!force && head.nextAttemptAt > this.now()) return this.schedule(head.nextAttemptAt)
      // Claimed in one transaction: an item discarded or taken by another tab meanwhile is left alone.
      const sending = await repo.claim(head.clientId, this.iso())
      if (!sending) continue
      this.deps.changed?.()
      const save = async (next: StoredItem) => void (await this.save({ ...next, seq: sending.seq }))
      const outcome = await deliver(sending, { http: this.deps.http, save, now: this.now, random: this.random })
      if (outcome === 'loggedOut') {
        this.paused = true
        this.deps.loggedOut?.()
        return
      }
      if (outcome === 'wait') {
        const after = await repo.item(head.clientId)
        if (after) this.schedule(after.nextAttemptAt)
        return
      }
    }
  }

  private async requeueInterrupted(): Promise<void> {
    for (const item of await this.deps.repo.items()) {
      if (item.username === this.deps.username && item.state === 'sending') await this.save({ ...item, state: 'queued', updatedAt: this.iso() })
    }
  }

  private async save(item: StoredItem): Promise<StoredItem> {
    const stored = await this.deps.repo.put(item)
    this.deps.changed?.()
    return stored
  }

  private schedule(at: number): void {
    this.unschedule()
    this.wakeAt = at
    this.timer = (this.deps.setTimer ?? setTimeout)(() => {
      this.timer = undefined
      this.wakeAt = undefined
      void this.run()
    }, Math.max(0, at - this.now()))
    // The screens show when the next try is.
    this.deps.changed?.()
  }

  private iso(): string {
    return new Date(this.now()).toISOString()
  }

  private unschedule(): void {
    if (this.timer !== undefined) (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>)
    this.timer = undefined
    this.wakeAt = undefined
  }
}
